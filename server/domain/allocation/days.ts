import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { occurrences, sites } from "@/db/schema";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import { calendarClosure } from "@/server/domain/booking/availability";
import { getActivity, rulesOf, type ActivityRow } from "@/server/domain/booking/facts";
import { takesPlace } from "@/server/domain/booking/places";
import type { TenantRef } from "@/server/domain/scope";
import { eachDay, formatDateShort, startOfWeek, addDays, type CivilDate } from "@/common/dates";

/** A week of the round as the families choose it: the days the activity runs that week. */
export interface RoundWeek {
  label: string;
  days: CivilDate[];
}

/**
 * The days of a round's period its activity runs (weekdays, school calendar, closures), read with
 * the same rule book as bookings (`calendarClosure`), grouped by week for the families' choices.
 */
export async function roundDays(tx: Tx, tenant: TenantRef, round: { activityId: string; fromDate: CivilDate; toDate: CivilDate }): Promise<{ activity: ActivityRow; days: CivilDate[]; weeks: RoundWeek[] }> {
  const activity = await getActivity(tx, tenant.id, round.activityId);
  const calendar = await loadCalendar(tx, tenant, round.fromDate, round.toDate);
  const closed = new Set(
    (
      await tx
        .select({ date: occurrences.date })
        .from(occurrences)
        .where(and(eq(occurrences.tenantId, tenant.id), eq(occurrences.activityId, round.activityId), gte(occurrences.date, round.fromDate), lte(occurrences.date, round.toDate), eq(occurrences.closed, true)))
    ).map((o) => o.date),
  );
  const days = eachDay(round.fromDate, round.toDate).filter((d) => !closed.has(d) && calendarClosure(rulesOf(activity), d, calendar) === null);
  const weeks = new Map<CivilDate, CivilDate[]>();
  for (const d of days) weeks.set(startOfWeek(d), [...(weeks.get(startOfWeek(d)) ?? []), d]);
  return {
    activity,
    days,
    weeks: [...weeks].map(([monday, ds]) => ({ label: `Semaine du ${formatDateShort(monday)} au ${formatDateShort(addDays(monday, 4), true)}`, days: ds })),
  };
}

/**
 * The places left on each day, counted by the booking rule (`takesPlace`: confirmed, or held and
 * not expired) against the day's capacity (its override, or the activity's); null = unlimited.
 */
export async function placesLeft(tx: Tx, tenantId: string, activity: ActivityRow, days: CivilDate[], now: Date): Promise<Record<CivilDate, number | null>> {
  if (!days.length) return {};
  const rows = rowsOf<{ date: string; capacity: number | null; taken: number }>(
    await tx.execute(sql`select d.date::text as date, o.capacity,
        (select count(*)::int from bookings b where b.tenant_id = ${tenantId} and b.activity_id = ${activity.id} and b.date = d.date and ${takesPlace(now, "b")}) as taken
      from (values ${sql.join(days.map((d) => sql`(${d}::date)`), sql`, `)}) as d(date)
      left join ${occurrences} o on o.tenant_id = ${tenantId} and o.activity_id = ${activity.id} and o.date = d.date`),
  );
  const left: Record<CivilDate, number | null> = {};
  for (const r of rows) {
    const capacity = r.capacity ?? activity.capacity;
    left[r.date] = capacity === null ? null : Math.max(0, capacity - r.taken);
  }
  return left;
}

/** An engine slot: one day of one activity. */
export const slotOf = (activityId: string, day: CivilDate) => `${activityId}|${day}`;

/** The activities a round covers, its first activity first (a round recorded before several activities: that one alone). */
export function roundActivityIds(round: { activityId: string; activityIds?: string[] | null }): string[] {
  const ids = round.activityIds?.length ? round.activityIds : [round.activityId];
  return ids.includes(round.activityId) ? ids : [round.activityId, ...ids];
}

/** The activity a choice names: its own, or (a choice recorded before several activities) the round's first. */
export const choiceActivity = (round: { activityId: string }, choice: { activityId?: string | undefined }) => choice.activityId ?? round.activityId;

/** The engine slots of a choice: each of its days at its activity. */
export const choiceSlots = (round: { activityId: string }, choice: { activityId?: string | undefined; days: readonly string[] }) =>
  choice.days.map((d) => slotOf(choiceActivity(round, choice), d));

/**
 * A capacity snapshot read as slots: keys already `activity|day`, or (a round run before several
 * activities) a bare day, which is the round's first activity's.
 */
export function capacitySlots(round: { activityId: string }, capacity: Record<string, number | null>): Map<string, number | null> {
  return new Map(Object.entries(capacity).map(([key, n]) => [key.includes("|") ? key : slotOf(round.activityId, key), n]));
}

/** One site of a round as families choose it: the activity there, its site's name, its days and weeks. */
export interface RoundSite {
  activityId: string;
  activityName: string;
  siteName: string;
  activity: ActivityRow;
  days: CivilDate[];
  weeks: RoundWeek[];
}

/** Every activity of the round with its days (each its own calendar rules and closures), in the round's order. */
export async function roundSites(tx: Tx, tenant: TenantRef, round: { activityId: string; activityIds?: string[] | null; fromDate: CivilDate; toDate: CivilDate }): Promise<RoundSite[]> {
  const out: RoundSite[] = [];
  for (const activityId of roundActivityIds(round)) {
    const { activity, days, weeks } = await roundDays(tx, tenant, { activityId, fromDate: round.fromDate, toDate: round.toDate });
    const [site] = await tx.select({ name: sites.name }).from(sites).where(and(eq(sites.tenantId, tenant.id), eq(sites.id, activity.siteId)));
    out.push({ activityId, activityName: activity.name, siteName: site?.name ?? "", activity, days, weeks });
  }
  return out;
}
