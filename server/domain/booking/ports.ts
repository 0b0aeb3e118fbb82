import type { Tx } from "@/db";
import type { TariffPricing } from "@/common/tariff-pricing";
import type { CivilDate } from "@/common/dates";
import type { TenantRef } from "@/server/domain/scope";

/*
 * What booking asks of billing, and nothing more: the price of a day, a credit when a paid day is
 * cancelled, the debt that blocks a family. Billing implements it (billing/booking-port.ts) and
 * plugs it in when it loads, so booking never imports billing and the two folders form no cycle.
 */

/** A child's day to price: the same key as a booking change. */
export interface PricedDay {
  childId: string;
  activityId: string;
  date: CivilDate;
}

export const priceKey = (d: PricedDay) => `${d.activityId}|${d.date}|${d.childId}`;

export interface DayPrice {
  /** One unit at the tariff in force that day, for the household's QF that day and its residency. */
  unitCents: number;
  pricing: TariffPricing;
  household: { id: string; isResident: boolean; qf: number | null };
}

/** The price snapshot a booking keeps. */
export interface BookingPrice {
  /** Before the sibling reduction. */
  unitPriceCents: number;
  siblingRank: number | null;
  reductionPercent: number;
  /** What the day costs: `lineAmount(unit, 1, reduction)`. */
  amountCents: number;
  pricingLabel: string;
}

/** A snapshot's sibling part, rewritten when a brother or sister joins or leaves the day. */
export interface RankedSnapshot {
  siblingRank: number | null;
  reductionPercent: number;
  pricingLabel: string | null;
}

export interface BillingPort {
  /** The tariff price of each day, before any sibling reduction (null: the activity has no tariff that day). */
  priceDays(tx: Tx, tenantId: string, days: PricedDay[]): Promise<Map<string, DayPrice | null>>;
  /** The snapshot of a day priced beforehand, at the child's sibling rank. */
  priceAtRank(day: DayPrice, rank: number | null): BookingPrice;
  /** An existing snapshot moved to another rank: its unit price stays, its reduction and label follow the rank. */
  rerank(pricing: TariffPricing, pricingLabel: string | null, rank: number): RankedSnapshot;
  /** Credits a paid day just cancelled (the booking the cancellation wrote), once; returns the amount. */
  creditCancelled(tx: Tx, tenant: TenantRef, booking: { id: string; date: string }, userId: string | null, now: Date): Promise<number>;
  /** Credits one booking with its price, once, for `reason`; returns the amount. */
  creditBooking(tx: Tx, tenant: TenantRef, bookingId: string, reason: string, userId: string | null, now: Date): Promise<number>;
  /** Whether a booking was billed (on a basket or monthly invoice). */
  wasBilled(tx: Tx, tenantId: string, bookingId: string): Promise<boolean>;
  /** The refusal when this household owes more than the commune's threshold, and where it pays; null when it may book. */
  debtBlock(tx: Tx, tenant: TenantRef, householdId: string): Promise<{ message: string; payHref: string } | null>;
}

let provided: BillingPort | null = null;

/** Called once by billing when it loads (billing/booking-port.ts). */
export function provideBillingPort(port: BillingPort) {
  provided = port;
}

/** The billing side of a booking; a start-up that forgot to load billing fails loudly, not with a wrong price. */
export function billing(): BillingPort {
  if (!provided) throw new Error("Billing port not provided: import @/server/domain/wiring at start-up.");
  return provided;
}
