import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { billedAttendance, billedBookings, invoiceLines, invoices } from "@/db/schema";
import type { TenantRef } from "@/server/domain/scope";
import { todayIn, type CivilDate } from "@/common/dates";
import type { LineKind } from "./charge-lines";
import { householdBalances } from "./ledger";
import { nextDocumentNumbers } from "./numbering";

/** An invoice ready to issue: its lines, and what it bills (recorded so nothing is billed twice). */
export interface InvoiceToIssue {
  householdId: string;
  lines: { childId: string | null; activityId: string | null; kind: LineKind; label: string; dates: CivilDate[]; quantity: number; unitPriceCents: number; amountCents: number }[];
  bookings: { bookingId: string; kind: "charge" | "regularisation" }[];
  attendance: { activityId: string; date: CivilDate; childId: string }[];
}

export interface IssuedInvoice {
  id: string;
  householdId: string;
  number: string;
  totalCents: number;
}

/** What every invoice of one issue shares: its kind, run, period, issue instant and due date. */
export interface IssueHeader {
  kind: "basket" | "monthly";
  runId: string | null;
  periodLabel: string;
  issuedAt: Date;
  dueDate: CivilDate;
  /** The basket settles days it checked itself under their locks: a day billed meanwhile is skipped, not refused. */
  skipBilledTwice?: boolean;
}

/** Rows per INSERT statement: well under the 65,535 parameters of one statement. */
const INSERT_CHUNK = 2000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await insert(rows.slice(start, start + INSERT_CHUNK));
}

/**
 * The one way an invoice is issued, by a basket payment or an invoice run: gapless numbers of the
 * issue year (in the drafts' order), the invoice rows with each household's previous balance, their
 * lines, and what they bill (`billed_bookings`, `billed_attendance`, whose keys refuse a second
 * charge). Each kind of row is written for the whole batch at once. Each household has one draft,
 * so no invoice of a batch changes another's previous balance.
 */
export async function issueInvoices(tx: Tx, tenant: TenantRef, header: IssueHeader, drafts: InvoiceToIssue[]): Promise<IssuedInvoice[]> {
  if (!drafts.length) return [];
  const balances = await householdBalances({ tx, tenant }, { householdIds: drafts.map((d) => d.householdId) });
  const year = Number(todayIn(tenant.timeZone, header.issuedAt).slice(0, 4));
  const numbers = await nextDocumentNumbers(tx, tenant.id, "invoice", year, drafts.length);
  // Ids made here, so lines and billed rows can refer to their invoice without reading it back.
  const issued = drafts.map((d, k) => ({ id: randomUUID(), householdId: d.householdId, number: numbers[k]!, totalCents: d.lines.reduce((s, l) => s + l.amountCents, 0) }));
  await writeInvoiceRows(tx, tenant, header, issued, balances);
  await writeLines(tx, tenant, drafts, issued);
  await recordBilled(tx, tenant, drafts, issued, header.skipBilledTwice ?? false);
  return issued;
}

async function writeInvoiceRows(tx: Tx, tenant: TenantRef, header: IssueHeader, issued: IssuedInvoice[], balances: Map<string, number>) {
  await insertChunked(issued, (chunk) =>
    tx.insert(invoices).values(
      chunk.map((i) => ({
        tenantId: tenant.id,
        id: i.id,
        householdId: i.householdId,
        runId: header.runId,
        number: i.number,
        kind: header.kind,
        periodLabel: header.periodLabel,
        issuedAt: header.issuedAt,
        dueDate: header.dueDate,
        totalCents: i.totalCents,
        previousBalanceCents: balances.get(i.householdId) ?? 0,
      })),
    ),
  );
}

async function writeLines(tx: Tx, tenant: TenantRef, drafts: InvoiceToIssue[], issued: IssuedInvoice[]) {
  const lines = drafts.flatMap((d, k) =>
    d.lines.map((l, position) => ({
      invoice_id: issued[k]!.id,
      child_id: l.childId,
      activity_id: l.activityId,
      kind: l.kind,
      label: l.label,
      dates: l.dates,
      quantity: l.quantity,
      unit_price_cents: l.unitPriceCents,
      amount_cents: l.amountCents,
      position,
    })),
  );
  if (!lines.length) return;
  // One JSON parameter, as for the billed bookings below: eleven parameters per line made a batch's
  // hundred lines cost more to build and bind than to insert.
  await tx.execute(sql`insert into ${invoiceLines} (tenant_id, invoice_id, child_id, activity_id, kind, label, dates, quantity, unit_price_cents, amount_cents, position)
    select ${tenant.id}, r.invoice_id, r.child_id, r.activity_id, r.kind, r.label, r.dates, r.quantity, r.unit_price_cents, r.amount_cents, r.position
    from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as r(invoice_id uuid, child_id uuid, activity_id uuid, kind text, label text, dates date[],
      quantity int, unit_price_cents int, amount_cents int, position int)`);
}

/** What the invoices bill; the primary keys refuse a second record, so a concurrent or repeated issue fails instead of billing twice. */
async function recordBilled(tx: Tx, tenant: TenantRef, drafts: InvoiceToIssue[], issued: IssuedInvoice[], skipBilledTwice: boolean) {
  const booked = drafts.flatMap((d, k) => d.bookings.map((b) => ({ booking_id: b.bookingId, invoice_id: issued[k]!.id, kind: b.kind })));
  // One JSON parameter instead of four per row: a batch's thousand rows cost one small statement to build and parse.
  if (booked.length) {
    await tx.execute(sql`insert into ${billedBookings} (tenant_id, booking_id, invoice_id, kind)
      select ${tenant.id}, r.booking_id, r.invoice_id, r.kind
      from jsonb_to_recordset(${JSON.stringify(booked)}::jsonb) as r(booking_id uuid, invoice_id uuid, kind text)
      ${skipBilledTwice ? sql`on conflict do nothing` : sql``}`);
  }
  const attended = drafts.flatMap((d, k) => d.attendance.map((a) => ({ tenantId: tenant.id, ...a, invoiceId: issued[k]!.id })));
  await insertChunked(attended, (chunk) => tx.insert(billedAttendance).values(chunk));
}
