import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { children, creditNotes, households, invoiceLines, invoices } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { formatMoney } from "@/common/money";
import { todayIn } from "@/common/dates";
import { messages } from "@/common/messages";
import { nextDocumentNumber } from "./numbering";
import { invoiceStandings, isOverdue, type InvoiceSummary } from "./standing";
import type { Scope } from "@/server/domain/scope";

export type { InvoiceSummary } from "./standing";

/**
 * Reading issued invoices (families and front desk), hiding one, the e-invoice choice, and credit
 * notes against an invoice. A family procedure passes the caller's household ids: an invoice of any
 * other household is NOT_FOUND, exactly as one that does not exist.
 */

/** Invoices with their standing, latest first, each saying whether its due date has passed unpaid (the commune's today). */
async function latestFirst(scope: Scope, householdIds: string[]): Promise<(InvoiceSummary & { overdue: boolean })[]> {
  const today = todayIn(scope.tenant.timeZone, scope.now);
  return (await invoiceStandings(scope.tx, scope.tenant.id, householdIds)).reverse().map((i) => ({ ...i, overdue: isOverdue(i, today) }));
}

/** Staff read any household of the commune; a parent only their own (`null`: no restriction). */
const readableHouseholds = (scope: Scope) => (scope.actor.role === "parent" ? scope.actor.householdIds : null);

/** A family's invoices: to pay and paid; hidden ones only when asked. */
export async function familyInvoices(scope: Scope, options: { includeHidden?: boolean } = {}) {
  const all = await latestFirst(scope, scope.actor.householdIds);
  const shown = options.includeHidden ? all : all.filter((i) => !i.hiddenByFamily);
  return {
    toPay: shown.filter((i) => !i.paid),
    paid: shown.filter((i) => i.paid),
    hiddenCount: all.filter((i) => i.hiddenByFamily).length,
  };
}

/** Front desk: every invoice of one household. */
export async function householdInvoices(scope: Scope, input: { householdId: string }) {
  return latestFirst(scope, [input.householdId]);
}

export interface InvoiceDetail extends InvoiceSummary {
  /** Its due date has passed and something is still due. */
  overdue: boolean;
  toPayCents: number;
  household: { reference: string; name: string; addressLine: string; postalCode: string; city: string };
  lines: {
    id: string;
    childName: string | null;
    kind: string;
    label: string;
    dates: string[];
    quantity: number;
    unitPriceCents: number;
    amountCents: number;
  }[];
  creditNotes: { id: string; number: string; amountCents: number; reason: string; issuedAt: Date }[];
}

/** One invoice with its lines: a parent's own households' only, staff any of the commune. */
export async function invoiceDetail(scope: Scope, input: { invoiceId: string }): Promise<InvoiceDetail> {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { invoiceId } = input;
  const householdIds = readableHouseholds(scope);
  if (householdIds && !householdIds.length) throw notFound();
  const [owner] = await tx
    .select({ householdId: invoices.householdId })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId), householdIds ? inArray(invoices.householdId, householdIds) : undefined));
  if (!owner) throw notFound();
  const summary = (await invoiceStandings(tx, tenantId, [owner.householdId])).find((i) => i.id === invoiceId)!;
  const [household] = await tx
    .select({ reference: households.reference, name: households.name, addressLine: households.addressLine, postalCode: households.postalCode, city: households.city })
    .from(households)
    .where(and(eq(households.tenantId, tenantId), eq(households.id, summary.householdId)));
  const lines = await tx
    .select({
      id: invoiceLines.id,
      firstName: children.firstName,
      lastName: children.lastName,
      kind: invoiceLines.kind,
      label: invoiceLines.label,
      dates: invoiceLines.dates,
      quantity: invoiceLines.quantity,
      unitPriceCents: invoiceLines.unitPriceCents,
      amountCents: invoiceLines.amountCents,
    })
    .from(invoiceLines)
    .leftJoin(children, and(eq(children.tenantId, invoiceLines.tenantId), eq(children.id, invoiceLines.childId)))
    .where(and(eq(invoiceLines.tenantId, tenantId), eq(invoiceLines.invoiceId, invoiceId)))
    .orderBy(asc(invoiceLines.position));
  const notes = await tx
    .select({ id: creditNotes.id, number: creditNotes.number, amountCents: creditNotes.amountCents, reason: creditNotes.reason, issuedAt: creditNotes.issuedAt })
    .from(creditNotes)
    .where(and(eq(creditNotes.tenantId, tenantId), eq(creditNotes.invoiceId, invoiceId)))
    .orderBy(asc(creditNotes.issuedAt));
  return {
    ...summary,
    overdue: isOverdue(summary, todayIn(scope.tenant.timeZone, scope.now)),
    toPayCents: summary.previousBalanceCents + summary.totalCents,
    household: household!,
    lines: lines.map(({ firstName, lastName, ...l }) => ({ ...l, childName: firstName ? `${firstName} ${lastName}` : null })),
    creditNotes: notes,
  };
}

