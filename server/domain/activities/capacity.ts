import { and, asc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import type { Scope } from "@/server/domain/scope";
import { rowsOf } from "@/db/client";
import { bookings, occurrences, tenants } from "@/db/schema";
import { promoteWhileRoom } from "@/server/domain/booking/bookings";
import { cancelForClosure } from "@/server/domain/booking/closures";
import { calendarClosure, type CalendarClosure } from "@/server/domain/booking/availability";
import { getActivity, rulesOf, type ActivityRow } from "@/server/domain/booking/facts";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import { AppError, notFound } from "@/server/errors";
import { fieldLabel } from "@/common/messages";
import { addDays, isoWeekday, monthRange, type CivilDate } from "@/common/dates";
import { check, dayOverrideInput, monthSchema, overridesRangeInput, type DayOverrideInput } from "./inputs";
import { messages } from "@/common/messages";
import { takesPlace } from "@/server/domain/booking/places";

const m = messages.activities;

interface DayCounts {
  /** Confirmed bookings plus held ones not yet expired: what counts against capacity. */
  taken: number;
  waitlisted: number;
}

/** Places taken and children waiting per day of one activity, over [from, to]. */
async function countsByDay(tx: Tx, tenantId: string, activityId: string, from: CivilDate, to: CivilDate, now: Date) {
  const rows = rowsOf<{ date: string; taken: number; waitlisted: number }>(
    await tx.execute(sql`select date::text as date,
        count(*) filter (where ${takesPlace(now)})::int as taken,
        count(*) filter (where status = 'waitlisted')::int as waitlisted
      from ${bookings}
      where tenant_id = ${tenantId} and activity_id = ${activityId} and date between ${from} and ${to}
      group by date`),
  );
  return new Map<CivilDate, DayCounts>(rows.map((r) => [r.date, { taken: r.taken, waitlisted: r.waitlisted }]));
}

const noCounts: DayCounts = { taken: 0, waitlisted: 0 };

export interface DayOverrideResult {
  date: CivilDate;
  /** The override itself (null: the activity's capacity). */
  capacity: number | null;
  closed: boolean;
  /** What applies that day: the override, else the activity's capacity (null = unlimited). */
  effectiveCapacity: number | null;
  /** Places taken after the change (existing bookings are never removed). */
  taken: number;
  /** Children moved from the waiting list onto the places the change freed. */
  promoted: number;
  /** Bookings (and places on the waiting list) cancelled because the day was closed; their families are told. */
  cancelled: number;
  waitlisted: number;
  /** Set when the day keeps more bookings than it now allows. */
  warning: string | null;
}

/**
 * Overrides one day of an activity: its capacity (null = back to the activity's) and whether it
 * is closed. The upsert takes the day's row lock, the same lock bookings take, so the figures
 * returned are exact. A capacity below the places already taken is allowed: existing bookings
 * stay, new ones are refused, and the result says so. Places freed on an open day go to the
 * waiting list, first come first served, and those families are told by e-mail. Closing a day
 * cancels its bookings: nobody is billed for it, a paid day is credited, families get an e-mail.
 */
export async function setDayOverride(scope: Scope, input: DayOverrideInput): Promise<DayOverrideResult> {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const options = { userId: scope.actor.userId };
  const values = check(dayOverrideInput, input);
  const activity = await getActivity(tx, tenantId, values.activityId);
  const isDefault = values.capacity === null && !values.closed;
  if (!isDefault && !activity.weekdays.includes(isoWeekday(values.date))) {
    throw new AppError("BAD_REQUEST", `${fieldLabel(["date"])} : ${m.dayNotRun}`, "date");
  }
  if (!isDefault && (values.date < activity.yearStart || values.date > activity.lastDay)) {
    throw new AppError("BAD_REQUEST", `${fieldLabel(["date"])} : ${m.dayOutsideYear}`, "date");
  }
  await tx
    .insert(occurrences)
    .values({ tenantId, activityId: activity.id, date: values.date, capacity: values.capacity, closed: values.closed })
    .onConflictDoUpdate({
      target: [occurrences.tenantId, occurrences.activityId, occurrences.date],
      set: { capacity: values.capacity, closed: values.closed },
    });

  const effectiveCapacity = values.capacity ?? activity.capacity;
  const cancelled = values.closed ? await cancelClosedDay(tx, tenantId, activity, values.date, options.userId ?? null, now) : 0;
  let counts = (await countsByDay(tx, tenantId, activity.id, values.date, values.date, now)).get(values.date) ?? noCounts;
  let promoted = 0;
  if (!values.closed && counts.waitlisted > 0 && (effectiveCapacity === null || counts.taken < effectiveCapacity)) {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
    if (!tenant) throw notFound();
    promoted = await promoteWhileRoom(tx, tenant, activity.id, values.date, activity.name, now);
    counts = (await countsByDay(tx, tenantId, activity.id, values.date, values.date, now)).get(values.date) ?? noCounts;
  }

  let warning: string | null = null;
  if (!values.closed && effectiveCapacity !== null && counts.taken > effectiveCapacity) warning = m.capacityBelowTaken(counts.taken, effectiveCapacity);
  return {
    date: values.date,
    capacity: values.capacity,
    closed: values.closed,
    effectiveCapacity,
    taken: counts.taken,
    promoted,
    cancelled,
    waitlisted: counts.waitlisted,
    warning,
  };
}

/** Cancels every live booking of a day being closed (the caller holds the day's lock), through the one closure path. */
async function cancelClosedDay(tx: Tx, tenantId: string, activity: ActivityRow, date: CivilDate, userId: string | null, now: Date): Promise<number> {
  const live = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.activityId, activity.id), eq(bookings.date, date), inArray(bookings.status, ["held", "confirmed", "waitlisted"])));
  if (!live.length) return 0;
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw notFound();
  return cancelForClosure(tx, tenant, live.map((b) => ({ id: b.id, reason: null })), { userId, now });
}

