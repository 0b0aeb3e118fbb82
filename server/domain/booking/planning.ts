import { and, asc, eq, gte, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { now as clockNow } from "@/common/clock";
import { activities, children, enrolments, schoolYears, sites } from "@/db/schema";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { notFound } from "@/server/errors";
import { eachDay, type CivilDate } from "@/common/dates";
import { dayState, type DayState } from "./availability";
import type { Actor } from "./bookings";
import { describeRule } from "@/common/deadline";
import { activityLastDay, getActivity, loadDayFacts, rulesOf } from "./facts";
import { reasonText } from "./reason-text";

export type PlanningDay = DayState & { reasonText: string };

export async function childFor(tx: Tx, tenantId: string, actor: Actor, childId: string) {
  const [child] = await tx
    .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, householdId: children.householdId })
    .from(children)
    .where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  if (!child || (actor.role === "parent" && !actor.householdIds.includes(child.householdId))) throw notFound();
  return child;
}

/** Day-by-day states of every activity a child is enrolled in (or waiting for), over a range. */
export async function getPlanning(tx: Tx, tenant: Tenant, actor: Actor, childId: string, from: CivilDate, to: CivilDate, now = clockNow()) {
  const child = await childFor(tx, tenant.id, actor, childId);
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
      return { ...state, reasonText: reasonText(state, { opensAt: facts.get(d)!.opensAt, deadline: state.bookingDeadline, timeZone: tenant.timeZone }) };
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
export async function enrolableActivities(tx: Tx, tenantId: string, today: CivilDate) {
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
