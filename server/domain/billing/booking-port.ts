import { provideBillingPort, type BillingPort } from "@/server/domain/booking/ports";
import { creditBooking, creditCancelledBooking, wasBilled } from "./credit";
import { debtBlockMessage, debtPaymentHref } from "./payments";
import { siblingReduction } from "./pricing";
import { bookingPrice, dayPrices } from "./pricing-service";
import { relabelReduction } from "./tariff-labels";

/** Billing as booking sees it (booking/ports.ts): plugged in when this module loads (server/domain/wiring.ts). */
export const billingForBooking: BillingPort = {
  priceDays: dayPrices,
  priceAtRank: bookingPrice,
  rerank(pricing, pricingLabel, rank) {
    const siblingRank = pricing.siblingReduction ? rank : null;
    const reductionPercent = siblingRank === null ? 0 : siblingReduction(pricing, siblingRank);
    return { siblingRank, reductionPercent, pricingLabel: pricingLabel === null ? null : relabelReduction(pricingLabel, reductionPercent) };
  },
  creditCancelled: creditCancelledBooking,
  creditBooking,
  wasBilled,
  async debtBlock(tx, tenant, householdId) {
    const message = await debtBlockMessage(tx, tenant, householdId);
    return message ? { message, payHref: debtPaymentHref(tenant) } : null;
  },
};

provideBillingPort(billingForBooking);
