import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { absenceReports, activities, enrolments, households, invoiceRuns, occurrences, schoolYears, sites } from "@/db/schema";
import { mealCounts } from "@/server/domain/attendance/meals";
import { calendarClosure } from "@/server/domain/booking/availability";
import { activityRowColumns, rulesOf, toActivityRow } from "@/server/domain/booking/facts";
import { modesInUse } from "@/server/domain/billing/billing-mode";
import { householdBalances } from "@/server/domain/billing/ledger";
import { lineAmount } from "@/server/domain/billing/pricing";
import { invoiceStandings } from "@/server/domain/billing/standing";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { todayIn, type CivilDate } from "@/common/dates";
import { unexpiredHold } from "@/server/domain/booking/places";
import type { Scope } from "@/server/domain/scope";
import { pendingApplicationCount } from "@/server/domain/preregistration/review";

/** How far the day's pointage has gone: nobody expected, none marked yet, some, every expected child. */
export type AttendanceProgress = "nobody" | "todo" | "started" | "done";

export interface TodayActivity {
  id: string;
  name: string;
  unit: string;
  siteId: string;
  siteName: string;
  /** Children with a confirmed booking today. */
  expected: number;
  /** Places today: the day's own capacity, else the activity's; null = unlimited. */
  capacity: number | null;
  waitlisted: number;
  /** Expected children already pointed (present, absent or excused). */
  marked: number;
  attendance: AttendanceProgress;
}

export interface OwingHousehold {
  id: string;
  name: string;
  reference: string;
  /** What its invoices still leave to pay (invoice standings). */
  dueCents: number;
}

/** A household whose balance blocks its online bookings. */
export interface BlockedHousehold extends OwingHousehold {
  balanceCents: number;
}

export interface BillingFigures {
  /** Issued invoices not fully settled, what they still leave to pay, and the households owing most. */
  unpaid: { count: number; dueCents: number; householdCount: number; households: OwingHousehold[] };
  /** The commune bills some activities by invoice run: the latest of its runs (null: none yet). */
  invoiceMode: boolean;
  latestRun: { period: string; mode: "advance" | "arrears"; status: "issuing" | "issued"; invoiceCount: number; totalCents: number; issuedAt: Date | null } | null;
  /** Some activities are paid by basket: households holding unexpired bookings, and what those days cost. */
  baskets: { count: number; amountCents: number } | null;
  /** Set when the commune blocks online booking above a balance owed: the households above it. */
  debtBlock: { thresholdCents: number; count: number; households: BlockedHousehold[] } | null;
}

export interface StaffDashboard {
  today: CivilDate;
  /** Requests waiting for the front desk (null: not shown to this caller). */
  toDo: { pendingEnrolments: number; pendingAbsences: number; pendingApplications: number } | null;
  /** Activities that run today by their weekdays, service days, the school calendar and day closures. */
  activities: TodayActivity[];
  /** Meals booked today, as the kitchen counts them (Repas). */
  mealsToday: number;
  billing: BillingFigures | null;
}

/** How many owing households the dashboard names (the rest are in the count). */
export const LISTED_HOUSEHOLDS = 5;

/**
 * The staff home page's figures, in a few queries over the tenant transaction: what waits for the
 * front desk, today's activities with their bookings and pointage, and where billing stands. Site
 * agents ask for today only (`frontDesk: false`).
 */
export async function staffDashboard(scope: Scope, input: { todayOnly?: boolean } = {}): Promise<StaffDashboard> {
  const { tx, tenant, now } = scope;
  // Requests and billing are the front desk's (the roles of the pages they link to); site agents, and the site lists, get today only.
  const frontDesk = !input.todayOnly && scope.actor.staffRoles.some((r) => r === "admin" || r === "agent");
  const today = todayIn(tenant.timeZone, now);
  return {
    today,
    toDo: frontDesk ? await pendingRequests(tx, tenant.id) : null,
    activities: await activitiesToday(tx, tenant, today),
    mealsToday: (await mealCounts(scope, { from: today, to: today })).totals.meals,
    billing: frontDesk ? await billingFigures(tx, tenant, now) : null,
  };
}

async function pendingRequests(tx: Tx, tenantId: string) {
  const [row] = rowsOf<{ enrolments: number; absences: number }>(
    await tx.execute(sql`select
        (select count(*)::int from ${enrolments} where tenant_id = ${tenantId} and status = 'pending') as enrolments,
        (select count(*)::int from ${absenceReports} where tenant_id = ${tenantId} and status = 'pending') as absences`),
  );
  return { pendingEnrolments: Number(row?.enrolments ?? 0), pendingAbsences: Number(row?.absences ?? 0), pendingApplications: await pendingApplicationCount(tx, tenantId) };
}

