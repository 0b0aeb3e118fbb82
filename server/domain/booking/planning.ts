import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Tx } from "@/db";
import { activities, bookings, children, enrolments, schoolYears, sites } from "@/db/schema";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import { notFound } from "@/server/errors";
import { eachDay, todayIn, type CivilDate } from "@/common/dates";
import { dayState, staffMayOverride, type DayState } from "./availability";
import type { Scope } from "@/server/domain/scope";
import { describeRule } from "@/common/deadline";
import { activityLastDay, getActivity, loadDayFacts, rulesOf } from "./facts";
import { reasonText } from "./reason-text";
import { billing, priceKey } from "./ports";

export type PlanningDay = DayState & {
  reasonText: string;
  /** Whether this caller may tick (or untick) the day now. */
  mayToggle: boolean;
  /** Whether staff may still tick (or untick) it past the rules, with a reason. */
  mayToggleWithReason: boolean;
  /**
   * What the day costs this child, in cents: a booked day its price snapshot (reduction taken off),
   * another day the tariff for the household's QF and residency (before any sibling reduction); null
   * without a tariff, on the waiting list, or when the activity does not run.
   */
  priceCents: number | null;
};

/** The child, if the scope's actor may see it (a parent: only their own households' children). */
export async function childFor(scope: Scope, childId: string) {
  const { tx, actor } = scope;
  const tenantId = scope.tenant.id;
  const [child] = await tx
    .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, householdId: children.householdId })
    .from(children)
    .where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  if (!child || (actor.role === "parent" && !actor.householdIds.includes(child.householdId))) throw notFound();
  return child;
}

/** Day-by-day states of every activity a child is enrolled in (or waiting for), over a range. */
export async function getPlanning(scope: Scope, input: { childId: string; from: CivilDate; to: CivilDate }) {
  const { tx, tenant, actor, now } = scope;
  const { childId, from, to } = input;
  const child = await childFor(scope, childId);
  const enrolled = await tx
    .select({ activityId: enrolments.activityId, status: enrolments.status })
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenant.id), eq(enrolments.childId, childId), inArray(enrolments.status, ["accepted", "pending"])));
  const calendar = await loadCalendar(tx, tenant, from, to);
  const result = [];
  for (const e of enrolled) {
    const activity = await getActivity(tx, tenant.id, e.activityId);
    if (activity.archived || activity.lastDay < from || activity.yearStart > to) continue;
    const [site] = await tx.select({ name: sites.name }).from(sites).where(and(eq(sites.tenantId, tenant.id), eq(sites.id, activity.siteId)));
    const facts = await loadDayFacts(tx, tenant.id, activity.id, childId, from, to, now);
    const states = eachDay(from, to).map((d) => dayState(rulesOf(activity), facts.get(d)!, calendar, tenant.timeZone, now));
    const prices = await dayPricesOf(scope.tx, tenant.id, { childId, activityId: activity.id, from, to }, states.filter((s) => s.runs).map((s) => s.date));
    const days: PlanningDay[] = states.map((state) => {
      const d = state.date;
      const staff = actor.role === "staff";
      return {
        ...state,
        priceCents: state.own?.status === "waitlisted" || !state.runs ? null : (prices.get(d) ?? null),
        reasonText: reasonText(state, { opensAt: facts.get(d)!.opensAt, deadline: state.bookingDeadline, timeZone: tenant.timeZone }),
        mayToggle: state.own ? state.canCancel : state.bookable,
        mayToggleWithReason: staff && (state.own !== null || staffMayOverride(state.reason)),
      };
    });
    result.push({
      id: activity.id,
      name: activity.name,
      service: activity.service,
      unit: activity.unit,
      siteName: site?.name ?? "",
      enrolment: e.status,
      capacity: activity.capacity,
      yearEnd: activity.yearEnd,
      lastDay: activity.lastDay,
      weekdays: activity.weekdays,
      bookingRuleText: describeRule(activity.bookingRule, "booking"),
      cancelRuleText: describeRule(activity.cancelRule, "cancel"),
      days,
    });
  }
  result.sort((a, b) => a.name.localeCompare(b.name, "fr"));
  return { child: { id: child.id, firstName: child.firstName, lastName: child.lastName }, activities: result };
}

/**
 * The price of each day for the planning: the snapshot of the child's held or confirmed booking, else
 * the tariff of the day (billing, through its port), in three queries whatever the range.
 */
async function dayPricesOf(tx: Tx, tenantId: string, range: { childId: string; activityId: string; from: CivilDate; to: CivilDate }, runningDays: CivilDate[]) {
  const { childId, activityId } = range;
  const tariff = await billing().priceDays(tx, tenantId, runningDays.map((date) => ({ childId, activityId, date })));
  const result = new Map<CivilDate, number | null>(runningDays.map((date) => [date, tariff.get(priceKey({ childId, activityId, date }))?.unitCents ?? null]));
  const booked = await tx
    .select({ date: bookings.date, unitPriceCents: bookings.unitPriceCents, reductionPercent: bookings.reductionPercent })
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.childId, childId),
        eq(bookings.activityId, activityId),
        gte(bookings.date, range.from),
        lte(bookings.date, range.to),
        inArray(bookings.status, ["held", "confirmed"]),
      ),
    );
  // One unit, its reduction taken off, rounded half-up once (as billing's lineAmount).
  for (const b of booked) result.set(b.date, b.unitPriceCents === null ? null : Math.round((b.unitPriceCents * (100 - b.reductionPercent)) / 100));
  return result;
}

/** Activities of the current and coming school years that a child could ask to join. */
export async function enrolableActivities(scope: Scope) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const today = todayIn(scope.tenant.timeZone, scope.now);
  return tx
    .select({
      id: activities.id,
      name: activities.name,
      service: activities.service,
      siteName: sites.name,
      yearLabel: schoolYears.label,
      autoAccept: activities.autoAcceptEnrolment,
      classLevels: activities.classLevels,
      minAgeMonths: activities.minAgeMonths,
      maxAgeMonths: activities.maxAgeMonths,
    })
    .from(activities)
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)))
    .where(and(eq(activities.tenantId, tenantId), eq(activities.archived, false), gte(activityLastDay(), today)))
    .orderBy(asc(schoolYears.startDate), asc(activities.name));
}
