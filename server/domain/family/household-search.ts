import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { households } from "@/db/schema";
import { recordAudit } from "@/server/domain/audit/audit";
import type { Scope } from "@/server/domain/scope";

/** The front desk's families list: a search, filters and a page. Shared with the CSV export (without the page). */
export const householdSearchInput = z.object({
  /** Family name, reference, a child's name, a guardian's name or e-mail. */
  search: z.string().trim().max(100).default(""),
  resident: z.enum(["all", "yes", "no"]).default("all"),
  /** Only families whose balance (invoices − credit notes − payments) is above zero. */
  owing: z.boolean().default(false),
  /** Only families with an account whose pre-registration waits for staff (merged into them, or sent again). */
  pendingApplications: z.boolean().default(false),
  page: z.number().int().min(1).max(100_000).default(1),
});
export type HouseholdSearchInput = z.infer<typeof householdSearchInput>;

export const PAGE_SIZE = 25;

/** What a household owes now, in cents, as the statement computes it (server/domain/billing/ledger.ts). */
const balance = sql<number>`(
  coalesce((select sum(i.total_cents) from invoices i where i.tenant_id = ${households}.tenant_id and i.household_id = ${households}.id), 0)
  - coalesce((select sum(c.amount_cents) from credit_notes c where c.tenant_id = ${households}.tenant_id and c.household_id = ${households}.id), 0)
  - coalesce((select sum(p.amount_cents) from payments p where p.tenant_id = ${households}.tenant_id and p.household_id = ${households}.id and p.status = 'succeeded'), 0)
)::int`;

/** A guardian of the household has an account whose pre-registration in this commune is waiting for staff. */
const pendingApplication = sql<boolean>`exists (select 1 from guardians g join applications a on a.tenant_id = g.tenant_id and a.user_id = g.user_id
  where g.tenant_id = ${households}.tenant_id and g.household_id = ${households}.id and a.status = 'submitted')`;

/** `%`, `_` and `\` typed by a person are letters, not patterns. */
const likePattern = (search: string) => `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(scope: Scope, input: HouseholdSearchInput): SQL[] {
  const where: SQL[] = [eq(households.tenantId, scope.tenant.id)];
  if (input.search) {
    const like = likePattern(input.search);
    where.push(sql`(lower(${households.name}) like ${like} or lower(${households.reference}) like ${like}
      or exists (select 1 from children c where c.tenant_id = ${households}.tenant_id and c.household_id = ${households}.id
        and lower(c.first_name || ' ' || c.last_name) like ${like})
      or exists (select 1 from guardians g where g.tenant_id = ${households}.tenant_id and g.household_id = ${households}.id
        and (lower(coalesce(g.email, '')) like ${like} or lower(g.first_name || ' ' || g.last_name) like ${like})))`);
  }
  if (input.resident !== "all") where.push(eq(households.isResident, input.resident === "yes"));
  if (input.owing) where.push(sql`${balance} > 0`);
  if (input.pendingApplications) where.push(pendingApplication);
  return where;
}

const columns = {
  id: households.id,
  reference: households.reference,
  name: households.name,
  city: households.city,
  isResident: households.isResident,
  balanceCents: balance,
  childNames: sql<string[]>`coalesce((select array_agg(c.first_name || ' ' || c.last_name order by c.birth_date) from children c
    where c.tenant_id = ${households}.tenant_id and c.household_id = ${households}.id), '{}')`,
  guardianNames: sql<string[]>`coalesce((select array_agg(g.first_name || ' ' || g.last_name order by g.last_name)
    from guardians g where g.tenant_id = ${households}.tenant_id and g.household_id = ${households}.id), '{}')`,
  guardianEmails: sql<string[]>`coalesce((select array_agg(g.email order by g.last_name)
    from guardians g where g.tenant_id = ${households}.tenant_id and g.household_id = ${households}.id and g.email is not null), '{}')`,
  pendingApplication,
};

/** One page of the families matching the search and filters, and how many match in all. */
export async function searchHouseholds(scope: Scope, input: HouseholdSearchInput) {
  const where = and(...conditions(scope, input));
  const [{ total } = { total: 0 }] = await scope.tx.select({ total: sql<number>`count(*)::int` }).from(households).where(where);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(input.page, pages);
  const rows = await scope.tx
    .select(columns)
    .from(households)
    .where(where)
    .orderBy(asc(households.name), asc(households.reference))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { rows, total, page, pages, pageSize: PAGE_SIZE };
}

const csvCell = (value: string | number | boolean) => {
  let text = String(value);
  // A cell a spreadsheet would run as a formula is prefixed, so it stays text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Every family matching the search and filters as CSV (`;`, UTF-8 with BOM, for a French spreadsheet); recorded in the audit log. */
export async function householdsCsv(scope: Scope, input: HouseholdSearchInput) {
  const rows = await scope.tx
    .select(columns)
    .from(households)
    .where(and(...conditions(scope, input)))
    .orderBy(asc(households.name), asc(households.reference));
  const header = ["reference", "famille", "commune", "resident", "solde_du_euros", "responsables", "emails", "enfants"];
  const lines = rows.map((r) =>
    [r.reference, r.name, r.city, r.isResident ? "oui" : "non", (r.balanceCents / 100).toFixed(2).replace(".", ","), r.guardianNames.join(", "), r.guardianEmails.join(", "), r.childNames.join(", ")]
      .map(csvCell)
      .join(";"),
  );
  await recordAudit(scope, { action: "families.exported", detail: { rows: rows.length, search: input.search !== "", resident: input.resident, owing: input.owing } });
  return { filename: `familles-${scope.tenant.slug}.csv`, content: `\uFEFF${[header.join(";"), ...lines].join("\r\n")}\r\n` };
}
