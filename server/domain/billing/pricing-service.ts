import { and, desc, eq, gte, inArray, isNull, lte, or } from "drizzle-orm";
import type { Tx } from "@/db";
import { children, households, quotients, tariffs } from "@/db/schema";
import type { CivilDate } from "@/common/dates";
import { priceKey, type BookingPrice, type DayPrice, type PricedDay } from "@/server/domain/booking/ports";
import { lineAmount, siblingReduction, unitPrice } from "./pricing";
import { pricingLabel } from "./tariff-labels";
import { tariffPricingSchema, type TariffPricing } from "@/common/tariff-pricing";

export type { BookingPrice, DayPrice, PricedDay } from "@/server/domain/booking/ports";
export { priceKey } from "@/server/domain/booking/ports";

/** The tariff price of one day for a child's household, before any sibling reduction; null without a tariff. */
export async function dayPrice(tx: Tx, tenantId: string, childId: string, activityId: string, date: CivilDate): Promise<DayPrice | null> {
  return (await dayPrices(tx, tenantId, [{ childId, activityId, date }])).get(priceKey({ childId, activityId, date })) ?? null;
}

/**
 * `dayPrice` for many days in three queries (tariffs, households, quotients), whatever their
 * number: the tariff in force on each day is the latest starting on or before it; the QF the
 * latest attestation covering it (ties: the last recorded), as `tariffAt` and `qfAt` choose.
 */
export async function dayPrices(tx: Tx, tenantId: string, days: PricedDay[]): Promise<Map<string, DayPrice | null>> {
  const result = new Map<string, DayPrice | null>();
  if (!days.length) return result;
  const last = days.reduce((max, d) => (d.date > max ? d.date : max), days[0]!.date);
  const first = days.reduce((min, d) => (d.date < min ? d.date : min), days[0]!.date);
  const tariffRows = await tx
    .select({ activityId: tariffs.activityId, validFrom: tariffs.validFrom, pricing: tariffs.pricing })
    .from(tariffs)
    .where(and(eq(tariffs.tenantId, tenantId), inArray(tariffs.activityId, [...new Set(days.map((d) => d.activityId))]), lte(tariffs.validFrom, last)))
    .orderBy(desc(tariffs.validFrom));
  const parsed = new Map<(typeof tariffRows)[number], TariffPricing>();
  const tariffOn = (activityId: string, date: CivilDate) => {
    const row = tariffRows.find((t) => t.activityId === activityId && t.validFrom <= date);
    if (row && !parsed.has(row)) parsed.set(row, tariffPricingSchema.parse(row.pricing));
    return row ? parsed.get(row)! : null;
  };
  if (!days.some((d) => tariffOn(d.activityId, d.date))) {
    for (const d of days) result.set(priceKey(d), null);
    return result;
  }
  const childRows = await tx
    .select({ id: children.id, householdId: children.householdId, isResident: households.isResident })
    .from(children)
    .innerJoin(households, and(eq(households.tenantId, children.tenantId), eq(households.id, children.householdId)))
    .where(and(eq(children.tenantId, tenantId), inArray(children.id, [...new Set(days.map((d) => d.childId))])));
  const householdOf = new Map(childRows.map((c) => [c.id, c]));
  const qfRows = await tx
    .select({ householdId: quotients.householdId, value: quotients.value, validFrom: quotients.validFrom, validTo: quotients.validTo })
    .from(quotients)
    .where(
      and(
        eq(quotients.tenantId, tenantId),
        inArray(quotients.householdId, [...new Set(childRows.map((c) => c.householdId))]),
        lte(quotients.validFrom, last),
        or(isNull(quotients.validTo), gte(quotients.validTo, first)),
      ),
    )
    .orderBy(desc(quotients.validFrom), desc(quotients.createdAt), desc(quotients.id));
  const qfOn = (householdId: string, date: CivilDate) =>
    qfRows.find((q) => q.householdId === householdId && q.validFrom <= date && (q.validTo === null || q.validTo >= date))?.value ?? null;
  for (const d of days) {
    const pricing = tariffOn(d.activityId, d.date);
    const child = householdOf.get(d.childId);
    if (!pricing || !child) {
      result.set(priceKey(d), null);
      continue;
    }
    const household = { id: child.householdId, isResident: child.isResident, qf: qfOn(child.householdId, d.date) };
    result.set(priceKey(d), { unitCents: unitPrice(pricing, household), pricing, household });
  }
  return result;
}

/**
 * The snapshot of a day priced beforehand (`dayPrice`, which needs no lock) once the child's sibling
 * rank is known (by age among the household's children booked that day, under the day's lock; null
 * when the tariff has no sibling reduction). A later tariff or QF never changes it.
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