/** "Masquer cette facture": only the family's own view changes; the invoice stays as issued. */
export async function setInvoiceHidden(scope: Scope, input: { invoiceId: string; hidden: boolean }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdIds } = scope.actor;
  const { invoiceId, hidden } = input;
  if (!householdIds.length) throw notFound();
  const updated = await tx
    .update(invoices)
    .set({ hiddenByFamily: hidden })
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId), inArray(invoices.householdId, householdIds)))
    .returning({ id: invoices.id });
  if (!updated.length) throw notFound();
  return { invoiceId, hidden };
}

/** "Je choisis mon mode de réception de facture". */
export async function setInvoiceDelivery(scope: Scope, input: { householdId: string; delivery: "paper" | "email" }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdIds } = scope.actor;
  const { householdId, delivery } = input;
  if (!householdIds.includes(householdId)) throw notFound();
  const updated = await tx
    .update(households)
    .set({ invoiceDelivery: delivery })
    .where(and(eq(households.tenantId, tenantId), eq(households.id, householdId)))
    .returning({ id: households.id });
  if (!updated.length) throw notFound();
  return { householdId, delivery };
}

export async function invoiceDeliveries(scope: Scope) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdIds } = scope.actor;
  if (!householdIds.length) return [];
  return tx
    .select({ householdId: households.id, name: households.name, reference: households.reference, delivery: households.invoiceDelivery })
    .from(households)
    .where(and(eq(households.tenantId, tenantId), inArray(households.id, householdIds)))
    .orderBy(asc(households.reference));
}

/**
 * An avoir against an end-of-month invoice: at most what the invoice billed minus the credit notes
 * already on it. The invoice row is locked so two agents cannot both credit the last euro.
 */
export async function issueCreditNote(scope: Scope, input: { invoiceId: string; amountCents: number; reason: string }) {
  const { tx, tenant } = scope;
  const userId = scope.actor.userId;
  const reason = input.reason.trim();
  if (!reason) throw new AppError("BAD_REQUEST", `${messages.fields.reason} : ${messages.billing.creditNote.reasonRequired}`, "reason");
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) {
    throw new AppError("BAD_REQUEST", `${messages.fields.amountCents} : ${messages.billing.creditNote.amountPositive}`, "amountCents");
  }
  const [invoice] = rowsOf<{ household_id: string; total_cents: number; kind: string }>(
    await tx.execute(sql`select household_id, total_cents, kind from invoices where tenant_id = ${tenant.id} and id = ${input.invoiceId} for update`),
  );
  if (!invoice) throw notFound();
  if (invoice.kind !== "monthly") throw new AppError("BAD_REQUEST", messages.billing.creditNote.notMonthly);
  const [row] = rowsOf<{ credited: number }>(
    await tx.execute(sql`select coalesce(sum(amount_cents), 0)::int as credited from credit_notes where tenant_id = ${tenant.id} and invoice_id = ${input.invoiceId}`),
  );
  const max = invoice.total_cents - Number(row?.credited ?? 0);
  if (input.amountCents > max) throw new AppError("BAD_REQUEST", messages.billing.creditNote.tooMuch(formatMoney(Math.max(0, max))), "amountCents");
  const issuedAt = scope.now;
  const number = await nextDocumentNumber(tx, tenant.id, "credit_note", Number(todayIn(tenant.timeZone, issuedAt).slice(0, 4)));
  const [note] = await tx
    .insert(creditNotes)
    .values({ tenantId: tenant.id, householdId: invoice.household_id, invoiceId: input.invoiceId, number, amountCents: input.amountCents, reason, issuedAt, createdBy: userId })
    .returning({ id: creditNotes.id, number: creditNotes.number, amountCents: creditNotes.amountCents });
  return note!;
}
