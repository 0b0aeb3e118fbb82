import { and, asc, eq, notExists } from "drizzle-orm";
import type { Tx } from "@/db";
import { activities, attendance, bookings, children, enrolments } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import type { Scope } from "@/server/domain/scope";
import { allergiesForList } from "@/server/domain/family-file/lists";
import { todayIn, type CivilDate } from "@/common/dates";
import type { AttendanceStatus } from "./daily-list";
import { messages } from "@/common/messages";

const text = messages.attendance;

export interface MarkInput {
  activityId: string;
  date: CivilDate;
  childId: string;
  status: AttendanceStatus;
}

async function activityOf(tx: Tx, tenantId: string, activityId: string) {
  const [activity] = await tx
    .select({ id: activities.id, archived: activities.archived })
    .from(activities)
    .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)));
  if (!activity) throw notFound();
  return activity;
}

async function isBooked(tx: Tx, tenantId: string, input: Omit<MarkInput, "status">) {
  const [row] = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.activityId, input.activityId),
        eq(bookings.childId, input.childId),
        eq(bookings.date, input.date),
        eq(bookings.status, "confirmed"),
      ),
    );
  return Boolean(row);
}

async function isEnrolled(tx: Tx, tenantId: string, activityId: string, childId: string) {
  const [row] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(
      and(eq(enrolments.tenantId, tenantId), eq(enrolments.activityId, activityId), eq(enrolments.childId, childId), eq(enrolments.status, "accepted")),
    );
  return Boolean(row);
}

/**
 * Records a pointage (or corrects it). Present, absent and excused are for a child booked that day;
 * "present without booking", which billing charges, only for a child enrolled in the activity but
 * not booked. A day still to come cannot be pointed.
 */
export async function markAttendance(scope: Scope, input: MarkInput) {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const userId = scope.actor.userId;
  const today = todayIn(scope.tenant.timeZone, now);
  const activity = await activityOf(tx, tenantId, input.activityId);
  const [child] = await tx
    .select({ id: children.id })
    .from(children)
    .where(and(eq(children.tenantId, tenantId), eq(children.id, input.childId)));
  if (!child) throw notFound();
  if (input.date > today) throw new AppError("BAD_REQUEST", text.futureDay, "date");
  const booked = await isBooked(tx, tenantId, input);
  if (input.status === "unbooked_present") {
    if (booked) throw new AppError("BAD_REQUEST", text.alreadyBooked, "status");
    if (activity.archived) throw new AppError("BAD_REQUEST", text.archivedActivity, "activityId");
    if (!(await isEnrolled(tx, tenantId, input.activityId, input.childId))) throw new AppError("BAD_REQUEST", text.notEnrolled, "childId");
  } else if (!booked) {
    throw new AppError("BAD_REQUEST", text.notBooked, "status");
  }
  const [row] = await tx
    .insert(attendance)
    .values({ tenantId, activityId: input.activityId, date: input.date, childId: input.childId, status: input.status, markedAt: now, markedBy: userId })
    .onConflictDoUpdate({
      target: [attendance.tenantId, attendance.activityId, attendance.date, attendance.childId],
      set: { status: input.status, markedAt: now, markedBy: userId },
    })
    .returning();
  return row!;
}

/** Removes a pointage entered by mistake (the child goes back to "not marked"). */
export async function unmarkAttendance(scope: Scope, input: Omit<MarkInput, "status">) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const today = todayIn(scope.tenant.timeZone, scope.now);
  await activityOf(tx, tenantId, input.activityId);
  if (input.date > today) throw new AppError("BAD_REQUEST", text.futureDay, "date");
  const removed = await tx
    .delete(attendance)
    .where(
      and(
        eq(attendance.tenantId, tenantId),
        eq(attendance.activityId, input.activityId),
        eq(attendance.date, input.date),
        eq(attendance.childId, input.childId),
      ),
    )
    .returning({ childId: attendance.childId });
  return { removed: removed.length };
}

/**
 * Children enrolled (accepted) in the activity who have no confirmed booking that day and are not
 * pointed yet: those an agent may add as "present without booking".
 */
export async function enrolledNotBooked(scope: Scope, input: { activityId: string; date: CivilDate }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  await activityOf(tx, tenantId, input.activityId);
  const rows = await tx
    .select({
      childId: children.id,
      householdId: children.householdId,
      firstName: children.firstName,
      lastName: children.lastName,
      classLevel: children.classLevel,
      health: children.health,
      hasPai: children.hasPai,
    })
    .from(enrolments)
    .innerJoin(children, and(eq(children.tenantId, enrolments.tenantId), eq(children.id, enrolments.childId)))
    .where(
      and(
        eq(enrolments.tenantId, tenantId),
        eq(enrolments.activityId, input.activityId),
        eq(enrolments.status, "accepted"),
        notExists(
          tx
            .select({ one: bookings.id })
            .from(bookings)
            .where(
              and(
                eq(bookings.tenantId, enrolments.tenantId),
                eq(bookings.activityId, enrolments.activityId),
                eq(bookings.childId, enrolments.childId),
                eq(bookings.date, input.date),
                eq(bookings.status, "confirmed"),
              ),
            ),
        ),
        notExists(
          tx
            .select({ one: attendance.childId })
            .from(attendance)
            .where(
              and(
                eq(attendance.tenantId, enrolments.tenantId),
                eq(attendance.activityId, enrolments.activityId),
                eq(attendance.childId, enrolments.childId),
                eq(attendance.date, input.date),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(children.lastName), asc(children.firstName));
  const allergies = await allergiesForList(scope, rows, "daily_list");
  return rows.map(({ householdId: _h, health: _s, ...row }) => ({ ...row, allergies: allergies.get(row.childId) ?? null }));
}
