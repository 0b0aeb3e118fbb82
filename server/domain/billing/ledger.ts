import { and, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { creditNotes, invoices, payments } from "@/db/schema";
import { messages } from "@/common/messages";
import type { Scope } from "@/server/domain/scope";
import { assertHouseholdInCommune } from "./payments";

/** What the ledger reads with: the open transaction and the commune (a Scope will do). */
export type LedgerScope = { tx: Tx; tenant: Pick<Scope["tenant"], "id"> };

/**
 * A household's balance in cents, derived from the documents (never stored): invoices owed, minus
 * credit notes, minus succeeded payments. Positive: the family owes; negative: credit on its account.
 */
export async function householdBalance(scope: LedgerScope, input: { householdId: string }): Promise<number> {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdId } = input;
  const [row] = rowsOf<{ balance: number }>(
    await tx.execute(sql`select
        coalesce((select sum(total_cents) from ${invoices} where tenant_id = ${tenantId} and household_id = ${householdId}), 0)
      - coalesce((select sum(amount_cents) from ${creditNotes} where tenant_id = ${tenantId} and household_id = ${householdId}), 0)
      - coalesce((select sum(amount_cents) from ${payments} where tenant_id = ${tenantId} and household_id = ${householdId} and status = 'succeeded'), 0)
      as balance`),
  );
  return Number(row?.balance ?? 0);
}

/**
 * `householdBalance` of many households in one query (an invoice run's batch): each of the three
 * sums is grouped once by household instead of being asked household by household. Households
 * without any document are 0.
 */
export async function householdBalances(scope: LedgerScope, input: { householdIds: string[] }): Promise<Map<string, number>> {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdIds } = input;
  const balances = new Map(householdIds.map((id) => [id, 0]));
  if (!householdIds.length) return balances;
  const ids = sql`(${sql.join(
    householdIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const rows = rowsOf<{ household_id: string; balance: number | string }>(
    await tx.execute(sql`select household_id, sum(amount)::bigint as balance from (
        select household_id, sum(total_cents) as amount from ${invoices} where tenant_id = ${tenantId} and household_id in ${ids} group by household_id
        union all
        select household_id, -sum(amount_cents) from ${creditNotes} where tenant_id = ${tenantId} and household_id in ${ids} group by household_id
        union all
        select household_id, -sum(amount_cents) from ${payments} where tenant_id = ${tenantId} and household_id in ${ids} and status = 'succeeded' group by household_id
      ) documents group by household_id`),
  );
  for (const r of rows) balances.set(r.household_id, Number(r.balance));
  return balances;
}

export interface StatementLine {
  at: Date;
  kind: "invoice" | "credit_note" | "payment";
  id: string;
  label: string;
  /** Positive adds to what is owed, negative reduces it. */
  amountCents: number;
  balanceAfterCents: number;
}

/**
 * Documents of one instant (a basket's invoice, the credit for a day that filled up, and the payment
 * settling them) in the order they follow from one another: what is owed before what pays it.
 */
const sameInstantOrder: Record<StatementLine["kind"], number> = { invoice: 0, credit_note: 1, payment: 2 };

/** Relevé de compte: every document in date order with the running balance after each. */
export async function householdStatement(scope: LedgerScope, input: { householdId: string }): Promise<StatementLine[]> {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdId } = input;
  const docs = [
    ...(await tx
      .select({ at: invoices.issuedAt, id: invoices.id, number: invoices.number, amount: invoices.totalCents, period: invoices.periodLabel })
      .from(invoices)
      .where(and(eq(invoices.tenantId, tenantId), eq(invoices.householdId, householdId)))).map((i) => ({
      at: i.at,
      kind: "invoice" as const,
      id: i.id,
      order: i.number,
      label: `Facture ${i.number} — ${i.period}`,
      amountCents: i.amount,
    })),
    ...(await tx
      .select({ at: creditNotes.issuedAt, id: creditNotes.id, number: creditNotes.number, amount: creditNotes.amountCents, reason: creditNotes.reason })
      .from(creditNotes)
      .where(and(eq(creditNotes.tenantId, tenantId), eq(creditNotes.householdId, householdId)))).map((c) => ({
      at: c.at,
      kind: "credit_note" as const,
      id: c.id,
      order: c.number,
      label: `Avoir ${c.number} — ${c.reason}`,
      amountCents: -c.amount,
    })),
    ...(await tx
      .select({ at: payments.settledAt, created: payments.createdAt, id: payments.id, method: payments.method, amount: payments.amountCents, reference: payments.reference, purpose: payments.purpose })
      .from(payments)
      // A basket the account's credit paid whole records a payment of 0: nothing changed hands, no line.
      .where(and(eq(payments.tenantId, tenantId), eq(payments.householdId, householdId), eq(payments.status, "succeeded"), ne(payments.amountCents, 0)))).map((p) => ({
      at: p.at ?? p.created,
      kind: "payment" as const,
      id: p.id,
      order: p.created.toISOString(),
      // A refund is a payment of negative amount: it adds back to what the family owes.
      label: (p.purpose === "refund" ? messages.paymentsOnline.refund.label : messages.payments.paymentLabel)(messages.payments.methods[p.method] ?? p.method, p.reference),
      amountCents: -p.amount,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || sameInstantOrder[a.kind] - sameInstantOrder[b.kind] || a.order.localeCompare(b.order) || a.id.localeCompare(b.id));
  let balance = 0;
  return docs.map(({ order: _order, ...d }) => {
    balance += d.amountCents;
    return { ...d, balanceAfterCents: balance };
  });
}

/** A household's statement and balance (NOT_FOUND for a household that is not the commune's). */
export async function statementWithBalance(scope: Scope, input: { householdId: string }) {
  await assertHouseholdInCommune(scope, input);
  const lines = await householdStatement(scope, input);
  return { lines, balanceCents: await householdBalance(scope, input) };
}
