import { and, asc, count, desc, eq, gte, ne, sql } from "drizzle-orm";
import { activities, bookings, enrolments, schoolYears, sites } from "@/db/schema";
import { promoteWhileRoom } from "@/server/domain/booking/bookings";
import type { Tx } from "@/db";
import { todayIn } from "@/common/dates";
import { describeRule } from "@/common/deadline";
import { activityLastDay } from "@/server/domain/booking/facts";
import type { DeadlineRule } from "@/common/deadline-rule";
import { AppError, notFound } from "@/server/errors";
import { fieldLabel } from "@/common/messages";
import { activityInput, activityUpdateInput, check, type ActivityInput, type ActivityUpdateInput, type ActivityValues } from "./inputs";
import { classLevels, type ClassLevel } from "@/common/activity-labels";
import { messages } from "@/common/messages";
import type { Scope } from "@/server/domain/scope";

const m = messages.activities;

const listColumns = {
  id: activities.id,
  name: activities.name,
  service: activities.service,
  unit: activities.unit,
  weekdays: activities.weekdays,
  runsOn: activities.runsOn,
  capacity: activities.capacity,
  bookingRule: activities.bookingRule,
  cancelRule: activities.cancelRule,
  autoAcceptEnrolment: activities.autoAcceptEnrolment,
  classLevels: activities.classLevels,
  minAgeMonths: activities.minAgeMonths,
  maxAgeMonths: activities.maxAgeMonths,
  archived: activities.archived,
  billingMode: activities.billingMode,
  invoiceTiming: activities.invoiceTiming,
  siteId: activities.siteId,
  siteName: sites.name,
  siteArchived: sites.archived,
  schoolYearId: activities.schoolYearId,
  yearLabel: schoolYears.label,
  yearStart: schoolYears.startDate,
  yearEnd: schoolYears.endDate,
  lastDay: activityLastDay(),
};

const isClassLevel = (level: string): level is ClassLevel => (classLevels as readonly string[]).includes(level);

const withTexts = <T extends { bookingRule: DeadlineRule; cancelRule: DeadlineRule | null; classLevels: string[] }>(row: T) => ({
  ...row,
  /** Only levels the form knows (all writes are checked against the same list). */
  classLevels: row.classLevels.filter(isClassLevel),
  bookingRuleText: describeRule(row.bookingRule, "booking"),
  cancelRuleText: describeRule(row.cancelRule, "cancel"),
});

function joined(tx: Tx) {
  return tx
    .select(listColumns)
    .from(activities)
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)));
}

/** Every activity of the commune with its site and school year, latest year first, then by name. */
export async function listActivities(scope: Scope) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const rows = await joined(tx)
    .where(eq(activities.tenantId, tenantId))
    .orderBy(desc(schoolYears.startDate), asc(activities.archived), asc(activities.name), asc(sites.name));
  return rows.map(withTexts);
}

/** One activity with its site, school year and how many children are enrolled (accepted or pending). */
export async function getActivityDetail(scope: Scope, input: { activityId: string }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { activityId } = input;
  const [row] = await joined(tx).where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)));
  if (!row) throw notFound();
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.activityId, activityId), sql`${enrolments.status} in ('accepted', 'pending')`));
  return { ...withTexts(row), enrolled: n };
}

/** The site and the school year must be the commune's (else NOT_FOUND); a new site must be open. */
async function assertReferences(tx: Tx, tenantId: string, values: ActivityValues, current?: { siteId: string; schoolYearId: string; id: string }) {
  const [site] = await tx
    .select({ archived: sites.archived })
    .from(sites)
    .where(and(eq(sites.tenantId, tenantId), eq(sites.id, values.siteId)));
  if (!site) throw notFound();
  if (site.archived && values.siteId !== current?.siteId) {
    throw new AppError("BAD_REQUEST", `${fieldLabel(["siteId"])} : ${m.siteArchived}`, "siteId");
  }
  const [year] = await tx
    .select({ id: schoolYears.id })
    .from(schoolYears)
    .where(and(eq(schoolYears.tenantId, tenantId), eq(schoolYears.id, values.schoolYearId)));
  if (!year) throw notFound();
  if (current && current.schoolYearId !== values.schoolYearId) {
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(enrolments)
      .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.activityId, current.id)));
    if (n > 0) throw new AppError("BAD_REQUEST", `${fieldLabel(["schoolYearId"])} : ${m.yearChangeWithEnrolments}`, "schoolYearId");
  }
  const [{ n: same } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(activities)
    .where(
      and(
        eq(activities.tenantId, tenantId),
        eq(activities.siteId, values.siteId),
        eq(activities.schoolYearId, values.schoolYearId),
        sql`lower(${activities.name}) = lower(${values.name})`,
        current ? ne(activities.id, current.id) : undefined,
      ),
    );
  if (same > 0) throw new AppError("CONFLICT", m.activityNameTaken, "name");
}

