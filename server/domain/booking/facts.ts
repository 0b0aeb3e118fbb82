import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { activities, allocationRounds, bookingOpenings, bookings, children, enrolments, households, occurrences, schoolYears } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { lastServiceDaySql } from "@/server/domain/calendar/school-calendar";
import { notFound } from "@/server/errors";
import { addDays, type CivilDate } from "@/common/dates";
import type { ActivityRules, DayFacts } from "./availability";
import { takesPlace } from "./places";

export type ActivityRow = typeof activities.$inferSelect & {
  yearStart: CivilDate;
  yearEnd: CivilDate;
  yearLabel: string;
  /** Last day the activity may run: the year's end, or the end of the summer after it for holiday activities. */
  lastDay: CivilDate;
};

/** When an activity of its school year may run, for selects that join `activities` and `school_years`. */
export const activityLastDay = () => lastServiceDaySql(activities.runsOn, activities.tenantId, schoolYears.endDate);

/** The columns of an `ActivityRow`, for selects from `activities` joined to `school_years`; `toActivityRow` assembles them. */
export const activityRowColumns = () => ({
  activity: activities,
  yearStart: schoolYears.startDate,
  yearEnd: schoolYears.endDate,
  yearLabel: schoolYears.label,
  lastDay: activityLastDay(),
});

export const toActivityRow = (row: { activity: typeof activities.$inferSelect; yearStart: CivilDate; yearEnd: CivilDate; yearLabel: string; lastDay: CivilDate }): ActivityRow => ({
  ...row.activity,
  yearStart: row.yearStart,
  yearEnd: row.yearEnd,
  yearLabel: row.yearLabel,
  lastDay: row.lastDay,
});

export async function getActivity(tx: Tx, tenantId: string, activityId: string): Promise<ActivityRow> {
  const [row] = await tx
    .select(activityRowColumns())
    .from(activities)
    .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)))
    .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)));
  if (!row) throw notFound();
  return toActivityRow(row);
}

/** Several activities by id, in one statement; NOT_FOUND if one is missing. */
export async function getActivities(tx: Tx, tenantId: string, activityIds: string[]): Promise<Map<string, ActivityRow>> {
  const ids = [...new Set(activityIds)];
  const rows = ids.length
    ? await tx
        .select(activityRowColumns())
        .from(activities)
        .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)))
        .where(and(eq(activities.tenantId, tenantId), inArray(activities.id, ids)))
    : [];
  if (rows.length !== ids.length) throw notFound();
  return new Map(rows.map((r) => [r.activity.id, toActivityRow(r)]));
}

export function rulesOf(activity: ActivityRow): ActivityRules {
  return {
    weekdays: activity.weekdays,
    runsOn: activity.runsOn,
    capacity: activity.capacity,
    bookingRule: activity.bookingRule,
    cancelRule: activity.cancelRule,
    firstDay: activity.yearStart,
    lastDay: activity.lastDay,
  };
}

/** Everything the rule book needs about some days of one activity for one child (see loadDayFactsMany). */
export async function loadDayFacts(
  tx: Tx,
  tenantId: string,
  activityId: string,
  childId: string,
  from: CivilDate,
  to: CivilDate,
  now: Date,
): Promise<Map<CivilDate, DayFacts>> {
  const { facts } = await loadDayFactsMany(tx, tenantId, [{ activityId, childId, from, to }], now);
  return facts.get(factsKey(activityId, childId))!;
}

/** Some days of one activity for one child. */
export interface FactsRequest {
  activityId: string;
  childId: string;
  from: CivilDate;
  to: CivilDate;
}

export const factsKey = (activityId: string, childId: string) => `${activityId}|${childId}`;

/** The price snapshot of a child's held or confirmed booking. */
export interface BookedPrice {
  unitPriceCents: number | null;
  reductionPercent: number;
}

