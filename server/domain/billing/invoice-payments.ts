import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { invoices, paymentInvoices, payments } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { AppError, notFound } from "@/server/errors";
import { now as clockNow } from "@/common/clock";
import { messages } from "@/common/messages";
import { assertOnlinePayments, newPaymentRef, paymentMethodFor, paymentProviderNameFor, type OpenedPayment } from "./payment-provider";
import { heldOnInvoices, leftToAsk, openPayments, PAYMENT_WINDOW_MINUTES, paymentExpiry, supersede } from "./open-payments";
import { allocatePayment, lockHousehold, unpaidInvoices, type UnpaidInvoice } from "./payments";

/**
 * "Factures à payer" paid online: the invoices a parent ticks are paid in one payment, through the
 * same provider as the basket; once it succeeds it is allocated to each of them.
 */

/**
 * The first step of an invoice payment (payment-start.ts): writes one payment for the chosen
 * invoices of one of the caller's households, in the caller's transaction, which commits before the
 * provider is called. The amount is what is still due on each (read here, never from the browser);
 * an invoice of another family is NOT_FOUND. Under the household lock, against the household's open
 * payments (open-payments.ts): the same invoices for the same amounts give back the payment already
 * open (a second tab, "back" then "Payer" again), so it cannot be paid twice; an open invoice payment
 * sharing an invoice is replaced by this one; what an open basket payment already adds to its total
 * is not asked again.
 */
export async function openInvoicePayment(scope: Scope, input: { invoiceIds: string[] }): Promise<OpenedPayment> {
  const { tx, tenant, now } = scope;
  const householdIds = scope.actor.householdIds;
  assertOnlinePayments(tenant);
  const wanted = [...new Set(input.invoiceIds)];
  if (!wanted.length) throw new AppError("BAD_REQUEST", messages.onlinePayment.noneSelected, "invoiceIds");
  if (!householdIds.length) throw notFound();
  const owned = await tx
    .select({ id: invoices.id, householdId: invoices.householdId })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenant.id), inArray(invoices.id, wanted), inArray(invoices.householdId, householdIds)));
  if (owned.length !== wanted.length) throw notFound();
  const householdId = owned[0]!.householdId;
  if (owned.some((o) => o.householdId !== householdId)) throw new AppError("BAD_REQUEST", messages.onlinePayment.severalHouseholds, "invoiceIds");
  await lockHousehold(tx, tenant.id, householdId);
  const due = await unpaidInvoices({ tx, tenant }, { householdId });
  if (wanted.some((id) => !due.some((d) => d.id === id))) throw new AppError("BAD_REQUEST", messages.onlinePayment.notDue, "invoiceIds");
  const open = await openPayments(tx, tenant.id, householdId, now);
  const asked = leftToAsk(
    due.filter((d) => wanted.includes(d.id)),
    heldOnInvoices(open.filter((p) => p.purpose === "basket")),
  );
  const inBasket = asked.find((a) => a.cents <= 0);
  if (inBasket) throw new AppError("BAD_REQUEST", messages.onlinePayment.inBasketPayment(inBasket.invoice.number, PAYMENT_WINDOW_MINUTES), "invoiceIds");
  const description = messages.onlinePayment.invoicesDescription(asked.map((a) => a.invoice.number));

  const already = open.filter((p) => p.purpose === "invoices");
  const same = already.find((p) => p.invoices.size === asked.length && asked.every((a) => p.invoices.get(a.invoice.id) === a.cents));
  if (same) return { ref: same.providerRef, amountCents: same.amountCents, settled: false, redirectUrl: same.redirectUrl, expiresAt: same.expiresAt, description };
  await supersede(
    tx,
    tenant.id,
    already.filter((p) => asked.some((a) => p.invoices.has(a.invoice.id))).map((p) => p.id),
    now,
  );

  const amountCents = asked.reduce((s, a) => s + a.cents, 0);
  const ref = newPaymentRef();
  const expiresAt = paymentExpiry(now);
  const [payment] = await tx
    .insert(payments)
    .values({
      tenantId: tenant.id,
      householdId,
      method: paymentMethodFor(tenant),
      provider: paymentProviderNameFor(tenant),
      amountCents,
      status: "pending",
      purpose: "invoices",
      providerRef: ref,
      createdAt: now,
      expiresAt,
    })
    .returning({ id: payments.id });
  await tx.insert(paymentInvoices).values(asked.map((a) => ({ tenantId: tenant.id, paymentId: payment!.id, invoiceId: a.invoice.id, amountCents: a.cents })));
  return { ref, amountCents, settled: false, redirectUrl: null, expiresAt, description };
}

export interface InvoiceSettleResult {
  ref: string;
  status: "pending" | "succeeded" | "failed" | "cancelled";
  /** False when the notification changed nothing (already applied). */
  applied: boolean;
  allocations: { invoiceId: string; number: string; amountCents: number }[];
}

