import { and, asc, desc, eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { children, taxCertificates, type CertificateChild } from "@/db/schema";
import { todayIn, zonedInstant } from "@/common/dates";
import { messages } from "@/common/messages";
import { AppError, notFound } from "@/server/errors";
import type { Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";
import { lockHousehold } from "@/server/domain/billing/payments";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";
import { divideHalfUp } from "@/server/domain/billing/pricing";
import { householdFor } from "./households";

/**
 * Attestation fiscale (crédit d'impôt pour frais de garde, art. 200 quater B CGI): for one household
 * and calendar year, what it paid that year for the care of each child under 6 on 1 January, meals
 * excluded. "Paid" is read from payments succeeded in the year (in the commune's time zone) and
 * allocated to invoices; each allocation counts the child's non-meal lines in the invoice's share.
 */

/** Born after 1 January six years before: under 6 on 1 January of `year` (or born during it). */
export const under6On1January = (birthDate: string, year: number) => birthDate > `${year - 6}-01-01`;

export async function childcarePaid(scope: Scope, householdId: string, year: number): Promise<CertificateChild[]> {
  const kids = (
    await scope.tx
      .select({ childId: children.id, firstName: children.firstName, lastName: children.lastName, birthDate: children.birthDate })
      .from(children)
      .where(and(eq(children.tenantId, scope.tenant.id), eq(children.householdId, householdId)))
      .orderBy(asc(children.birthDate))
  ).filter((c) => under6On1January(c.birthDate, year) && c.birthDate <= `${year}-12-31`);
  if (!kids.length) return [];
  const from = zonedInstant(`${year}-01-01`, "00:00", scope.tenant.timeZone);
  const to = zonedInstant(`${year + 1}-01-01`, "00:00", scope.tenant.timeZone);
  const rows = rowsOf<{ child_id: string; allocated: number; invoice_total: number; child_cents: number }>(
    await scope.tx.execute(sql`select l.child_id, pa.amount_cents as allocated, i.total_cents as invoice_total, sum(l.amount_cents)::int as child_cents
      from payment_allocations pa
      join payments p on p.tenant_id = pa.tenant_id and p.id = pa.payment_id
      join invoices i on i.tenant_id = pa.tenant_id and i.id = pa.invoice_id
      join invoice_lines l on l.tenant_id = i.tenant_id and l.invoice_id = i.id
      where pa.tenant_id = ${scope.tenant.id} and p.household_id = ${householdId} and p.status = 'succeeded'
        and coalesce(p.settled_at, p.created_at) >= ${from.toISOString()} and coalesce(p.settled_at, p.created_at) < ${to.toISOString()}
        and l.kind <> 'meal' and l.child_id is not null
      group by pa.id, pa.amount_cents, i.total_cents, l.child_id`),
  );
  return kids.map((kid) => ({
    ...kid,
    amountCents: Math.max(
      0,
      rows.filter((r) => r.child_id === kid.childId && Number(r.invoice_total) > 0).reduce((s, r) => s + divideHalfUp(Number(r.allocated) * Number(r.child_cents), Number(r.invoice_total)), 0),
    ),
  }));
}

async function currentCertificate(scope: Scope, householdId: string, year: number) {
  const [row] = await scope.tx
    .select()
    .from(taxCertificates)
    .where(and(eq(taxCertificates.tenantId, scope.tenant.id), eq(taxCertificates.householdId, householdId), eq(taxCertificates.year, year), eq(taxCertificates.status, "current")));
  return row ?? null;
}

async function issue(scope: Scope, householdId: string, year: number, amounts: CertificateChild[]) {
  const issueYear = Number(todayIn(scope.tenant.timeZone, scope.now).slice(0, 4));
  const [row] = await scope.tx
    .insert(taxCertificates)
    .values({
      tenantId: scope.tenant.id,
      householdId,
      year,
      number: await nextDocumentNumber(scope.tx, scope.tenant.id, "tax_certificate", issueYear),
      children: amounts,
      totalCents: amounts.reduce((s, c) => s + c.amountCents, 0),
      issuedAt: scope.now,
      issuedBy: scope.actor.userId,
    })
    .returning();
  return row!;
}

/**
 * From 1 January, last year's certificate is on the portal without anyone asking: issued the first
 * time the family's page is read (or the staff's), if something eligible was paid that year.
 */
async function ensureLastYear(scope: Scope, householdId: string) {
  const year = Number(todayIn(scope.tenant.timeZone, scope.now).slice(0, 4)) - 1;
  if (await currentCertificate(scope, householdId, year)) return;
  const amounts = await childcarePaid(scope, householdId, year);
  if (!amounts.some((c) => c.amountCents > 0)) return;
  await lockHousehold(scope.tx, scope.tenant.id, householdId);
  if (await currentCertificate(scope, householdId, year)) return;
  await issue(scope, householdId, year, amounts);
}

/** The household's certificates, newest year first (replaced ones too, for staff). */
export async function certificatesOf(scope: Scope, input: { householdId?: string } = {}) {
  const household = await householdFor(scope, input.householdId);
  await ensureLastYear(scope, household.id);
  const rows = await scope.tx
    .select()
    .from(taxCertificates)
    .where(and(eq(taxCertificates.tenantId, scope.tenant.id), eq(taxCertificates.householdId, household.id)))
    .orderBy(desc(taxCertificates.year), desc(taxCertificates.number));
  const visible = scope.actor.role === "parent" ? rows.filter((r) => r.status === "current") : rows;
  return {
    householdId: household.id,
    lastYear: Number(todayIn(scope.tenant.timeZone, scope.now).slice(0, 4)) - 1,
    certificates: visible.map((r) => ({ id: r.id, year: r.year, number: r.number, totalCents: r.totalCents, children: r.children, issuedAt: r.issuedAt, status: r.status, replacedAt: r.replacedAt })),
  };
}

/** Staff reissue a year's certificate (amounts read again): a new number, the old one marked replaced. */
export async function reissueCertificate(scope: Scope, input: { householdId: string; year: number }) {
  const household = await householdFor(scope, input.householdId);
  const thisYear = Number(todayIn(scope.tenant.timeZone, scope.now).slice(0, 4));
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year >= thisYear) {
    throw new AppError("BAD_REQUEST", `${messages.fields.year} : ${messages.collection.yearInvalid}`, "year");
  }
  await lockHousehold(scope.tx, scope.tenant.id, household.id);
  const previous = await currentCertificate(scope, household.id, input.year);
  if (previous) {
    await scope.tx.update(taxCertificates).set({ status: "replaced", replacedAt: scope.now }).where(and(eq(taxCertificates.tenantId, scope.tenant.id), eq(taxCertificates.id, previous.id)));
  }
  const next = await issue(scope, household.id, input.year, await childcarePaid(scope, household.id, input.year));
  if (previous) await scope.tx.update(taxCertificates).set({ replacedBy: next.id }).where(and(eq(taxCertificates.tenantId, scope.tenant.id), eq(taxCertificates.id, previous.id)));
  await recordAudit(scope, { action: "family.tax_certificate_reissued", householdId: household.id, detail: { year: input.year, number: next.number, replaced: previous?.number ?? null } });
  return { id: next.id, number: next.number, replaced: previous?.number ?? null };
}

/** One certificate with what its PDF prints; a parent reads their households' only, anyone else NOT_FOUND. */
export async function certificateForPdf(scope: Scope, input: { certificateId: string }) {
  const [row] = await scope.tx
    .select()
    .from(taxCertificates)
    .where(and(eq(taxCertificates.tenantId, scope.tenant.id), eq(taxCertificates.id, input.certificateId)));
  if (!row || (scope.actor.role === "parent" && !scope.actor.householdIds.includes(row.householdId))) throw notFound();
  const household = await householdFor(scope, row.householdId);
  const [replaced] = await scope.tx
    .select({ number: taxCertificates.number })
    .from(taxCertificates)
    .where(and(eq(taxCertificates.tenantId, scope.tenant.id), eq(taxCertificates.replacedBy, row.id)));
  return { certificate: row, household, replacedNumber: replaced?.number ?? null };
}
