import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { now as clockNow } from "@/server/lib/clock";
import { activities, children, enrolments, schoolYears, sites } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { ageOn } from "@/server/lib/dates";
import type { Actor } from "./bookings";
import { activityLastDay } from "./facts";

/** A parent asks to enrol a child; the activity may accept at once, otherwise staff decide. */
export async function requestEnrolment(tx: Tx, tenantId: string, actor: Actor, childId: string, activityId: string, now = clockNow()) {
  const [child] = await tx.select().from(children).where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  if (!child || (actor.role === "parent" && !actor.householdIds.includes(child.householdId))) throw notFound();
  const [row] = await tx
    .select({ activity: activities, yearStart: schoolYears.startDate })
    .from(activities)
    .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)))
    .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)));
  if (!row || row.activity.archived) throw notFound();
  const { activity } = row;
  if (activity.classLevels.length && !activity.classLevels.includes(child.classLevel ?? "")) {
    throw new AppError("BAD_REQUEST", `Activité réservée aux classes : ${activity.classLevels.join(", ")}.`, "activityId");
  }
  const months = ageOn(child.birthDate, row.yearStart) * 12;
  if ((activity.minAgeMonths !== null && months < activity.minAgeMonths) || (activity.maxAgeMonths !== null && months > activity.maxAgeMonths)) {
    throw new AppError("BAD_REQUEST", "L'âge de l'enfant ne correspond pas à cette activité.", "activityId");
  }
  const status = activity.autoAcceptEnrolment ? "accepted" : "pending";
  const decided = activity.autoAcceptEnrolment ? { decidedAt: now, decidedBy: null } : { decidedAt: null, decidedBy: null };
  const [existing] = await tx
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.childId, childId), eq(enrolments.activityId, activityId)));
  if (existing && (existing.status === "accepted" || existing.status === "pending")) return existing;
  if (existing) {
    const [updated] = await tx
      .update(enrolments)
      .set({ status, refusalReason: null, requestedAt: now, requestedBy: actor.userId, ...decided })
      .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.id, existing.id)))
      .returning();
    return updated!;
  }
  const [created] = await tx
    .insert(enrolments)
    .values({ tenantId, childId, activityId, status, requestedAt: now, requestedBy: actor.userId, ...decided })
    .returning();
  return created!;
}

export async function decideEnrolment(
  tx: Tx,
  tenantId: string,
  staffUserId: string,
  input: { enrolmentId: string; decision: "accepted" | "refused"; reason?: string },
  now = clockNow(),
) {
  if (input.decision === "refused" && !input.reason?.trim()) {
    throw new AppError("BAD_REQUEST", "Motif du refus : obligatoire.", "reason");
  }
  const [row] = await tx
    .update(enrolments)
    .set({ status: input.decision, refusalReason: input.decision === "refused" ? input.reason!.trim() : null, decidedAt: now, decidedBy: staffUserId })
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.id, input.enrolmentId)))
    .returning();
  if (!row) throw notFound();
  return row;
}

/** Enrolments of some children (a family's, or all when `childIds` is null), with activity names. */
export async function listEnrolments(tx: Tx, tenantId: string, filter: { childIds?: string[]; status?: (typeof enrolments.$inferSelect)["status"] }) {
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

/** Children of the given households. */
export async function childrenOf(tx: Tx, tenantId: string, householdIds: string[]) {
  if (!householdIds.length) return [];
  return tx
    .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, classLevel: children.classLevel, householdId: children.householdId })
    .from(children)
    .where(and(eq(children.tenantId, tenantId), inArray(children.householdId, householdIds)))
    .orderBy(asc(children.birthDate));
}