/**
 * Applies the provider's answer. The payment row is locked first, so a notification delivered twice
 * waits for the first and then finds it succeeded: nothing is allocated twice. A refusal only marks
 * the payment failed. On success each chosen invoice receives what it was asked for, never more than
 * is still due on it now (a counter payment may have come first): the rest is credit on the account.
 */
export async function settleInvoicePayment(tx: Tx, tenant: Tenant, providerRef: string, outcome: "succeeded" | "failed", now = clockNow()): Promise<InvoiceSettleResult> {
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, tenant.id), eq(payments.providerRef, providerRef)))
    .for("update");
  if (!payment || payment.purpose !== "invoices") throw notFound();
  const unchanged: InvoiceSettleResult = { ref: providerRef, status: payment.status, applied: false, allocations: [] };
  if (payment.status === "succeeded" || payment.status === "cancelled") return unchanged;
  const where = and(eq(payments.tenantId, tenant.id), eq(payments.id, payment.id));
  if (outcome === "failed") {
    if (payment.status === "failed") return unchanged;
    await tx.update(payments).set({ status: "failed", settledAt: now }).where(where);
    return { ...unchanged, status: "failed", applied: true };
  }
  await lockHousehold(tx, tenant.id, payment.householdId);
  // Read before the payment counts in the balance, as allocatePayment requires.
  const open = await unpaidInvoices({ tx, tenant }, { householdId: payment.householdId });
  const asked = await tx
    .select({ invoiceId: paymentInvoices.invoiceId, amountCents: paymentInvoices.amountCents })
    .from(paymentInvoices)
    .where(and(eq(paymentInvoices.tenantId, tenant.id), eq(paymentInvoices.paymentId, payment.id)));
  const requested = asked
    .map((a) => ({ invoiceId: a.invoiceId, amountCents: Math.min(a.amountCents, open.find((o) => o.id === a.invoiceId)?.remainingCents ?? 0) }))
    .filter((a) => a.amountCents > 0);
  const allocations = requested.length ? await allocatePayment(tx, tenant.id, payment.id, payment.amountCents, open, requested) : [];
  await tx.update(payments).set({ status: "succeeded", settledAt: now }).where(where);
  return { ref: providerRef, status: "succeeded", applied: true, allocations };
}

/** An invoice payment as its family sees it (NOT_FOUND for anyone else's). */
export async function invoicePaymentStatus(tx: Tx, tenant: Tenant, householdIds: string[], providerRef: string) {
  const [payment] = await tx
    .select({ id: payments.id, status: payments.status, amountCents: payments.amountCents, householdId: payments.householdId, purpose: payments.purpose, expiresAt: payments.expiresAt })
    .from(payments)
    .where(and(eq(payments.tenantId, tenant.id), eq(payments.providerRef, providerRef)));
  if (!payment || payment.purpose !== "invoices" || !householdIds.includes(payment.householdId)) throw notFound();
  const rows = await tx
    .select({ invoiceId: invoices.id, number: invoices.number, periodLabel: invoices.periodLabel, amountCents: paymentInvoices.amountCents })
    .from(paymentInvoices)
    .innerJoin(invoices, and(eq(invoices.tenantId, paymentInvoices.tenantId), eq(invoices.id, paymentInvoices.invoiceId)))
    .where(and(eq(paymentInvoices.tenantId, tenant.id), eq(paymentInvoices.paymentId, payment.id)))
    .orderBy(asc(invoices.issuedAt), asc(invoices.number));
  return {
    ref: providerRef,
    status: payment.status,
    amountCents: payment.amountCents,
    expiresAt: payment.expiresAt,
    invoices: rows.map((r) => ({ invoiceId: r.invoiceId, label: messages.onlinePayment.label(r.number, r.periodLabel), amountCents: r.amountCents })),
  };
}

export interface PayableInvoice extends UnpaidInvoice {
  /** What paying it online now asks: what is due, less what an open basket payment already adds for it (0: nothing). */
  remainingCents: number;
  /** The provider's page of an open payment that pays it (to go back to it), else null. */
  openPaymentUrl: string | null;
}

/** The invoices a parent can pay online now, per household, with what paying each would ask. */
export async function payableInvoices(scope: Scope) {
  const { tx, tenant, now } = scope;
  const householdIds = scope.actor.householdIds;
  const result: { householdId: string; invoices: PayableInvoice[] }[] = [];
  for (const householdId of householdIds) {
    const due = await unpaidInvoices({ tx, tenant }, { householdId });
    const open = await openPayments(tx, tenant.id, householdId, now);
    const asked = leftToAsk(due, heldOnInvoices(open.filter((p) => p.purpose === "basket")));
    result.push({
      householdId,
      invoices: asked.map(({ invoice, cents }) => {
        const paying = open.find((p) => p.invoices.has(invoice.id));
        return { ...invoice, remainingCents: cents, openPaymentUrl: paying?.redirectUrl ?? null };
      }),
    });
  }
  return result;
}
