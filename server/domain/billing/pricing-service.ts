import { and, asc, eq, gt, inArray, ne, or } from "drizzle-orm";
import type { Tx } from "@/db";
import { bookings, children, households } from "@/db/schema";
import { now as clockNow } from "@/server/lib/clock";
import type { CivilDate } from "@/server/lib/dates";
import { lineAmount, siblingReduction, unitPrice } from "./pricing";
import { qfAt } from "./quotients";
import { tariffAt } from "./tariffs";

/**
 * The price snapshot of a booking, in cents, fixed when it is made: the tariff in force on the
 * day, the bracket of the household's QF on that day (none on file: the highest), residency,
 * and the sibling reduction for the child's rank among the household's children booked that day
 * for the activity (by birth date, this child included). Null when the activity has no tariff.
 * A later tariff or QF never changes it.
 */
export async function priceForBooking(
  tx: Tx,
  tenantId: string,
  childId: string,
  activityId: string,
  date: CivilDate,
  now: Date = clockNow(),
): Promise<number | null> {
  const tariff = await tariffAt(tx, tenantId, activityId, date);
  if (!tariff) return null;
  const [child] = await tx
    .select({ householdId: children.householdId, birthDate: children.birthDate, isResident: households.isResident })
    .from(children)
    .innerJoin(households, and(eq(households.tenantId, children.tenantId), eq(households.id, children.householdId)))
    .where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  if (!child) return null;
  const qf = await qfAt(tx, tenantId, child.householdId, date);
  const unit = unitPrice(tariff.pricing, { isResident: child.isResident, qf });
  let rank = 1;
  if (tariff.pricing.siblingReduction) {
    const siblings = await tx
      .select({ id: children.id, birthDate: children.birthDate })
      .from(bookings)
      .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
      .where(
        and(
          eq(bookings.tenantId, tenantId),
          eq(bookings.activityId, activityId),
          eq(bookings.date, date),
          // Live: confirmed, waiting, or in a basket whose hold has not expired.
          or(inArray(bookings.status, ["confirmed", "waitlisted"]), and(eq(bookings.status, "held"), gt(bookings.heldUntil, now))),
          eq(children.householdId, child.householdId),
          ne(children.id, childId),
        ),
      )
      .orderBy(asc(children.birthDate), asc(children.id));
    const all = [...siblings, { id: childId, birthDate: child.birthDate }].sort(
      (a, b) => a.birthDate.localeCompare(b.birthDate) || a.id.localeCompare(b.id),
    );
    rank = all.findIndex((c) => c.id === childId) + 1;
  }
  return lineAmount(unit, 1, siblingReduction(tariff.pricing, rank));
}