/** The days of [from, to] with an override (a capacity of their own, or closed), with their figures. */
export async function listDayOverrides(scope: Scope, input: { activityId: string; from: CivilDate; to: CivilDate }) {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const { activityId, from, to } = check(overridesRangeInput, input);
  const activity = await getActivity(tx, tenantId, activityId);
  const rows = await tx
    .select({ date: occurrences.date, capacity: occurrences.capacity, closed: occurrences.closed })
    .from(occurrences)
    .where(
      and(
        eq(occurrences.tenantId, tenantId),
        eq(occurrences.activityId, activityId),
        gte(occurrences.date, from),
        lte(occurrences.date, to),
        or(sql`${occurrences.capacity} is not null`, eq(occurrences.closed, true)),
      ),
    )
    .orderBy(asc(occurrences.date));
  const counts = await countsByDay(tx, tenantId, activityId, from, to, now);
  return rows.map((r) => {
    const c = counts.get(r.date) ?? noCounts;
    return { ...r, effectiveCapacity: r.capacity ?? activity.capacity, taken: c.taken, waitlisted: c.waitlisted };
  });
}

export type DayStatus = "open" | "outside_year" | "public_holiday" | "school_holiday" | "term_time" | "closure" | "closed";

/** The calendar's word for a day the activity's weekdays include ("closed" by the calendar is a "closure"). */
const statusOfClosure: Record<CalendarClosure["reason"], DayStatus> = {
  no_service: "outside_year", // not listed: days off the activity's weekdays are skipped
  outside_year: "outside_year",
  public_holiday: "public_holiday",
  school_holiday: "school_holiday",
  term_time: "term_time",
  closed: "closure",
};

export interface CapacityDay {
  date: CivilDate;
  /** open: runs (possibly full); closed: closed by an override; the others: the calendar says no. */
  status: DayStatus;
  /** Holiday or closure name from the calendar. */
  detail: string | null;
  override: { capacity: number | null; closed: boolean } | null;
  effectiveCapacity: number | null;
  taken: number;
  waitlisted: number;
}

/**
 * Every day of a month on which the activity would run by its weekdays, with what the calendar
 * says, the override if any, and places taken: the admin's "Capacité par jour" view.
 */
export async function capacityByDay(scope: Scope, input: { activityId: string; month: string }) {
  const { tx, tenant, now } = scope;
  const month = check(monthSchema, input.month);
  const activity = await getActivity(tx, tenant.id, input.activityId);
  const { from, to } = monthRange(month);
  const calendar = await loadCalendar(tx, tenant, from, to);
  const overrides = await tx
    .select({ date: occurrences.date, capacity: occurrences.capacity, closed: occurrences.closed })
    .from(occurrences)
    .where(and(eq(occurrences.tenantId, tenant.id), eq(occurrences.activityId, activity.id), gte(occurrences.date, from), lte(occurrences.date, to)));
  const overrideOf = new Map(overrides.filter((o) => o.capacity !== null || o.closed).map((o) => [o.date, o]));
  const counts = await countsByDay(tx, tenant.id, activity.id, from, to, now);

  const days: CapacityDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (!activity.weekdays.includes(isoWeekday(d))) continue;
    const o = overrideOf.get(d);
    const c = counts.get(d) ?? noCounts;
    const shut = calendarClosure(rulesOf(activity), d, calendar);
    const status: DayStatus = shut ? statusOfClosure[shut.reason] : o?.closed ? "closed" : "open";
    const detail = shut?.detail ?? null;
    days.push({
      date: d,
      status,
      detail,
      override: o ? { capacity: o.capacity, closed: o.closed } : null,
      effectiveCapacity: o?.capacity ?? activity.capacity,
      taken: c.taken,
      waitlisted: c.waitlisted,
    });
  }
  return { month, activityId: activity.id, capacity: activity.capacity, yearStart: activity.yearStart, yearEnd: activity.yearEnd, lastDay: activity.lastDay, days };
}
