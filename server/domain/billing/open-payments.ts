import { and, eq, gt, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { paymentBookings, paymentInvoices, payments } from "@/db/schema";
import type { UnpaidInvoice } from "./payments";

/**
 * Online payments still open, so that a family never pays the same thing twice: a payment started
 * and not answered yet holds what it pays for (an invoice payment its invoices, a basket payment its
 * days and the debts added to its total) until the provider's page closes. Every start reads them
 * under the household lock: the same invoices again (a second tab, "back" then "Payer") get the open
 * payment back; a newer choice of the same kind replaces it (the provider then refuses the old one);
 * what an open payment of the other kind holds is left out of the new amount.
 */

/** How long the provider's page takes a payment once opened (a real provider's session gets this expiry). */
export const PAYMENT_WINDOW_MINUTES = 30;
export const paymentExpiry = (now: Date) => new Date(now.getTime() + PAYMENT_WINDOW_MINUTES * 60_000);

/** Whether the provider's page still takes this payment: not answered yet, or refused (the family may retry). */
export const isOpen = (p: { status: string; expiresAt: Date | null }, now: Date) => (p.status === "pending" || p.status === "failed") && p.expiresAt !== null && p.expiresAt > now;

export interface OpenPayment {
  id: string;
  providerRef: string;
  purpose: "basket" | "invoices";
  amountCents: number;
  /** The provider's page, once the provider was asked (null: still to ask). */
  redirectUrl: string | null;
  expiresAt: Date | null;
  /** What it asks for each invoice. */
  invoices: Map<string, number>;
  bookingIds: string[];
}

/** A household's open online payments, oldest first. Read under its lock when about to start another. */
export async function openPayments(tx: Tx, tenantId: string, householdId: string, now: Date): Promise<OpenPayment[]> {
  const rows = await tx
    .select({
      id: payments.id,
      providerRef: payments.providerRef,
      purpose: payments.purpose,
      amountCents: payments.amountCents,
      redirectUrl: payments.redirectUrl,
      expiresAt: payments.expiresAt,
    })
    .from(payments)
    .where(
      and(
        eq(payments.tenantId, tenantId),
        eq(payments.householdId, householdId),
        inArray(payments.purpose, ["basket", "invoices"]),
        inArray(payments.status, ["pending", "failed"]),
        gt(payments.expiresAt, now),
      ),
    )
    .orderBy(payments.createdAt);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const asked = await tx
    .select({ paymentId: paymentInvoices.paymentId, invoiceId: paymentInvoices.invoiceId, amountCents: paymentInvoices.amountCents })
    .from(paymentInvoices)
    .where(and(eq(paymentInvoices.tenantId, tenantId), inArray(paymentInvoices.paymentId, ids)));
  const days = await tx
    .select({ paymentId: paymentBookings.paymentId, bookingId: paymentBookings.bookingId })
    .from(paymentBookings)
    .where(and(eq(paymentBookings.tenantId, tenantId), inArray(paymentBookings.paymentId, ids)));
  return rows.map((r) => ({
    id: r.id,
    providerRef: r.providerRef!,
    purpose: r.purpose as OpenPayment["purpose"],
    amountCents: r.amountCents,
    redirectUrl: r.redirectUrl,
    expiresAt: r.expiresAt,
    invoices: new Map(asked.filter((a) => a.paymentId === r.id).map((a) => [a.invoiceId, a.amountCents])),
    bookingIds: days.filter((d) => d.paymentId === r.id).map((d) => d.bookingId),
  }));
}

/** What these open payments hold on each invoice. */
export function heldOnInvoices(open: OpenPayment[]): Map<string, number> {
  const held = new Map<string, number>();
  for (const p of open) for (const [invoiceId, cents] of p.invoices) held.set(invoiceId, (held.get(invoiceId) ?? 0) + cents);
  return held;
}

/** What is left to ask on each invoice due once what open payments hold is taken off (zeros kept). */
export function leftToAsk(due: UnpaidInvoice[], held: Map<string, number>): { invoice: UnpaidInvoice; cents: number }[] {
  return due.map((invoice) => ({ invoice, cents: invoice.remainingCents - Math.min(invoice.remainingCents, held.get(invoice.id) ?? 0) }));
}

/**
 * Replaced by a newer payment: marked cancelled, which the settlement never applies and the demo
 * page refuses. A real provider's adapter must first cancel the session at the provider.
 */
export async function supersede(tx: Tx, tenantId: string, paymentIds: string[], now: Date) {
  if (!paymentIds.length) return;
  await tx
    .update(payments)
    .set({ status: "cancelled", settledAt: now })
    .where(and(eq(payments.tenantId, tenantId), inArray(payments.id, paymentIds), inArray(payments.status, ["pending", "failed"])));
}