async function activitiesToday(tx: Tx, tenant: Tenant, today: CivilDate): Promise<TodayActivity[]> {
  const rows = await tx
    .select({ ...activityRowColumns(), siteName: sites.name })
    .from(activities)
    .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)))
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .where(and(eq(activities.tenantId, tenant.id), eq(activities.archived, false), eq(sites.archived, false)))
    .orderBy(asc(sites.name), asc(activities.name));
  const calendar = await loadCalendar(tx, tenant, today, today);
  const runsToday = (r: (typeof rows)[number]) =>
    calendarClosure(rulesOf(toActivityRow(r)), today, calendar) === null;
  const candidates = rows.filter(runsToday);
  if (!candidates.length) return [];
  const ids = candidates.map((r) => r.activity.id);

  const days = await tx
    .select({ activityId: occurrences.activityId, capacity: occurrences.capacity, closed: occurrences.closed })
    .from(occurrences)
    .where(and(eq(occurrences.tenantId, tenant.id), inArray(occurrences.activityId, ids), eq(occurrences.date, today)));
  const dayOf = new Map(days.map((d) => [d.activityId, d]));
  const idList = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const counts = rowsOf<{ activity_id: string; expected: number; waitlisted: number; marked: number }>(
    await tx.execute(sql`select b.activity_id,
        count(*) filter (where b.status = 'confirmed')::int as expected,
        count(*) filter (where b.status = 'waitlisted')::int as waitlisted,
        count(a.child_id) filter (where b.status = 'confirmed')::int as marked
      from bookings b
      left join attendance a on a.tenant_id = b.tenant_id and a.activity_id = b.activity_id and a.date = b.date and a.child_id = b.child_id
      where b.tenant_id = ${tenant.id} and b.date = ${today} and b.activity_id in (${idList}) and b.status in ('confirmed', 'waitlisted')
      group by b.activity_id`),
  );
  const countOf = new Map(counts.map((c) => [c.activity_id, c]));

  return candidates
    .filter((r) => !dayOf.get(r.activity.id)?.closed)
    .map((r) => {
      const c = countOf.get(r.activity.id);
      const expected = Number(c?.expected ?? 0);
      const marked = Number(c?.marked ?? 0);
      return {
        id: r.activity.id,
        name: r.activity.name,
        unit: r.activity.unit,
        siteId: r.activity.siteId,
        siteName: r.siteName,
        expected,
        capacity: dayOf.get(r.activity.id)?.capacity ?? r.activity.capacity,
        waitlisted: Number(c?.waitlisted ?? 0),
        marked,
        attendance: expected === 0 ? "nobody" : marked === 0 ? "todo" : marked < expected ? "started" : "done",
      };
    });
}

async function billingFigures(tx: Tx, tenant: Tenant, now: Date): Promise<BillingFigures> {
  const householdRows = await tx
    .select({ id: households.id, name: households.name, reference: households.reference })
    .from(households)
    .where(eq(households.tenantId, tenant.id));
  const ids = householdRows.map((h) => h.id);
  const householdOf = new Map(householdRows.map((h) => [h.id, h]));
  const named = (id: string) => ({ id, name: householdOf.get(id)!.name, reference: householdOf.get(id)!.reference });
  const byAmount = <T extends { dueCents: number; name: string }>(a: T, b: T) => b.dueCents - a.dueCents || a.name.localeCompare(b.name, "fr");

  // Where each invoice stands comes from the one computation that every invoice list uses.
  const open = (await invoiceStandings(tx, tenant.id, ids)).filter((i) => i.remainingCents > 0);
  const duePerHousehold = new Map<string, number>();
  for (const i of open) duePerHousehold.set(i.householdId, (duePerHousehold.get(i.householdId) ?? 0) + i.remainingCents);
  const owing = [...duePerHousehold].map(([id, dueCents]) => ({ ...named(id), dueCents })).sort(byAmount);

  const modes = await modesInUse(tx, tenant);
  const [run] = modes.invoice
    ? await tx
        .select({
          period: invoiceRuns.period,
          mode: invoiceRuns.mode,
          status: invoiceRuns.status,
          invoiceCount: invoiceRuns.invoiceCount,
          totalCents: invoiceRuns.totalCents,
          issuedAt: invoiceRuns.issuedAt,
        })
        .from(invoiceRuns)
        .where(eq(invoiceRuns.tenantId, tenant.id))
        .orderBy(desc(invoiceRuns.createdAt))
        .limit(1)
    : [];

  return {
    unpaid: {
      count: open.length,
      dueCents: open.reduce((s, i) => s + i.remainingCents, 0),
      householdCount: owing.length,
      households: owing.slice(0, LISTED_HOUSEHOLDS),
    },
    invoiceMode: modes.invoice,
    latestRun: run ?? null,
    baskets: modes.prepaid ? await heldBaskets(tx, tenant.id, now) : null,
    debtBlock: tenant.debtBlockCents === null ? null : await aboveDebtBlock(tx, tenant.id, tenant.debtBlockCents, ids, named, duePerHousehold),
  };
}

/** Baskets waiting for payment: households with unexpired held bookings, priced as the basket prices them. */
async function heldBaskets(tx: Tx, tenantId: string, now: Date) {
  const held = rowsOf<{ household_id: string; unit_price_cents: number | null; reduction_percent: number }>(
    await tx.execute(sql`select c.household_id, b.unit_price_cents, b.reduction_percent
      from bookings b join children c on c.tenant_id = b.tenant_id and c.id = b.child_id
      where b.tenant_id = ${tenantId} and ${unexpiredHold(now, "b")}`),
  );
  return {
    count: new Set(held.map((h) => h.household_id)).size,
    amountCents: held.reduce((s, h) => s + lineAmount(h.unit_price_cents ?? 0, 1, h.reduction_percent), 0),
  };
}

/** Households whose balance is above the threshold: the comparison `debtBlockMessage` refuses online bookings with. */
async function aboveDebtBlock(
  tx: Tx,
  tenantId: string,
  thresholdCents: number,
  ids: string[],
  named: (id: string) => { id: string; name: string; reference: string },
  duePerHousehold: Map<string, number>,
) {
  const balances = await householdBalances({ tx, tenant: { id: tenantId } }, { householdIds: ids });
  const above: BlockedHousehold[] = [...balances]
    .filter(([, balance]) => balance > thresholdCents)
    .map(([id, balanceCents]) => ({ ...named(id), balanceCents, dueCents: duePerHousehold.get(id) ?? 0 }))
    .sort((a, b) => b.balanceCents - a.balanceCents || a.name.localeCompare(b.name, "fr"));
  return { thresholdCents, count: above.length, households: above.slice(0, LISTED_HOUSEHOLDS) };
}
