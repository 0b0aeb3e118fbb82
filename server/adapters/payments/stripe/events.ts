import { z } from "zod";
import { InvalidNotification, type IgnoredNotification, type NotificationContext, type PaymentEvent, type PaymentEventStatus } from "../types";
import type { StripeSettings } from "./index";

/**
 * A verified Stripe event (signature already checked) turned into our one normalized event. Only
 * the events of a Checkout Session and of the refunds we asked for matter; any other is ignored
 * (answered 200 so that Stripe does not send it again).
 */

const metadata = z.record(z.string(), z.string()).nullish();

const eventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().max(255),
  /** Connect: the connected account the event happened on. */
  account: z.string().max(255).nullish(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const sessionSchema = z.object({
  id: z.string(),
  amount_total: z.number().int().nullable(),
  currency: z.string().nullable(),
  payment_status: z.string(),
  client_reference_id: z.string().nullish(),
  metadata,
});

const refundSchema = z.object({ id: z.string(), amount: z.number().int(), currency: z.string(), status: z.string().nullable(), metadata });

/** What each Checkout Session event says of the payment. */
const sessionStatus: Record<string, (session: z.infer<typeof sessionSchema>) => PaymentEventStatus | null> = {
  // Card: paid at once. A delayed method (bank debit) completes "unpaid" and says later.
  "checkout.session.completed": (s) => (s.payment_status === "paid" || s.payment_status === "no_payment_required" ? "paid" : null),
  "checkout.session.async_payment_succeeded": () => "paid",
  "checkout.session.async_payment_failed": () => "failed",
  "checkout.session.expired": () => "abandoned",
};

const ignored = (reason: string): IgnoredNotification => ({ ignored: true, reason });

export async function stripeEvent(raw: unknown, settingsOf: NotificationContext<StripeSettings>["settingsOf"]): Promise<PaymentEvent | IgnoredNotification> {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidNotification("stripe: événement illisible");
  const event = parsed.data;
  const onOurAccount = async (paymentRef: string) => {
    const settings = await settingsOf(paymentRef);
    // The event must come from the account of the commune the payment belongs to.
    if (!settings || settings.accountId !== event.account) throw new InvalidNotification("stripe: paiement d'un autre compte");
  };

  const fromSession = sessionStatus[event.type];
  if (fromSession) {
    const session = sessionSchema.safeParse(event.data.object);
    if (!session.success) throw new InvalidNotification("stripe: session illisible");
    const s = session.data;
    const paymentRef = s.metadata?.paymentRef ?? s.client_reference_id;
    if (!paymentRef) return ignored("session sans référence Récré");
    await onOurAccount(paymentRef);
    const status = fromSession(s);
    if (!status) return ignored(`session ${s.payment_status}`);
    if (s.currency && s.currency !== "eur") throw new InvalidNotification("stripe: devise autre que l'euro");
    return { eventId: event.id, paymentRef, providerReference: s.id, status, amountCents: s.amount_total ?? 0 };
  }

  if (event.type === "refund.created" || event.type === "refund.updated") {
    const refund = refundSchema.safeParse(event.data.object);
    if (!refund.success) throw new InvalidNotification("stripe: remboursement illisible");
    const r = refund.data;
    const paymentRef = r.metadata?.paymentRef;
    // A refund made in Stripe's dashboard carries none of our references: the treasury records it.
    if (!paymentRef || !r.metadata?.refundRef) return ignored("remboursement fait hors de Récré");
    await onOurAccount(paymentRef);
    if (r.status !== "succeeded" && r.status !== "pending") return ignored(`remboursement ${r.status}`);
    return { eventId: event.id, paymentRef, providerReference: r.id, status: "refunded", amountCents: r.amount, refundRef: r.metadata.refundRef };
  }

  return ignored(event.type);
}
