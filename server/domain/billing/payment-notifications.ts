import { and, eq } from "drizzle-orm";
import { paymentEvents, payments, tenants } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { paymentProviderFor, paymentProviderNamed } from "@/server/adapters/payments/registry";
import { InvalidNotification, isIgnored, type PaymentEvent, type RawNotification } from "@/server/adapters/payments/types";
import { systemActor, type Scope } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { now as clockNow } from "@/common/clock";
import { settleOnlinePayment } from "./online-payment";
import { paymentResultUrl } from "./payment-provider";
import { queueReceipt } from "./receipts";
import { applyRefundEvent } from "./refunds";

/**
 * A provider's notification, whatever the provider: verified by its adapter, then applied to the
 * payment it names in the payment's commune. Applying is idempotent: the same event again (by its
 * id), an event for a payment already settled, or events out of order never double or lose money.
 */

export type NotificationOutcome = "applied" | "unchanged" | "refused" | "ignored";

export interface NotificationResult {
  outcome: NotificationOutcome;
  paymentRef: string;
  status: string;
  /** Our result page for that payment (the demo page's form lands there). */
  resultUrl: string;
}

/** Which commune a payment reference belongs to (references are unique across communes). */
async function paymentCommune(paymentRef: string): Promise<Tenant | null> {
  const [row] = await withPlatform((tx) =>
    tx
      .select({ tenant: tenants })
      .from(payments)
      .innerJoin(tenants, eq(tenants.id, payments.tenantId))
      .where(eq(payments.providerRef, paymentRef))
      .limit(2),
  );
  return (row?.tenant as Tenant | undefined) ?? null;
}

/** Our reference of the payment a provider knows by its own id (PayFiP's notification names only its idop). */
async function paymentRefOfSession(provider: string, providerReference: string): Promise<string | null> {
  const rows = await withPlatform((tx) =>
    tx
      .select({ ref: payments.providerRef })
      .from(payments)
      .where(and(eq(payments.provider, provider), eq(payments.providerSession, providerReference)))
      .limit(2),
  );
  // Provider ids are the provider's, not ours: two communes' payments sharing one would name neither.
  return rows.length === 1 ? rows[0]!.ref : null;
}

/**
 * The notification route's work: `null` when no such provider is switched on here, or a local-only
 * one (the demo) is called from another machine (404); throws
 * InvalidNotification when the adapter cannot trust it (400).
 */
export async function receivePaymentNotification(input: { provider: string; notification: RawNotification; now?: Date; loopback?: boolean }): Promise<NotificationResult | null> {
  const provider = paymentProviderNamed(input.provider);
  // The demo page's form is a development convenience: a remote caller does not even learn it exists.
  if (!provider || (provider.localOnly && !input.loopback)) return null;
  const found = new Map<string, Tenant | null>();
  const communeOf = async (ref: string) => {
    if (!found.has(ref)) found.set(ref, await paymentCommune(ref));
    return found.get(ref)!;
  };
  const now = input.now ?? clockNow();
  const settingsOf = async (ref: string) => {
    const tenant = await communeOf(ref);
    const configured = tenant ? paymentProviderFor(tenant) : null;
    return configured?.provider.name === provider.name ? configured.settings : null;
  };
  const paymentRefOf = (reference: string) => paymentRefOfSession(provider.name, reference);
  const event = await provider.verifyNotification(input.notification, { settingsOf, paymentRefOf, now });
  if (isIgnored(event)) return { outcome: "ignored", paymentRef: "", status: event.reason, resultUrl: "/" };
  const tenant = await communeOf(event.paymentRef);
  if (!tenant) throw new InvalidNotification("paiement inconnu");
  return withTenant(tenant.id, (tx) => applyPaymentEvent({ tx, tenant, actor: systemActor, now }, { provider: provider.name, event }));
}

/**
 * Applies one verified event to its payment. The event row is written first under its primary key
 * (provider, event id): a second delivery finds it and changes nothing. Then the payment row is
 * settled through `settleOnlinePayment`, which locks it and is itself idempotent (a success after
 * a failure is applied, a failure after a success is not, a superseded payment is never applied).
 * A payment whose amount is not what the provider says was paid is not applied (logged, kept).
 */
export async function applyPaymentEvent(scope: Scope, input: { provider: string; event: PaymentEvent }): Promise<NotificationResult> {
  const { tx, tenant, now } = scope;
  const { event } = input;
  const resultUrl = paymentResultUrl(tenant, event.paymentRef);
  const [payment] = await tx
    .select({ id: payments.id, status: payments.status, amountCents: payments.amountCents, provider: payments.provider })
    .from(payments)
    .where(and(eq(payments.tenantId, tenant.id), eq(payments.providerRef, event.paymentRef)))
    .for("update");
  if (!payment || (payment.provider !== null && payment.provider !== input.provider)) throw new InvalidNotification("paiement d'un autre prestataire");

  const outcome =
    event.status === "refunded"
      ? event.refundRef
        ? await applyRefundEvent(scope, { refundRef: event.refundRef, refundReference: event.providerReference, amountCents: event.amountCents })
        : "unchanged"
      : await decide(scope, payment, event);
  const [recorded] = await tx
    .insert(paymentEvents)
    .values({ tenantId: tenant.id, provider: input.provider, eventId: event.eventId, paymentId: payment.id, status: event.status, amountCents: event.amountCents, outcome, receivedAt: now })
    .onConflictDoNothing()
    .returning({ eventId: paymentEvents.eventId });
  if (!recorded) return { outcome: "unchanged", paymentRef: event.paymentRef, status: payment.status, resultUrl };
  if (outcome !== "applied" || event.status === "refunded") return { outcome, paymentRef: event.paymentRef, status: payment.status, resultUrl };
  const settled = await settleOnlinePayment(tx, tenant, event.paymentRef, event.status === "paid" ? "succeeded" : "failed", now);
  // The receipt is queued in the settling transaction: sent once, when (and only if) the success commits.
  if (settled.applied && settled.status === "succeeded") await queueReceipt(scope, { ref: event.paymentRef });
  return { outcome: settled.applied ? "applied" : "unchanged", paymentRef: event.paymentRef, status: settled.status, resultUrl };
}

/** What an event would do to the payment as it stands (read under its lock). */
async function decide(scope: Scope, payment: { status: string; amountCents: number }, event: PaymentEvent): Promise<NotificationOutcome> {
  void scope;
  if (event.status === "paid") {
    if (event.amountCents !== payment.amountCents) {
      console.error(`[recre] paiement ${event.paymentRef} : montant notifié ${event.amountCents} ≠ ${payment.amountCents}, non appliqué`);
      return "refused";
    }
    return payment.status === "succeeded" || payment.status === "cancelled" ? "unchanged" : "applied";
  }
  if (event.status === "failed" || event.status === "abandoned") return payment.status === "pending" ? "applied" : "unchanged";
  return "unchanged";
}