const columnsOf = (v: ActivityValues) => ({
  siteId: v.siteId,
  schoolYearId: v.schoolYearId,
  service: v.service,
  name: v.name,
  unit: v.unit,
  weekdays: v.weekdays,
  runsOn: v.runsOn,
  capacity: v.capacity,
  bookingRule: v.bookingRule,
  cancelRule: v.cancelRule,
  autoAcceptEnrolment: v.autoAcceptEnrolment,
  classLevels: v.classLevels,
  minAgeMonths: v.minAgeMonths,
  maxAgeMonths: v.maxAgeMonths,
  billingMode: v.billingMode,
  invoiceTiming: v.invoiceTiming,
});

export async function createActivity(scope: Scope, input: ActivityInput) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const values = check(activityInput, input);
  await assertReferences(tx, tenantId, values);
  const [row] = await tx
    .insert(activities)
    .values({ tenantId, ...columnsOf(values) })
    .returning({ id: activities.id });
  return getActivityDetail(scope, { activityId: row!.id });
}

/**
 * Saves the whole activity form; the planning of every family obeys the new settings at once. A
 * higher default capacity gives the places it frees, from today on, to the waiting lists, exactly
 * as a day's own capacity raise does (prepaid: into the family's basket); `promoted` says how many.
 */
export async function updateActivity(scope: Scope, input: ActivityUpdateInput) {
  const { tx, tenant, now } = scope;
  const tenantId = tenant.id;
  const { activityId, ...values } = check(activityUpdateInput, input);
  const [current] = await tx
    .select({ id: activities.id, siteId: activities.siteId, schoolYearId: activities.schoolYearId, capacity: activities.capacity })
    .from(activities)
    .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)));
  if (!current) throw notFound();
  await assertReferences(tx, tenantId, values, current);
  await tx
    .update(activities)
    .set(columnsOf(values))
    .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)));
  const raised = current.capacity !== null && (values.capacity === null || values.capacity > current.capacity);
  let promoted = 0;
  if (raised) {
    const waiting = await tx
      .selectDistinct({ date: bookings.date })
      .from(bookings)
      .where(and(eq(bookings.tenantId, tenantId), eq(bookings.activityId, activityId), eq(bookings.status, "waitlisted"), gte(bookings.date, todayIn(tenant.timeZone, now))))
      .orderBy(asc(bookings.date));
    for (const { date } of waiting) promoted += await promoteWhileRoom(tx, tenant, activityId, date, values.name, now);
  }
  return { ...(await getActivityDetail(scope, { activityId })), promoted };
}

/**
 * Archives an activity (no longer offered nor shown in plannings; bookings and history stay) or
 * brings it back.
 */
export async function archiveActivity(scope: Scope, input: { activityId: string; archived: boolean }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { activityId, archived } = input;
  if (!archived) {
    const [site] = await tx
      .select({ archived: sites.archived })
      .from(activities)
      .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
      .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)));
    if (!site) throw notFound();
    if (site.archived) throw new AppError("BAD_REQUEST", `${fieldLabel(["siteId"])} : ${m.siteArchived}`, "siteId");
  }
  const [row] = await tx
    .update(activities)
    .set({ archived })
    .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)))
    .returning({ id: activities.id });
  if (!row) throw notFound();
  return getActivityDetail(scope, { activityId });
}
