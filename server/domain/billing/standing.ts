import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { householdBalances } from "./ledger";
import type { CivilDate } from "@/common/dates";

/**
 * Where each issued invoice stands: the one computation behind every list, detail, status badge
 * and the invoices a payment is allocated to. Credit not tied to an invoice (a credit note on the
 * account, the unallocated part of a payment) settles the oldest invoices first, so the remaining
 * amounts of a household always add up to the balance it owes.
 */

export type InvoiceStatus = "paid" | "credited" | "partly_paid" | "unpaid";

export interface InvoiceSummary {
  id: string;
  householdId: string;
  number: string;
  kind: "monthly" | "basket";
  periodLabel: string;
  issuedAt: Date;
  dueDate: string;
  totalCents: number;
  previousBalanceCents: number;
  hiddenByFamily: boolean;
  /** Succeeded payments allocated to it. */
  paidCents: number;
  /** Credit notes against it. */
  creditedCents: number;
  /** Credit of the family account that settles it (oldest invoices first). */
  accountCreditCents: number;
  /** What is still due on it (never below 0). */
  remainingCents: number;
  paid: boolean;
  /** paid; credited: cleared by its own credit notes alone; partly_paid; unpaid. */
  status: InvoiceStatus;
}

interface Row {
  id: string;
  household_id: string;
  number: string;
  kind: "monthly" | "basket";
  period_label: string;
  issued_at: Date | string;
  due_date: string;
  total_cents: number;
  previous_balance_cents: number;
  hidden_by_family: boolean;
  paid_cents: number;
  credited_cents: number;
}

function statusOf(s: Pick<InvoiceSummary, "remainingCents" | "paidCents" | "creditedCents" | "accountCreditCents">): InvoiceStatus {
  if (s.remainingCents === 0) return s.paidCents === 0 && s.accountCreditCents === 0 && s.creditedCents > 0 ? "credited" : "paid";
  return s.paidCents + s.creditedCents + s.accountCreditCents > 0 ? "partly_paid" : "unpaid";
}

/** The one overdue rule, for family and staff views alike: its due date has passed and something is still due. */
export function isOverdue(invoice: { remainingCents: number; dueDate: CivilDate }, today: CivilDate): boolean {
  return invoice.remainingCents > 0 && invoice.dueDate < today;
}

/** Every invoice of the given households with its standing, oldest first (issue date, then number). */
export async function invoiceStandings(tx: Tx, tenantId: string, householdIds: string[]): Promise<InvoiceSummary[]> {
  if (!householdIds.length) return [];
  const ids = sql.join(
    householdIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = rowsOf<Row>(
    await tx.execute(sql`select i.id, i.household_id, i.number, i.kind, i.period_label, i.issued_at, i.due_date::text as due_date,
        i.total_cents, i.previous_balance_cents, i.hidden_by_family,
        coalesce((select sum(pa.amount_cents) from payment_allocations pa
          join payments p on p.tenant_id = pa.tenant_id and p.id = pa.payment_id and p.status = 'succeeded'
          where pa.tenant_id = i.tenant_id and pa.invoice_id = i.id), 0)::int as paid_cents,
        coalesce((select sum(cn.amount_cents) from credit_notes cn where cn.tenant_id = i.tenant_id and cn.invoice_id = i.id), 0)::int as credited_cents
      from invoices i
      where i.tenant_id = ${tenantId} and i.household_id in (${ids})
      order by i.issued_at, i.number`),
  );
  const balances = await householdBalances({ tx, tenant: { id: tenantId } }, { householdIds });
  // Free credit per household: what its invoices' own remainders add up to beyond the balance owed
  // (an invoice paid or credited beyond its total counts as free credit too).
  const free = new Map<string, number>();
  const own = rows.map((r) => Math.max(0, r.total_cents - Number(r.paid_cents) - Number(r.credited_cents)));
  rows.forEach((r, k) => free.set(r.household_id, (free.get(r.household_id) ?? 0) + own[k]!));
  for (const [householdId, open] of free) free.set(householdId, open - Math.max(0, balances.get(householdId) ?? 0));
  return rows.map((r, k) => {
    const left = free.get(r.household_id)!;
    const accountCreditCents = Math.min(Math.max(left, 0), own[k]!);
    free.set(r.household_id, left - accountCreditCents);
    const standing = {
      paidCents: Number(r.paid_cents),
      creditedCents: Number(r.credited_cents),
      accountCreditCents,
      remainingCents: own[k]! - accountCreditCents,
    };
    return {
      id: r.id,
      householdId: r.household_id,
      number: r.number,
      kind: r.kind,
      periodLabel: r.period_label,
      issuedAt: new Date(r.issued_at),
      dueDate: r.due_date,
      totalCents: r.total_cents,
      previousBalanceCents: r.previous_balance_cents,
      hiddenByFamily: r.hidden_by_family,
      ...standing,
      paid: standing.remainingCents === 0,
      status: statusOf(standing),
    };
  });
}