interface FactRows {
  enrolments: { a: string; c: string; s: string }[] | null;
  overrides: { a: string; d: CivilDate; capacity: number | null; closed: boolean }[] | null;
  openings: { a: string; from: CivilDate; to: CivilDate; opensAt: string }[] | null;
  taken: { a: string; d: CivilDate; n: number }[] | null;
  own: { a: string; c: string; d: CivilDate; status: "held" | "confirmed" | "waitlisted"; rank: number | null; unit: number | null; reduction: number }[] | null;
  rounds: RoundRow[] | null;
  residents: { c: string; resident: boolean }[] | null;
}

interface RoundRow {
  /** Every activity the round covers (one service at one or more sites). */
  a: string[];
  mode: "first_come" | "application";
  status: string;
  from: CivilDate;
  to: CivilDate;
  opensAt: string;
  residentsOpensAt: string | null;
}

/**
 * The allocation rounds (issue #15) over a day, as the rule book sees them: a round by application
 * not yet published keeps first-come booking shut, on every activity (site) it covers; a first-come round opens booking at its instant,
 * earlier for a resident household when the commune set an early opening.
 */
function roundFacts(rounds: RoundRow[], activityId: string, day: CivilDate, resident: boolean) {
  const covering = rounds.filter((r) => r.a.includes(activityId) && r.from <= day && day <= r.to);
  const firstCome = covering.find((r) => r.mode === "first_come");
  const opensAt = firstCome ? (resident && firstCome.residentsOpensAt ? firstCome.residentsOpensAt : firstCome.opensAt) : null;
  return {
    pending: covering.some((r) => r.mode === "application" && r.status !== "published"),
    opensAt: opensAt ? new Date(opensAt) : null,
  };
}

/**
 * Everything the rule book needs about the days of several (activity, child) ranges, in one
 * statement whatever their number (the planning of a child in several activities, a request booking
 * several): enrolment, occurrence overrides, openings, places taken, and the child's own bookings
 * with their waiting-list rank and price snapshot. Keyed by `factsKey(activity, child)`, then day.
 */
