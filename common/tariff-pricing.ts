import { z } from "zod";

const cents = z.number().int().min(0).max(1_000_000);

/** How one unit is priced for a household. Brackets are by quotient familial, upper bound excluded. */
export const priceRuleSchema = z.discriminatedUnion("kind", [
  /** A single unit price. */
  z.object({ kind: z.literal("unit"), cents }),
  /** e.g. < 400, 400–700, 700–1000, ≥ 1000: `upTo` is the excluded upper bound, null for the last bracket. */
  z.object({
    kind: z.literal("brackets"),
    brackets: z.array(z.object({ upTo: z.number().int().positive().nullable(), cents })).min(1).max(20),
  }),
  /** Taux d'effort: QF × rate, clamped; the rate is in ten-thousandths (0,45 % = 45). */
  z.object({ kind: z.literal("effort_rate"), ratePerTenThousand: z.number().int().min(1).max(100_000), minCents: cents, maxCents: cents }),
]);
export type PriceRule = z.infer<typeof priceRuleSchema>;

export const tariffPricingSchema = z.object({
  resident: priceRuleSchema,
  nonResident: priceRuleSchema,
  /** Part of each unit that is food (shown on a separate "repas" line: the childcare tax credit excludes it). */
  mealCents: cents.default(0),
  /** Sibling reduction, by rank among the household's children booked that day (`ranksByAge`: the eldest is rank 1). */
  siblingReduction: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("by_rank"), percents: z.array(z.number().int().min(0).max(100)).min(1).max(10) }),
      z.object({ kind: z.literal("from_rank"), fromRank: z.number().int().min(2).max(10), percent: z.number().int().min(0).max(100) }),
    ])
    .nullable()
    .default(null),
  /** Charged for an unjustified absence, as a percentage of the unit price (0 = not charged). */
  absencePenaltyPercent: z.number().int().min(0).max(200).default(100),
  /** Charged for a presence without booking, as a percentage of the unit price (100 = the normal price). */
  unbookedSurchargePercent: z.number().int().min(0).max(300).default(100),
});
export type TariffPricing = z.infer<typeof tariffPricingSchema>;
