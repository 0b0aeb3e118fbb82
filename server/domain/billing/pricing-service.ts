import { and, eq, gt, inArray, ne, or } from "drizzle-orm";
import type { Tx } from "@/db";
import { bookings, children, households } from "@/db/schema";
import { now as clockNow } from "@/server/lib/clock";
import type { CivilDate } from "@/server/lib/dates";
import { freeRank, lineAmount, siblingReduction, unitPrice, type PricedHousehold } from "./pricing";
import { qfAt } from "./quotients";
import { pricingLabel } from "./tariff-labels";
import type { TariffPricing } from "./tariff-pricing";
import { tariffAt } from "./tariffs";

export interface DayPrice {
  /** One unit at the tariff in force that day, for the household's QF that day and its residency. */
  unitCents: number;
  pricing: TariffPricing;
  household: PricedHousehold & { id: string };
}

/** The tariff price of one day for a child's household, before any sibling reduction; null without a tariff. */
export async function dayPrice(tx: Tx, tenantId: string, childId: string, activityId: string, date: CivilDate): Promise<DayPrice | null> {
  const tariff = await tariffAt(tx, tenantId, activityId, date);
  if (!tariff) return null;
  const [child] = await tx
    .select({ householdId: children.householdId, isResident: households.isResident })
    .from(children)
    .innerJoin(households, and(eq(households.tenantId, children.tenantId), eq(households.id, children.householdId)))
    .where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  if (!child) return null;
  const household = { id: child.householdId, isResident: child.isResident, qf: await qfAt(tx, tenantId, child.householdId, date) };
  return { unitCents: unitPrice(tariff.pricing, household), pricing: tariff.pricing, household };
}

export interface BookingPrice {
  /** Before the sibling reduction. */
  unitPriceCents: number;
  siblingRank: number | null;
  reductionPercent: number;
  /** What the day costs: `lineAmount(unit, 1, reduction)`. */
  amountCents: number;
  pricingLabel: string;
}

/**
 * The price snapshot of a booking, fixed when it is made: the tariff in force on the day, the
 * bracket of the household's QF on that day (none on file: the highest), residency, and the sibling
 * reduction for the child's rank among the household's children booked that day for the activity
 * (`freeRank`). Call it under the day's lock (the booking service's), so two siblings booked at
 * once get two ranks. Null when the activity has no tariff. A later tariff or QF never changes it.
 */
export async function priceForBooking(
  tx: Tx,
  tenantId: string,
  childId: string,
  activityId: string,
  date: CivilDate,
  now: Date = clockNow(),
): Promise<BookingPrice | null> {
  const day = await dayPrice(tx, tenantId, childId, activityId, date);
  if (!day) return null;
  if (!day.pricing.siblingReduction) return bookingPrice(day, null);
  const siblings = await tx
    .select({ rank: bookings.siblingRank })
    .from(bookings)
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.activityId, activityId),
        eq(bookings.date, date),
        // Live: confirmed, waiting, or in a basket whose hold has not expired.
        or(inArray(bookings.status, ["confirmed", "waitlisted"]), and(eq(bookings.status, "held"), gt(bookings.heldUntil, now))),
        eq(children.householdId, day.household.id),
        ne(children.id, childId),
      ),
    );
  return bookingPrice(day, freeRank(siblings.map((s) => s.rank)));
}

/**
 * The snapshot of a day priced beforehand (`dayPrice`, which needs no lock) once the child's sibling
 * rank is known (`freeRank` over the household's other live bookings of the day; null when the tariff
 * has no sibling reduction).
 */
export function bookingPrice(day: DayPrice, siblingRank: number | null): BookingPrice {
  const rank = day.pricing.siblingReduction ? siblingRank : null;
  const reductionPercent = rank === null ? 0 : siblingReduction(day.pricing, rank);
  return {
    unitPriceCents: day.unitCents,
    siblingRank: rank,
    reductionPercent,
    amountCents: lineAmount(day.unitCents, 1, reductionPercent),
    pricingLabel: pricingLabel(day.pricing, day.household, reductionPercent),
  };
}
