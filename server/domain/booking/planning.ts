import { and, asc, eq, gte, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { activities, children, enrolments, schoolYears, sites } from "@/db/schema";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import { notFound } from "@/server/errors";
import { eachDay, todayIn, type CivilDate } from "@/common/dates";
import { dayState, staffMayOverride, type DayState } from "./availability";
import type { Scope } from "@/server/domain/scope";
import { describeRule } from "@/common/deadline";
import { activityLastDay, activityRowColumns, factsKey, loadDayFactsMany, rulesOf, toActivityRow, type BookedPrice } from "./facts";
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

/**
 * Day-by-day states of every activity a child is enrolled in (or waiting for), over a range: a fixed
 * number of statements whatever the number of activities (the child, its activities, the calendar,
 * the days' facts, the tariffs).
 */
export async function getPlanning(scope: Scope, input: { childId: string; from: CivilDate; to: CivilDate }) {
  const { tx, tenant, actor, now } = scope;
  const { childId, from, to } = input;
  const child = await childFor(scope, childId);
  const enrolled = (await enrolledActivities(tx, tenant.id, childId)).filter((e) => !e.activity.archived && e.activity.lastDay >= from && e.activity.yearStart <= to);
  const calendar = await loadCalendar(tx, tenant, from, to);
  const { facts, booked } = await loadDayFactsMany(tx, tenant.id, enrolled.map((e) => ({ activityId: e.activity.id, childId, from, to })), now);
  const states = new Map(enrolled.map((e) => [e.activity.id, eachDay(from, to).map((d) => dayState(rulesOf(e.activity), facts.get(factsKey(e.activity.id, childId))!.get(d)!, calendar, tenant.timeZone, now))]));
  const prices = await dayPricesOf(tx, tenant.id, childId, states, booked);
  const staff = actor.role === "staff";
  const result = enrolled.map(({ activity, siteName, status }) => {
    const dayFacts = facts.get(factsKey(activity.id, childId))!;
    const days: PlanningDay[] = states.get(activity.id)!.map((state) => {
      const d = state.date;
      return {
        ...state,
        priceCents: state.own?.status === "waitlisted" || !state.runs ? null : (prices.get(priceKey({ childId, activityId: activity.id, date: d })) ?? null),
        reasonText: reasonText(state, { opensAt: dayFacts.get(d)!.opensAt, deadline: state.bookingDeadline, timeZone: tenant.timeZone }),
        mayToggle: state.own ? state.canCancel : state.bookable,
        mayToggleWithReason: staff && (state.own !== null || staffMayOverride(state.reason)),
      };
    });
    return {
      id: activity.id,
      name: activity.name,
      service: activity.service,
      unit: activity.unit,
      siteName,
      enrolment: status,
      capacity: activity.capacity,
      yearEnd: activity.yearEnd,
      lastDay: activity.lastDay,
      weekdays: activity.weekdays,
      bookingRuleText: describeRule(activity.bookingRule, "booking"),
      cancelRuleText: describeRule(activity.cancelRule, "cancel"),
      days,
    };
  });
  result.sort((a, b) => a.name.localeCompare(b.name, "fr"));
  return { child: { id: child.id, firstName: child.firstName, lastName: child.lastName }, activities: result };
}

/** The activities a child is enrolled in or waiting for, with their site's name, in one statement. */
async function enrolledActivities(tx: Tx, tenantId: string, childId: string) {
  const rows = await tx
    .select({ ...activityRowColumns(), siteName: sites.name, status: enrolments.status })
    .from(enrolments)
    .innerJoin(activities, and(eq(activities.tenantId, enrolments.tenantId), eq(activities.id, enrolments.activityId)))
    .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)))
    .leftJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.childId, childId), inArray(enrolments.status, ["accepted", "pending"])));
  return rows.map((r) => ({ activity: toActivityRow(r), siteName: r.siteName ?? "", status: r.status }));
}

/**
 * The price of each running day for the planning, keyed by `priceKey`: the snapshot of the child's
 * held or confirmed booking, else the tariff of the day (billing, through its port, in one call for
 * every activity).
 */
async function dayPricesOf(tx: Tx, tenantId: string, childId: string, states: Map<string, DayState[]>, booked: Map<string, BookedPrice>) {
  const running = [...states].flatMap(([activityId, days]) => days.filter((s) => s.runs).map((s) => ({ childId, activityId, date: s.date })));
  const tariff = await billing().priceDays(tx, tenantId, running);
  const result = new Map<string, number | null>();
  for (const day of running) {
    const snapshot = booked.get(`${factsKey(day.activityId, childId)}|${day.date}`);
    // One unit, its reduction taken off, rounded half-up once (as billing's lineAmount).
    const price = snapshot
      ? snapshot.unitPriceCents === null
        ? null
        : Math.round((snapshot.unitPriceCents * (100 - snapshot.reductionPercent)) / 100)
      : (tariff.get(priceKey(day))?.unitCents ?? null);
    result.set(priceKey(day), price);
  }
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
