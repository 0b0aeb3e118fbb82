import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { activities, auditEvents, bookings, children, enrolments, users } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { allowedSiteIds } from "@/server/domain/team/team";
import { notFound } from "@/server/errors";

/** « Consultations des données de santé »: who read which child's health data, when and from where (admins). */
export async function healthViews(scope: Scope, input: { householdId?: string; limit?: number }) {
  const conditions = [eq(auditEvents.tenantId, scope.tenant.id), eq(auditEvents.action, "health.viewed")];
  if (input.householdId) conditions.push(eq(auditEvents.householdId, input.householdId));
  const rows = await scope.tx
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: users.name,
      actorEmail: users.email,
      childId: auditEvents.childId,
      childName: sql<string | null>`(select c.first_name || ' ' || c.last_name from ${children} c where c.tenant_id = ${auditEvents.tenantId} and c.id = ${auditEvents.childId})`,
      via: sql<string | null>`${auditEvents.detail}->>'via'`,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conditions, isNotNull(auditEvents.childId)))
    .orderBy(desc(auditEvents.at))
    .limit(Math.min(input.limit ?? 200, 500));
  return rows;
}

/**
 * A child whose health data this staff member may read: the front desk any child of the commune; a
 * site agent only a child enrolled or booked in an activity of their sites. Anyone else: NOT_FOUND.
 */
export async function assertChildHealthReadable(scope: Scope, childId: string): Promise<{ householdId: string }> {
  const { tx, tenant } = scope;
  const [child] = await tx.select({ householdId: children.householdId }).from(children).where(and(eq(children.tenantId, tenant.id), eq(children.id, childId)));
  if (!child) throw notFound();
  if (scope.actor.role === "parent") {
    if (!scope.actor.householdIds.includes(child.householdId)) throw notFound();
    return child;
  }
  const allowed = await allowedSiteIds(scope);
  if (allowed === null) return child;
  if (!allowed.length) throw notFound();
  const siteActivities = tx.select({ id: activities.id }).from(activities).where(and(eq(activities.tenantId, tenant.id), inArray(activities.siteId, allowed)));
  const [enrolled] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenant.id), eq(enrolments.childId, childId), inArray(enrolments.activityId, siteActivities)))
    .limit(1);
  const [booked] = enrolled
    ? [enrolled]
    : await tx
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.childId, childId), inArray(bookings.activityId, siteActivities)))
        .limit(1);
  if (!booked) throw notFound();
  return child;
}
