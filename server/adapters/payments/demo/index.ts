import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/config/env";
import { InvalidNotification, type PaymentEvent, type PaymentProvider, type PaymentStartInput } from "../types";

/**
 * The demonstration provider: a page of the portal stands in for the card provider's page and the
 * family itself answers "accepted" or "refused". Its form posts a notification to
 * `/api/paiements/demo`, signed like a real provider's webhook, so it goes through the same
 * verify → apply path as any provider. No money moves; on only in development and test (or when a
 * demo deployment sets PAYMENT_PROVIDER=demo).
 */

const settingsSchema = z.object({}).strict();
export type DemoSettings = z.infer<typeof settingsSchema>;

/** Signs what the demo page may post back: the payment, its amount and when its page closes. */
function sign(fields: { ref: string; amountCents: number; expiresAt: number }): string {
  return createHmac("sha256", `demo-payments:${env().authSecret}`).update(`${fields.ref}|${fields.amountCents}|${fields.expiresAt}`).digest("base64url");
}

function sameSignature(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The demo page's URL for a payment, with what its form must post back signed. */
export function demoPageUrl(input: Pick<PaymentStartInput, "paymentRef" | "amountCents" | "expiresAt" | "commune">): string {
  const expiresAt = input.expiresAt.getTime();
  const params = new URLSearchParams({
    ref: input.paymentRef,
    montant: String(input.amountCents),
    exp: String(expiresAt),
    sig: sign({ ref: input.paymentRef, amountCents: input.amountCents, expiresAt }),
  });
  return `/${input.commune.slug}/paiement/demo?${params}`;
}

const notificationSchema = z.object({
  ref: z.string().min(1).max(100),
  montant: z.coerce.number().int().min(0),
  exp: z.coerce.number().int().min(0),
  sig: z.string().min(1).max(200),
  outcome: z.enum(["paid", "failed"]),
  /** One id per click: a double click, or the same form posted again, is one event. */
  event: z.string().min(1).max(100),
});

export const demoProvider: PaymentProvider<DemoSettings> = {
  name: "demo",
  method: "demo",
  localOnly: true,
  settingsSchema,

  async start(input) {
    return { redirectUrl: demoPageUrl(input), providerReference: `demo_${input.paymentRef}` };
  },

  async verifyNotification(notification, { settingsOf, now }): Promise<PaymentEvent> {
    const parsed = notificationSchema.safeParse(Object.fromEntries(new URLSearchParams(notification.body)));
    if (!parsed.success) throw new InvalidNotification("demo: champs manquants");
    const n = parsed.data;
    if (!sameSignature(n.sig, sign({ ref: n.ref, amountCents: n.montant, expiresAt: n.exp }))) throw new InvalidNotification("demo: signature invalide");
    if (!(await settingsOf(n.ref))) throw new InvalidNotification("demo: paiement inconnu");
    // Like a card provider's page: once closed, it reports the payment abandoned, never paid.
    const closed = now.getTime() > n.exp;
    return {
      eventId: `demo_${n.event}_${n.outcome}`,
      paymentRef: n.ref,
      providerReference: `demo_${n.ref}`,
      status: closed ? "abandoned" : n.outcome,
      amountCents: n.montant,
    };
  },

  async refund(input) {
    return { refundReference: `demo_refund_${input.idempotencyKey}` };
  },
};
