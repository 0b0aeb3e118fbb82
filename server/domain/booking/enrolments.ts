import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { activities, children, enrolments, guardians, schoolYears, sites, users } from "@/db/schema";
import { queueEmail } from "@/server/email/outbox";
import { env } from "@/config/env";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";
import { ageInMonths, formatAgeMonths, formatDate, todayIn, type CivilDate } from "@/common/dates";
import type { Scope } from "@/server/domain/scope";
import { activityLastDay } from "./facts";

const text = messages.enrolments;

/** Why a child's age does not fit the activity's limits (in completed months), or null when it fits. */
export function ageRefusal(
  child: { firstName: string; birthDate: CivilDate },
  limits: { minAgeMonths: number | null; maxAgeMonths: number | null },
  on: CivilDate,
): string | null {
  const { minAgeMonths: min, maxAgeMonths: max } = limits;
  const months = ageInMonths(child.birthDate, on);
  if ((min === null || months >= min) && (max === null || months <= max)) return null;
  const range =
    min !== null && max !== null
      ? text.ageBetween(formatAgeMonths(min), formatAgeMonths(max))
      : min !== null
        ? text.ageFrom(formatAgeMonths(min))
        : text.ageUpTo(formatAgeMonths(max!));
  return text.age(child.firstName, months < 0 ? formatAgeMonths(0) : formatAgeMonths(months), formatDate(on), range);
}

/**
 * A parent (or the front desk) asks to enrol a child. The child must fit the activity's class levels
 * and age limits on the day the enrolment would start (today, or the first day of a coming school
 * year); the activity may accept at once, otherwise staff decide. A child has one live request per
 * activity (an activity is one school year): asking again while it is pending or accepted is refused,
 * asking again after a refusal opens a new request.
 */
export async function requestEnrolment(scope: Scope, input: { childId: string; activityId: string }) {
  const { tx, tenant, actor, now } = scope;
  const { childId, activityId } = input;
  const [child] = await tx.select().from(children).where(and(eq(children.tenantId, tenant.id), eq(children.id, childId)));
  if (!child || (actor.role === "parent" && !actor.householdIds.includes(child.householdId))) throw notFound();
  const [row] = await tx
    .select({ activity: activities, yearStart: schoolYears.startDate, lastDay: activityLastDay() })
    .from(activities)
    .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)))
    .where(and(eq(activities.tenantId, tenant.id), eq(activities.id, activityId)));
  if (!row || row.activity.archived) throw notFound();
  const { activity } = row;
  const today = todayIn(tenant.timeZone, now);
  // The same last day as the rule book and `enrolableActivities`: a holiday centre takes children all summer.
  if (row.lastDay < today) throw new AppError("BAD_REQUEST", text.yearOver, "activityId");
  if (activity.classLevels.length && !activity.classLevels.includes(child.classLevel ?? "")) {
    throw new AppError("BAD_REQUEST", text.classLevel(activity.classLevels.join(", ")), "activityId");
  }
  const ageProblem = ageRefusal(child, activity, today > row.yearStart ? today : row.yearStart);
  if (ageProblem) throw new AppError("BAD_REQUEST", ageProblem, "activityId");

  const status = activity.autoAcceptEnrolment ? ("accepted" as const) : ("pending" as const);
  const request = { status, refusalReason: null, requestedAt: now, requestedBy: actor.userId, decidedAt: activity.autoAcceptEnrolment ? now : null, decidedBy: null };
  const [existing] = await tx
    .select({ id: enrolments.id, status: enrolments.status })
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenant.id), eq(enrolments.childId, childId), eq(enrolments.activityId, activityId)))
    .for("update");
  const duplicate = (s: string) =>
    new AppError("CONFLICT", s === "accepted" ? text.alreadyAccepted(child.firstName, activity.name) : text.alreadyPending(child.firstName, activity.name), "activityId");
  if (existing && (existing.status === "accepted" || existing.status === "pending")) throw duplicate(existing.status);
  if (existing) {
    const [updated] = await tx
      .update(enrolments)
      .set(request)
      .where(and(eq(enrolments.tenantId, tenant.id), eq(enrolments.id, existing.id)))
      .returning();
    return updated!;
  }
  // Two requests at once: the unique index lets one in, the other is told it is a duplicate.
  const [created] = await tx.insert(enrolments).values({ tenantId: tenant.id, childId, activityId, ...request }).onConflictDoNothing().returning();
  if (!created) throw duplicate("pending");
  return created;
}

