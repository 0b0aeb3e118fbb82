import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Tx } from "@/db";
import { activities, bookings, children, guardians, users } from "@/db/schema";
import { effectiveBillingMode } from "@/server/domain/activities/billing-mode";
import type { SchoolCalendar } from "@/common/calendar";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { queueEmails } from "@/server/email/outbox";
import { env } from "@/config/env";
import { formatDate, formatDayLong, type CivilDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { calendarClosure } from "./availability";
import { getActivity, rulesOf, type ActivityRow } from "./facts";
import { billing } from "./ports";
import { reasonText } from "./reason-text";

const m = messages.activities;

/** A live booking (or place on the waiting list) on a day the commune closes. */
export interface ClosedBooking {
  id: string;
  /** Why the day is closed, as families read it ("Jour férié : Vendredi saint"); null: a day closed on the activity itself. */
  reason: string | null;
}

/**
 * The one way bookings end because the commune closes their day, whether an admin closes one day of
 * an activity or the school calendar closes days (closure, holidays, public holidays): each booking
 * is cancelled (nobody is billed for it, and an invoice billed in advance is regularised by the next
 * run), a prepaid day already paid is credited to the family account, and every guardian with an
 * account gets an e-mail, worded for a place on the waiting list when that is what it was. Returns
 * how many bookings and places on the waiting list were cancelled (expired basket holds aside).
 */
export async function cancelForClosure(
  tx: Tx,
  tenant: Tenant,
  targets: ClosedBooking[],
  options: { userId: string | null; now: Date },
): Promise<number> {
  if (!targets.length) return 0;
  const { userId, now } = options;
  const live = await tx
    .select({ id: bookings.id, childId: bookings.childId, activityId: bookings.activityId, date: bookings.date, status: bookings.status, heldUntil: bookings.heldUntil })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenant.id), inArray(bookings.id, targets.map((t) => t.id)), inArray(bookings.status, ["held", "confirmed", "waitlisted"])))
    .orderBy(asc(bookings.date), asc(bookings.id));
  if (!live.length) return 0;
  // A basket hold already expired is cancelled too, but it held no place: nobody is told about it.
  const told = live.filter((b) => !isExpiredHold(b, now));
  const reasonOf = new Map(targets.map((t) => [t.id, t.reason]));
  const byReason = new Map<string | null, string[]>();
  for (const b of live) {
    const reason = reasonOf.get(b.id) ?? null;
    byReason.set(reason, [...(byReason.get(reason) ?? []), b.id]);
  }
  for (const [reason, ids] of byReason) {
    await tx
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: now, cancelledBy: userId, cancelReason: reason ?? m.closureReason })
      .where(and(eq(bookings.tenantId, tenant.id), inArray(bookings.id, ids)));
  }

  const activityRows = await tx
    .select({ id: activities.id, name: activities.name, billingMode: activities.billingMode })
    .from(activities)
    .where(and(eq(activities.tenantId, tenant.id), inArray(activities.id, [...new Set(live.map((b) => b.activityId))])));
  const activityOf = new Map(activityRows.map((a) => [a.id, a]));
  const families = await tx
    .select({ childId: children.id, childName: children.firstName, email: users.email })
    .from(children)
    .innerJoin(guardians, and(eq(guardians.tenantId, children.tenantId), eq(guardians.householdId, children.householdId)))
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(and(eq(children.tenantId, tenant.id), inArray(children.id, [...new Set(live.map((b) => b.childId))])));

  const mails = [];
  for (const booking of told) {
    const activity = activityOf.get(booking.activityId)!;
    const reason = reasonOf.get(booking.id) ?? null;
    const paid = effectiveBillingMode(tenant, activity) === "prepaid" && (await billing().wasBilled(tx, tenant.id, booking.id));
    const credited = paid ? await billing().creditBooking(tx, tenant, booking.id, m.closureCredit(formatDate(booking.date), reason), userId, now) : 0;
    for (const { email, childName } of families.filter((f) => f.childId === booking.childId)) {
      mails.push({
        to: email,
        props: {
          childName,
          activityName: activity.name,
          dayLabel: formatDayLong(booking.date),
          communeName: tenant.name,
          reason,
          waitlisted: booking.status === "waitlisted",
          credited: credited ? formatMoney(credited) : null,
          url: `${env().appUrl}/${tenant.slug}/planning`,
        },
      });
    }
  }
  await queueEmails(tx, "day-closed", mails);
  return told.length;
}

const isExpiredHold = (b: { status: string; heldUntil: Date | null }, now: Date) => b.status === "held" && b.heldUntil !== null && b.heldUntil <= now;

/** Reasons a calendar change can close a day; weekdays and school-year bounds are the activity's own business. */
const calendarReasons = new Set(["public_holiday", "school_holiday", "term_time", "closed"]);

export interface ShutBooking extends ClosedBooking {
  status: "held" | "confirmed" | "waitlisted";
}

/**
 * The live bookings of [from, to] that a school calendar (stored, or as it would be after a change)
 * shuts: what a calendar change cancels, and what its preview counts, from one list.
 */
export async function bookingsShutBy(
  tx: Tx,
  tenant: Tenant,
  calendar: SchoolCalendar,
  range: { from: CivilDate; to: CivilDate },
  now: Date,
): Promise<ShutBooking[]> {
  if (range.to < range.from) return [];
  const rows = await tx
    .select({ id: bookings.id, activityId: bookings.activityId, date: bookings.date, status: bookings.status, heldUntil: bookings.heldUntil })
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tenant.id),
        gte(bookings.date, range.from),
        lte(bookings.date, range.to),
        inArray(bookings.status, ["held", "confirmed", "waitlisted"]),
      ),
    )
    .orderBy(asc(bookings.date), asc(bookings.id));
  const live = rows.filter((b) => !isExpiredHold(b, now));
  const activityOf = new Map<string, ActivityRow>();
  const shut: ShutBooking[] = [];
  for (const booking of live) {
    if (!activityOf.has(booking.activityId)) activityOf.set(booking.activityId, await getActivity(tx, tenant.id, booking.activityId));
    const closure = calendarClosure(rulesOf(activityOf.get(booking.activityId)!), booking.date, calendar);
    if (closure && calendarReasons.has(closure.reason)) {
      shut.push({ id: booking.id, status: booking.status as ShutBooking["status"], reason: reasonText(closure) });
    }
  }
  return shut;
}

/** How many bookings, and places on the waiting list, a list of shut bookings holds: what the admin confirms. */
export function shutCounts(shut: ShutBooking[]): { bookings: number; waitlisted: number } {
  const waitlisted = shut.filter((b) => b.status === "waitlisted").length;
  return { bookings: shut.length - waitlisted, waitlisted };
}
