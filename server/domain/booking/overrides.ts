import { and, desc, eq, isNotNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { activities, bookings, children, households, users } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { CivilDate } from "@/common/dates";
import type { Scope } from "@/server/domain/scope";

export interface OverrideEvent {
  bookingId: string;
  kind: "booking" | "cancellation";
  date: CivilDate;
  childFirstName: string;
  activityName: string;
  reason: string;
  at: Date;
  /** The staff member's name, or null when the account is gone (or the scheduler did it). */
  by: string | null;
}

/**
 * A household's recorded exceptions, most recent first: days booked by staff past the deadline (or
 * before booking opened) and days cancelled by staff where the family could not. A booking made
 * by derogation and later cancelled by derogation shows both, each with its own who, when and why.
 */
export async function householdOverrides(scope: Scope, input: { householdId: string; limit?: number }): Promise<OverrideEvent[]> {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdId, limit = 50 } = input;
  const [household] = await tx
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.tenantId, tenantId), eq(households.id, householdId)));
  if (!household) throw notFound();
  const creator = alias(users, "creator");
  const canceller = alias(users, "canceller");
  const rows = await tx
    .select({
      id: bookings.id,
      date: bookings.date,
      childFirstName: children.firstName,
      activityName: activities.name,
      overrideReason: bookings.overrideReason,
      cancelReason: bookings.cancelReason,
      createdAt: bookings.createdAt,
      cancelledAt: bookings.cancelledAt,
      creatorName: creator.name,
      cancellerName: canceller.name,
    })
    .from(bookings)
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
    .leftJoin(creator, eq(creator.id, bookings.createdBy))
    .leftJoin(canceller, eq(canceller.id, bookings.cancelledBy))
    .where(and(eq(bookings.tenantId, tenantId), eq(children.householdId, householdId), or(isNotNull(bookings.overrideReason), isNotNull(bookings.cancelReason))))
    .orderBy(desc(sql`coalesce(${bookings.cancelledAt}, ${bookings.createdAt})`))
    .limit(limit);
  const events: OverrideEvent[] = [];
  for (const r of rows) {
    const about = { bookingId: r.id, date: r.date, childFirstName: r.childFirstName, activityName: r.activityName };
    if (r.overrideReason) events.push({ ...about, kind: "booking", reason: r.overrideReason, at: r.createdAt, by: r.creatorName });
    if (r.cancelReason && r.cancelledAt) events.push({ ...about, kind: "cancellation", reason: r.cancelReason, at: r.cancelledAt, by: r.cancellerName });
  }
  // Same instant (a clock pinned in a demo): a booking's cancellation still reads above the booking.
  const rank = (e: OverrideEvent) => (e.kind === "cancellation" ? 0 : 1);
  return events.sort((a, b) => b.at.getTime() - a.at.getTime() || rank(a) - rank(b)).slice(0, limit);
}
