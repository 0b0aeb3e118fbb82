import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { activities, children, enrolments, schoolYears, sites } from "@/db/schema";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import { notFound } from "@/server/errors";
import { eachDay, todayIn, type CivilDate } from "@/common/dates";
import { dayState, staffMayOverride, type DayState } from "./availability";
import type { Scope } from "@/server/domain/scope";
import { describeRule } from "@/common/deadline";
import { activityLastDay, getActivity, loadDayFacts, rulesOf } from "./facts";
import { reasonText } from "./reason-text";

export type PlanningDay = DayState & {
  reasonText: string;
  /** Whether this caller may tick (or untick) the day now. */
  mayToggle: boolean;
  /** Whether staff may still tick (or untick) it past the rules, with a reason. */
  mayToggleWithReason: boolean;
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
    const days: PlanningDay[] = eachDay(from, to).map((d) => {
      const state = dayState(rulesOf(activity), facts.get(d)!, calendar, tenant.timeZone, now);
      const staff = actor.role === "staff";
      return {
        ...state,
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
