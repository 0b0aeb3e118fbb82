import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { households, invoices, paymentAllocations, payments, tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";
import { formatMoney } from "@/common/money";
import type { Scope } from "@/server/domain/scope";
import { householdBalance } from "./ledger";
import { invoiceStandings } from "./standing";

export const counterMethods = ["cash", "cheque", "cesu", "ancv", "transfer"] as const;
export type CounterMethod = (typeof counterMethods)[number];

export interface UnpaidInvoice {
  id: string;
  number: string;
  periodLabel: string;
  issuedAt: Date;
  totalCents: number;
  /** What is still due on it, after payments allocated to it, credit notes on it and any free credit. */
  remainingCents: number;
}

/**
 * Locks the household row: the one queue for everything that reads what a family owes and then
 * pays it (counter, online invoice and basket payments, and their starts), so two of them never
 * allocate the same amount due twice. Taken after a payment's own row lock, before any day's lock.
 * NO KEY UPDATE: it does not hold back a new invoice or credit note of the family (their foreign key
 * only share-locks the row), so an invoice run never waits for, nor deadlocks with, a payment.
 */
export async function lockHousehold(tx: Tx, tenantId: string, householdId: string) {
  const [row] = await tx.select({ id: households.id }).from(households).where(and(eq(households.tenantId, tenantId), eq(households.id, householdId))).for("no key update");
  if (!row) throw notFound();
}

/** A household's invoices still due, oldest first, as `invoiceStandings` counts them (free credit absorbed). */
export async function unpaidInvoices(scope: Pick<Scope, "tx" | "tenant">, input: { householdId: string }): Promise<UnpaidInvoice[]> {
  return (await invoiceStandings(scope.tx, scope.tenant.id, [input.householdId]))
    .filter((i) => i.remainingCents > 0)
    .map((i) => ({ id: i.id, number: i.number, periodLabel: i.periodLabel, issuedAt: i.issuedAt, totalCents: i.totalCents, remainingCents: i.remainingCents }));
}

/**
 * Splits a payment over invoices: as asked (never more than an invoice's remaining due), or oldest
 * first. `open` must be read before the payment counts in the balance. What is left is credit.
 */
export async function allocatePayment(
  tx: Tx,
  tenantId: string,
  paymentId: string,
  amountCents: number,
  open: UnpaidInvoice[],
  requested?: { invoiceId: string; amountCents: number }[],
): Promise<{ invoiceId: string; number: string; amountCents: number }[]> {
  const plan: { invoiceId: string; number: string; amountCents: number }[] = [];
  if (requested?.length) {
    const asked = new Map<string, number>();
    for (const r of requested) {
      if (!Number.isInteger(r.amountCents) || r.amountCents <= 0) throw new AppError("BAD_REQUEST", messages.payments.amountInvalid, "allocations");
      asked.set(r.invoiceId, (asked.get(r.invoiceId) ?? 0) + r.amountCents);
    }
    let total = 0;
    for (const [invoiceId, cents] of asked) {
      const invoice = open.find((o) => o.id === invoiceId);
      if (!invoice) throw new AppError("BAD_REQUEST", messages.payments.allocationUnknown, "allocations");
      if (cents > invoice.remainingCents) {
        throw new AppError("BAD_REQUEST", messages.payments.allocationTooHigh(invoice.number, formatMoney(invoice.remainingCents)), "allocations");
      }
      total += cents;
      plan.push({ invoiceId, number: invoice.number, amountCents: cents });
    }
    if (total > amountCents) throw new AppError("BAD_REQUEST", messages.payments.allocationsTooHigh, "allocations");
  } else {
    let left = amountCents;
    for (const invoice of open) {
      if (left <= 0) break;
      const cents = Math.min(left, invoice.remainingCents);
      plan.push({ invoiceId: invoice.id, number: invoice.number, amountCents: cents });
      left -= cents;
    }
  }
  if (plan.length) await tx.insert(paymentAllocations).values(plan.map((p) => ({ tenantId, paymentId, invoiceId: p.invoiceId, amountCents: p.amountCents })));
  return plan;
}

export interface CounterPaymentInput {
  householdId: string;
  method: CounterMethod;
  amountCents: number;
  reference?: string;
  allocations?: { invoiceId: string; amountCents: number }[];
  /** One per opening of the form (client-generated): the same submission again gives back the payment it recorded. */
  idempotencyKey?: string;
}

export interface CounterPaymentResult {
  paymentId: string;
  allocations: { invoiceId: string; number: string; amountCents: number }[];
  creditCents: number;
  balanceCents: number;
}

/**
 * A payment taken at the town hall's counter: recorded as succeeded, allocated, the rest left as
 * credit. A second submission with the same key (a double click, a retried request) records nothing
 * and answers what the first one recorded.
 */
export async function recordCounterPayment(scope: Scope, input: CounterPaymentInput): Promise<CounterPaymentResult> {
  const { tx, tenant, now } = scope;
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0 || input.amountCents > 100_000_000) {
    throw new AppError("BAD_REQUEST", messages.payments.amountInvalid, "amount");
  }
  if (!counterMethods.includes(input.method)) throw new AppError("BAD_REQUEST", messages.errors.BAD_REQUEST, "method");
  const reference = (input.reference ?? "").trim();
  if (reference.length > 200) throw new AppError("BAD_REQUEST", messages.payments.referenceTooLong, "reference");
  if (input.method === "cheque" && !reference) throw new AppError("BAD_REQUEST", messages.payments.chequeNumberRequired, "reference");
  // The household row lock queues two agents recording at once, so neither over-allocates an invoice,
  // and two submissions of one form, so the second finds the first's row.
  await lockHousehold(tx, tenant.id, input.householdId);
  if (input.idempotencyKey) {
    const already = await counterPaymentWithKey(scope, { householdId: input.householdId, idempotencyKey: input.idempotencyKey });
    if (already) return already;
  }
  const open = await unpaidInvoices(scope, { householdId: input.householdId });
  const [payment] = await tx
    .insert(payments)
    .values({
      tenantId: tenant.id,
      householdId: input.householdId,
      method: input.method,
      amountCents: input.amountCents,
      status: "succeeded",
      purpose: "counter",
      reference,
      createdAt: now,
      settledAt: now,
      recordedBy: scope.actor.userId,
      idempotencyKey: input.idempotencyKey ?? null,
    })
    .returning({ id: payments.id });
  const allocations = await allocatePayment(tx, tenant.id, payment!.id, input.amountCents, open, input.allocations);
  const allocated = allocations.reduce((s, a) => s + a.amountCents, 0);
  return {
    paymentId: payment!.id,
    allocations,
    creditCents: input.amountCents - allocated,
    balanceCents: await householdBalance({ tx, tenant }, { householdId: input.householdId }),
  };
}

