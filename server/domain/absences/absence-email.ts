import { and, eq, isNotNull } from "drizzle-orm";
import { activities, bookings, children, guardians, users } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { queueEmail } from "@/server/email/outbox";
import { env } from "@/config/env";
import { formatDayLong } from "@/common/dates";

/** Tells the family's guardians with an account what the front desk decided about a reported absence. */
export async function queueAbsenceDecision(scope: Scope, input: { bookingId: string; accepted: boolean }) {
  const { tx, tenant } = scope;
  const [about] = await tx
    .select({ childName: children.firstName, householdId: children.householdId, activityName: activities.name, date: bookings.date })
    .from(bookings)
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, input.bookingId)));
  if (!about) return;
  const recipients = await tx
    .selectDistinct({ email: users.email })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(and(eq(guardians.tenantId, tenant.id), eq(guardians.householdId, about.householdId), isNotNull(guardians.userId)));
  for (const r of recipients) {
    await queueEmail(tx, r.email, "absence-decided", {
      childName: about.childName,
      activityName: about.activityName,
      dayLabel: formatDayLong(about.date),
      communeName: tenant.name,
      accepted: input.accepted,
      url: `${env().appUrl}/${tenant.slug}/absences`,
    });
  }
}