export async function loadDayFactsMany(
  tx: Tx,
  tenantId: string,
  requests: FactsRequest[],
  now: Date,
): Promise<{ facts: Map<string, Map<CivilDate, DayFacts>>; booked: Map<string, BookedPrice> }> {
  const facts = new Map<string, Map<CivilDate, DayFacts>>();
  const booked = new Map<string, BookedPrice>();
  if (!requests.length) return { facts, booked };
  const wanted = sql.join(requests.map((r) => sql`(${r.activityId}::uuid, ${r.childId}::uuid, ${r.from}::date, ${r.to}::date)`), sql`, `);
  // A day is wanted when one of the ranges asks for its activity and covers it (ranges of one activity may overlap: exists, never a join).
  const covers = (alias: string, column = "date") => sql.raw(`exists (select 1 from r where r.activity_id = ${alias}.activity_id and ${alias}.${column} between r.from_date and r.to_date)`);
  const [row] = rowsOf<{ facts: FactRows | string }>(
    await tx.execute(sql`with r(activity_id, child_id, from_date, to_date) as (values ${wanted})
      select json_build_object(
        'enrolments', (select json_agg(json_build_object('a', e.activity_id, 'c', e.child_id, 's', e.status)) from ${enrolments} e
          where e.tenant_id = ${tenantId} and (e.activity_id, e.child_id) in (select activity_id, child_id from r)),
        'overrides', (select json_agg(json_build_object('a', o.activity_id, 'd', o.date, 'capacity', o.capacity, 'closed', o.closed)) from ${occurrences} o
          where o.tenant_id = ${tenantId} and ${covers("o")}),
        'openings', (select json_agg(json_build_object('a', p.activity_id, 'from', p.from_date, 'to', p.to_date, 'opensAt', p.opens_at)) from ${bookingOpenings} p
          where p.tenant_id = ${tenantId} and exists (select 1 from r where r.activity_id = p.activity_id and p.from_date <= r.to_date and p.to_date >= r.from_date)),
        'taken', (select json_agg(t) from (select b.activity_id as a, b.date as d, count(*)::int as n from ${bookings} b
          where b.tenant_id = ${tenantId} and ${covers("b")} and ${takesPlace(now, "b")} group by b.activity_id, b.date) t),
        'own', (select json_agg(json_build_object('a', b.activity_id, 'c', b.child_id, 'd', b.date, 'status', b.status,
            'unit', b.unit_price_cents, 'reduction', b.reduction_percent,
            'rank', case when b.status = 'waitlisted' then (select count(*)::int from ${bookings} w
              where w.tenant_id = b.tenant_id and w.activity_id = b.activity_id and w.date = b.date and w.status = 'waitlisted'
                and (w.created_at, w.id) <= (b.created_at, b.id)) end))
          from ${bookings} b join r on r.activity_id = b.activity_id and r.child_id = b.child_id and b.date between r.from_date and r.to_date
          where b.tenant_id = ${tenantId} and b.status in ('held', 'confirmed', 'waitlisted')),
        'rounds', (select json_agg(json_build_object('a', array_append(g.activity_ids, g.activity_id), 'mode', g.mode, 'status', g.status, 'from', g.from_date, 'to', g.to_date,
            'opensAt', g.opens_at, 'residentsOpensAt', g.residents_opens_at)) from ${allocationRounds} g
          where g.tenant_id = ${tenantId} and g.status <> 'draft'
            and exists (select 1 from r where r.activity_id = any(array_append(g.activity_ids, g.activity_id)) and g.from_date <= r.to_date and g.to_date >= r.from_date)),
        'residents', (select json_agg(json_build_object('c', c.id, 'resident', h.is_resident)) from ${children} c
          join ${households} h on h.tenant_id = c.tenant_id and h.id = c.household_id
          where c.tenant_id = ${tenantId} and c.id in (select child_id from r))
      ) as facts`),
  );
  const rows = (typeof row!.facts === "string" ? JSON.parse(row!.facts) : row!.facts) as FactRows;
  const enrolmentOf = new Map((rows.enrolments ?? []).map((e) => [factsKey(e.a, e.c), e.s]));
  const overrideOf = new Map((rows.overrides ?? []).map((o) => [`${o.a}|${o.d}`, o]));
  const takenOf = new Map((rows.taken ?? []).map((t) => [`${t.a}|${t.d}`, t.n]));
  const ownOf = new Map((rows.own ?? []).map((o) => [`${factsKey(o.a, o.c)}|${o.d}`, o]));
  const openings = (rows.openings ?? []).map((p) => ({ ...p, opensAt: new Date(p.opensAt) }));
  const rounds = rows.rounds ?? [];
  const residentOf = new Map((rows.residents ?? []).map((h) => [h.c, h.resident]));
  for (const { activityId, childId, from, to } of requests) {
    const key = factsKey(activityId, childId);
    const enrolment = enrolmentOf.get(key);
    const status = enrolment === "accepted" ? "accepted" : enrolment === "pending" ? "pending" : "none";
    const days = new Map<CivilDate, DayFacts>();
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const override = overrideOf.get(`${activityId}|${d}`);
      const own = ownOf.get(`${key}|${d}`);
      const round = roundFacts(rounds, activityId, d, residentOf.get(childId) ?? false);
      if (own && own.status !== "waitlisted") booked.set(`${key}|${d}`, { unitPriceCents: own.unit, reductionPercent: own.reduction });
      days.set(d, {
        date: d,
        enrolment: status,
        capacityOverride: override?.capacity ?? null,
        closedOverride: override?.closed ?? false,
        opensAt: round.opensAt ?? openings.find((p) => p.a === activityId && p.from <= d && d <= p.to)?.opensAt ?? null,
        allocationPending: round.pending,
        taken: takenOf.get(`${activityId}|${d}`) ?? 0,
        own: own ? { status: own.status, waitlistRank: own.status === "waitlisted" ? (own.rank ?? 1) : null } : null,
      });
    }
    facts.set(key, days);
  }
  return { facts, booked };
}
