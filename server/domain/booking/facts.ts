import { and, asc, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
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

/** Everything the rule book needs about some days of one activity for one child, read in a few queries. */
export async function loadDayFacts(
  tx: Tx,
  tenantId: string,
  activityId: string,
  childId: string,
  from: CivilDate,
  to: CivilDate,
  now: Date,
): Promise<Map<CivilDate, DayFacts>> {
  const [enrolment] = await tx
    .select({ status: enrolments.status })
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.childId, childId), eq(enrolments.activityId, activityId)));
  const overrides = await tx
    .select({ date: occurrences.date, capacity: occurrences.capacity, closed: occurrences.closed })
    .from(occurrences)
    .where(and(eq(occurrences.tenantId, tenantId), eq(occurrences.activityId, activityId), gte(occurrences.date, from), lte(occurrences.date, to)));
  const openings = await tx
    .select()
    .from(bookingOpenings)
    .where(and(eq(bookingOpenings.tenantId, tenantId), eq(bookingOpenings.activityId, activityId), lte(bookingOpenings.fromDate, to), gte(bookingOpenings.toDate, from)));
  const rounds = await roundsOver(tx, tenantId, activityId, childId, from, to);
  const taken = rowsOf<{ date: string; n: number }>(
    await tx.execute(sql`select date::text as date, count(*)::int as n from ${bookings}
      where tenant_id = ${tenantId} and activity_id = ${activityId} and date between ${from} and ${to}
        and ${takesPlace(now)}
      group by date`),
  );
  const own = await tx
    .select({ date: bookings.date, status: bookings.status, createdAt: bookings.createdAt, id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.activityId, activityId),
        eq(bookings.childId, childId),
        gte(bookings.date, from),
        lte(bookings.date, to),
        inArray(bookings.status, ["held", "confirmed", "waitlisted"]),
      ),
    )
    .orderBy(asc(bookings.date));
  const waitlisted = own.filter((b) => b.status === "waitlisted");
  const ranks = new Map<string, number>();
  for (const b of waitlisted) {
    const [row] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from ${bookings} where tenant_id = ${tenantId} and activity_id = ${activityId}
        and date = ${b.date} and status = 'waitlisted' and (created_at, id) <= (${b.createdAt.toISOString()}::timestamptz, ${b.id}::uuid)`),
    );
    ranks.set(b.date, row?.n ?? 1);
  }

  const facts = new Map<CivilDate, DayFacts>();
  const overrideOf = new Map(overrides.map((o) => [o.date, o]));
  const takenOf = new Map(taken.map((t) => [t.date, t.n]));
  const ownOf = new Map(own.map((o) => [o.date, o]));
  const status = enrolment?.status === "accepted" ? "accepted" : enrolment?.status === "pending" ? "pending" : "none";
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const o = ownOf.get(d);
    facts.set(d, {
      date: d,
      enrolment: status,
      capacityOverride: overrideOf.get(d)?.capacity ?? null,
      closedOverride: overrideOf.get(d)?.closed ?? false,
      opensAt: rounds.opensAt(d) ?? openings.find((p) => p.fromDate <= d && d <= p.toDate)?.opensAt ?? null,
      allocationPending: rounds.pending(d),
      taken: takenOf.get(d) ?? 0,
      own: o ? { status: o.status as "held" | "confirmed" | "waitlisted", waitlistRank: ranks.get(d) ?? null } : null,
    });
  }
  return facts;
}

/**
 * The allocation rounds (issue #15) over some days of an activity, as the rule book sees them: a
 * round by application not yet published keeps first-come booking shut; a first-come round opens
 * booking at its instant, earlier for a resident household when the commune set an early opening.
 */
async function roundsOver(tx: Tx, tenantId: string, activityId: string, childId: string, from: CivilDate, to: CivilDate) {
  const rows = await tx
    .select({ mode: allocationRounds.mode, status: allocationRounds.status, fromDate: allocationRounds.fromDate, toDate: allocationRounds.toDate, opensAt: allocationRounds.opensAt, residentsOpensAt: allocationRounds.residentsOpensAt })
    .from(allocationRounds)
    .where(and(eq(allocationRounds.tenantId, tenantId), eq(allocationRounds.activityId, activityId), lte(allocationRounds.fromDate, to), gte(allocationRounds.toDate, from), ne(allocationRounds.status, "draft")));
  let resident = false;
  if (rows.some((r) => r.residentsOpensAt)) {
    const [row] = await tx
      .select({ isResident: households.isResident })
      .from(children)
      .innerJoin(households, and(eq(households.tenantId, children.tenantId), eq(households.id, children.householdId)))
      .where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
    resident = row?.isResident ?? false;
  }
  const covering = (d: CivilDate) => rows.filter((r) => r.fromDate <= d && d <= r.toDate);
  return {
    pending: (d: CivilDate) => covering(d).some((r) => r.mode === "application" && r.status !== "published"),
    opensAt: (d: CivilDate) => {
      const round = covering(d).find((r) => r.mode === "first_come");
      return round ? (resident && round.residentsOpensAt ? round.residentsOpensAt : round.opensAt) : null;
    },
  };
}
