import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { payments } from "@/db/schema";
import { systemActor, type Scope } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { notFound } from "@/server/errors";
import { now as clockNow } from "@/common/clock";
import { basketPaymentStatus, settleBasketPayment } from "./basket";
import { invoicePaymentStatus, settleInvoicePayment } from "./invoice-payments";
import { isOpen } from "./open-payments";
import { receiptOf, type PaymentReceipt } from "./receipts";

/**
 * Online payments, whatever they pay for (a basket, invoices): the provider's answer and the
 * status page go through here, to the settlement of that purpose.
 */

/** Applies the provider's answer to the payment it names, whatever it pays for; idempotent. */
export async function settleOnlinePayment(tx: Tx, tenant: Tenant, providerRef: string, outcome: "succeeded" | "failed", now = clockNow()) {
  const [payment] = await tx
    .select({ purpose: payments.purpose })
    .from(payments)
    .where(and(eq(payments.tenantId, tenant.id), eq(payments.providerRef, providerRef)));
  if (payment?.purpose === "basket") return settleBasketPayment({ tx, tenant, actor: systemActor, now }, { providerRef, outcome });
  if (payment?.purpose === "invoices") return settleInvoicePayment(tx, tenant, providerRef, outcome, now);
  throw notFound();
}

export interface OnlinePaymentStatus {
  ref: string;
  purpose: "basket" | "invoices";
  status: "pending" | "succeeded" | "failed" | "cancelled";
  amountCents: number;
  /** Whether the provider's page still takes it (not answered, or refused and retried, before it expires). */
  open: boolean;
  /** Until when the provider's page takes it (null: no limit recorded). */
  expiresAt: Date | null;
  /** Basket: the days paid for. */
  lines: { date: string; childName: string; activityName: string; status: string; creditedCents: number | null }[];
  /** Invoices: what each invoice was to receive. */
  invoices: { invoiceId: string; label: string; amountCents: number }[];
  /** Once it succeeded: the receipt (date, means, the provider's reference, what it paid). */
  receipt: PaymentReceipt | null;
}

/** A payment as its family sees it (NOT_FOUND for anyone else's, or for a counter payment). */
export async function onlinePaymentStatus(scope: Scope, input: { ref: string }): Promise<OnlinePaymentStatus> {
  const { tx, tenant, now } = scope;
  const householdIds = scope.actor.householdIds;
  const providerRef = input.ref;
  const [payment] = await tx
    .select({ purpose: payments.purpose })
    .from(payments)
    .where(and(eq(payments.tenantId, tenant.id), eq(payments.providerRef, providerRef)));
  if (payment?.purpose === "basket") {
    const { expiresAt, ...status } = await basketPaymentStatus(tx, tenant, householdIds, providerRef);
    return { ...status, purpose: "basket", open: isOpen({ status: status.status, expiresAt }, now), expiresAt, invoices: [], receipt: await receiptOf(tx, tenant, providerRef) };
  }
  if (payment?.purpose === "invoices") {
    const { expiresAt, ...status } = await invoicePaymentStatus(tx, tenant, householdIds, providerRef);
    return { ...status, purpose: "invoices", open: isOpen({ status: status.status, expiresAt }, now), expiresAt, lines: [], receipt: await receiptOf(tx, tenant, providerRef) };
  }
  throw notFound();
}