/**
 * Staff accept or refuse a pending request (a refusal needs a reason, shown to the family); the
 * family is told by e-mail. A request already decided is left as it is.
 */
export async function decideEnrolment(scope: Scope, input: { enrolmentId: string; decision: "accepted" | "refused"; reason?: string }) {
  const { tx, tenant, now } = scope;
  const staffUserId = scope.actor.userId;
  const reason = input.decision === "refused" ? (input.reason ?? "").trim() : null;
  if (input.decision === "refused" && !reason) throw new AppError("BAD_REQUEST", text.reasonRequired, "reason");
  const [row] = await tx
    .update(enrolments)
    .set({ status: input.decision, refusalReason: reason, decidedAt: now, decidedBy: staffUserId })
    .where(and(eq(enrolments.tenantId, tenant.id), eq(enrolments.id, input.enrolmentId), eq(enrolments.status, "pending")))
    .returning();
  if (!row) {
    const [exists] = await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(and(eq(enrolments.tenantId, tenant.id), eq(enrolments.id, input.enrolmentId)));
    if (!exists) throw notFound();
    throw new AppError("CONFLICT", text.alreadyDecided, "enrolmentId");
  }
  const [about] = await tx
    .select({ childName: children.firstName, householdId: children.householdId, activityName: activities.name })
    .from(children)
    .innerJoin(activities, and(eq(activities.tenantId, children.tenantId), eq(activities.id, row.activityId)))
    .where(and(eq(children.tenantId, tenant.id), eq(children.id, row.childId)));
  const recipients = await tx
    .selectDistinct({ email: users.email })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(and(eq(guardians.tenantId, tenant.id), eq(guardians.householdId, about!.householdId), isNotNull(guardians.userId)));
  const accepted = input.decision === "accepted";
  for (const r of recipients) {
    await queueEmail(tx, r.email, "enrolment-decided", {
      childName: about!.childName,
      activityName: about!.activityName,
      communeName: tenant.name,
      accepted,
      reason,
      url: `${env().appUrl}/${tenant.slug}/${accepted ? "planning" : "inscriptions"}`,
    });
  }
  return row;
}

/** Enrolments of some children (a family's, or all when `childIds` is null), with activity names. */
export async function listEnrolments(scope: Scope, filter: { childIds?: string[]; status?: (typeof enrolments.$inferSelect)["status"] }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  if (filter.childIds && filter.childIds.length === 0) return [];
  return tx
    .select({
      id: enrolments.id,
      status: enrolments.status,
      refusalReason: enrolments.refusalReason,
      requestedAt: enrolments.requestedAt,
      childId: children.id,
      childName: children.firstName,
      childLastName: children.lastName,
      classLevel: children.classLevel,
      birthDate: children.birthDate,
      activityId: activities.id,
      activityName: activities.name,
      weekdays: activities.weekdays,
      siteName: sites.name,
      yearLabel: schoolYears.label,
      /** Last day the activity may be booked (a holiday centre's year runs through the summer after it). */
      yearEnd: activityLastDay(),
    })
    .from(enrolments)
    .innerJoin(children, and(eq(children.tenantId, enrolments.tenantId), eq(children.id, enrolments.childId)))
    .innerJoin(activities, and(eq(activities.tenantId, enrolments.tenantId), eq(activities.id, enrolments.activityId)))
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)))
    .where(
      and(
        eq(enrolments.tenantId, tenantId),
        filter.childIds ? inArray(enrolments.childId, filter.childIds) : undefined,
        filter.status ? eq(enrolments.status, filter.status) : undefined,
      ),
    )
    .orderBy(asc(children.firstName), asc(activities.name));
}

/** The caller's own families' enrolments. */
export async function familyEnrolments(scope: Scope) {
  const kids = await childrenOf(scope);
  return listEnrolments(scope, { childIds: kids.map((k) => k.id) });
}

/** Children of the caller's own households (a parent's; none for staff). */
export async function childrenOf(scope: Scope) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdIds } = scope.actor;
  if (!householdIds.length) return [];
  return tx
    .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, classLevel: children.classLevel, householdId: children.householdId })
    .from(children)
    .where(and(eq(children.tenantId, tenantId), inArray(children.householdId, householdIds)))
    .orderBy(asc(children.birthDate));
}