/** The counter payment a form's key already recorded, as its first submission answered it; null if none. */
async function counterPaymentWithKey(scope: Scope, input: { householdId: string; idempotencyKey: string }): Promise<CounterPaymentResult | null> {
  const { tx, tenant } = scope;
  const [row] = await tx
    .select({ id: payments.id, householdId: payments.householdId, amountCents: payments.amountCents })
    .from(payments)
    .where(and(eq(payments.tenantId, tenant.id), eq(payments.idempotencyKey, input.idempotencyKey)));
  if (!row) return null;
  if (row.householdId !== input.householdId) throw new AppError("CONFLICT", messages.paymentsOnline.idempotencyKeyReused);
  const allocations = await tx
    .select({ invoiceId: paymentAllocations.invoiceId, number: invoices.number, amountCents: paymentAllocations.amountCents })
    .from(paymentAllocations)
    .innerJoin(invoices, and(eq(invoices.tenantId, paymentAllocations.tenantId), eq(invoices.id, paymentAllocations.invoiceId)))
    .where(and(eq(paymentAllocations.tenantId, tenant.id), eq(paymentAllocations.paymentId, row.id)));
  return {
    paymentId: row.id,
    allocations,
    creditCents: row.amountCents - allocations.reduce((s, a) => s + a.amountCents, 0),
    balanceCents: await householdBalance({ tx, tenant }, { householdId: row.householdId }),
  };
}

/**
 * The French refusal when this household owes more than the commune's threshold, else null. Asked
 * for the household of the child being booked: a parent's other family file does not block it.
 */
export async function debtBlockMessage(tx: Tx, tenant: Tenant, householdId: string): Promise<string | null> {
  if (tenant.debtBlockCents === null || tenant.debtBlockCents === undefined) return null;
  const balance = await householdBalance({ tx, tenant }, { householdId });
  return balance > tenant.debtBlockCents ? messages.payments.debtBlocked(formatMoney(balance)) : null;
}

/** Where a blocked family pays what it owes online (the invoices page, in any billing mode). */
export const debtPaymentHref = (tenant: Pick<Tenant, "slug">) => `/${tenant.slug}/factures`;

/** Commune setting (a platform table, hence the privileged path, scoped to this one commune). */
export async function setDebtBlock(tenantId: string, cents: number | null): Promise<void> {
  if (cents !== null && (!Number.isInteger(cents) || cents < 0)) throw new AppError("BAD_REQUEST", messages.payments.debtBlockInvalid, "debtBlock");
  await withPlatform((tx) => tx.update(tenants).set({ debtBlockCents: cents }).where(eq(tenants.id, tenantId)));
}

/** A household of this commune, or NOT_FOUND (the front desk names households by id). */
export async function assertHouseholdInCommune(scope: Scope, input: { householdId: string }) {
  const [row] = await scope.tx
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.tenantId, scope.tenant.id), eq(households.id, input.householdId)));
  if (!row) throw notFound();
}

/** Front desk: what a household of the commune still owes, invoice by invoice. */
export async function unpaidInvoicesOf(scope: Scope, input: { householdId: string }) {
  await assertHouseholdInCommune(scope, input);
  return unpaidInvoices(scope, input);
}
