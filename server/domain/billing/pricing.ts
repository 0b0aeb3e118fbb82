import type { PriceRule, TariffPricing } from "@/common/tariff-pricing";

/**
 * Pure pricing rules. Money is integer cents; every division is done in integers and rounded
 * half-up (x.5 goes to the next cent, away from zero for a negative amount), and an amount is
 * rounded once per invoice line: never per unit then again per line.
 */

/** `numerator / denominator` rounded half-up (away from zero), both integers, denominator > 0. */
export function divideHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`division invalide : ${numerator} / ${denominator}`);
  }
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  // floor((2n + d) / 2d) = round(n / d) with .5 rounded up.
  return sign * Math.floor((2 * n + denominator) / (2 * denominator));
}

export interface PricedHousehold {
  isResident: boolean;
  /** Quotient familial in euros (an integer), or null when none is on file for the date. */
  qf: number | null;
}

export const validQf = (qf: number | null): qf is number => qf !== null && Number.isInteger(qf) && qf >= 0;

/** Brackets in increasing order of their bound; the open-ended one (upTo null) last. */
export function sortedBrackets(rule: Extract<PriceRule, { kind: "brackets" }>) {
  return [...rule.brackets].sort((a, b) => (a.upTo ?? Infinity) - (b.upTo ?? Infinity));
}

/** Index of the QF's bracket among the sorted brackets; null without a valid QF (the highest applies). */
export function bracketIndex(rule: Extract<PriceRule, { kind: "brackets" }>, qf: number | null): number | null {
  if (!validQf(qf)) return null;
  const brackets = sortedBrackets(rule);
  // `upTo` is the excluded upper bound: with [400, 700, …], QF 400 is in "400 à moins de 700".
  const index = brackets.findIndex((b) => b.upTo === null || qf < b.upTo);
  return index === -1 ? brackets.length - 1 : index;
}

/** Price of one unit under a rule; no valid QF: the highest bracket, or the maximum of an effort rate. */
export function rulePrice(rule: PriceRule, qf: number | null): number {
  switch (rule.kind) {
    case "unit":
      return rule.cents;
    case "brackets": {
      const brackets = sortedBrackets(rule);
      return brackets[bracketIndex(rule, qf) ?? brackets.length - 1]!.cents;
    }
    case "effort_rate": {
      if (!validQf(qf)) return rule.maxCents;
      // QF (euros) × rate (ten-thousandths) = QF × rate / 10 000 euros = QF × rate / 100 cents.
      const cents = divideHalfUp(qf * rule.ratePerTenThousand, 100);
      return Math.min(rule.maxCents, Math.max(rule.minCents, cents));
    }
  }
}

/** Unit price in cents for a household: its residency picks the rule, its QF the bracket. */
export function unitPrice(pricing: TariffPricing, household: PricedHousehold): number {
  return rulePrice(household.isResident ? pricing.resident : pricing.nonResident, household.qf);
}

/**
 * Sibling reduction in percent for the child of the given rank (1 = first child, by birth date).
 * "by_rank": the n-th percent, the last one for every rank beyond the list; "from_rank": the
 * percent from that rank on.
 */
export function siblingReduction(pricing: Pick<TariffPricing, "siblingReduction">, rank: number): number {
  const rule = pricing.siblingReduction;
  if (!rule || !Number.isInteger(rank) || rank < 1) return 0;
  if (rule.kind === "by_rank") return rule.percents[Math.min(rank, rule.percents.length) - 1] ?? 0;
  return rank >= rule.fromRank ? rule.percent : 0;
}

/**
 * Amount of an invoice line: unit price × quantity, less a reduction (sibling), times a share of the
 * price (absence penalty, surcharge for a presence without booking), rounded half-up to the cent once
 * for the whole line (a negative unit or quantity gives the mirror amount).
 */
export function lineAmount(unitCents: number, quantity: number, percentOff = 0, percentOfPrice = 100): number {
  if (![unitCents, quantity, percentOff, percentOfPrice].every(Number.isInteger)) {
    throw new RangeError(`ligne invalide : ${unitCents} × ${quantity} − ${percentOff} % × ${percentOfPrice} %`);
  }
  return divideHalfUp(unitCents * quantity * (100 - percentOff) * percentOfPrice, 10_000);
}

/** What a line bills before it is split: `quantity` units at `unitCents`, with `lineAmount`'s percentages. */
export interface LineInput {
  unitCents: number;
  quantity: number;
  percentOff?: number;
  percentOfPrice?: number;
}

export interface LinePart {
  /** whole: the activity has no food part (or the line is 0); service: supervision only; meal: food. */
  part: "whole" | "service" | "meal";
  unitCents: number;
  amountCents: number;
}

/**
 * A line split into supervision and food (the childcare tax credit excludes food); food per unit never
 * exceeds the price. The whole line is rounded once and the food part once; supervision is the
 * difference, so splitting never changes what a family pays. No supervision left: the food line alone.
 */
export function splitMeal(pricing: Pick<TariffPricing, "mealCents">, line: LineInput): LinePart[] {
  const { unitCents, quantity, percentOff = 0, percentOfPrice = 100 } = line;
  const amountCents = lineAmount(unitCents, quantity, percentOff, percentOfPrice);
  const mealUnit = Math.sign(unitCents) * Math.min(Math.max(pricing.mealCents ?? 0, 0), Math.abs(unitCents));
  if (mealUnit === 0 || amountCents === 0) return [{ part: "whole", unitCents, amountCents }];
  const meal: LinePart = { part: "meal", unitCents: mealUnit, amountCents: lineAmount(mealUnit, quantity, percentOff, percentOfPrice) };
  if (mealUnit === unitCents) return [meal];
  return [{ part: "service", unitCents: unitCents - mealUnit, amountCents: amountCents - meal.amountCents }, meal];
}

export interface FiscalInputs {
  /** Annual taxable income (revenu fiscal de référence), cents. */
  annualIncomeCents: number;
  /** Monthly family benefits, cents. */
  monthlyBenefitsCents: number;
  /** Number of parts, in quarters (e.g. 2.5). */
  parts: number;
}

/** Parts as counted by the CAF: 2 for a couple, 1 alone; ½ for each of the first two children, 1 from the third. */
export function cafParts({ adults, children }: { adults: number; children: number }): number {
  if (!Number.isInteger(adults) || adults < 1 || adults > 2 || !Number.isInteger(children) || children < 0) {
    throw new RangeError(`composition du foyer invalide : ${adults} adulte(s), ${children} enfant(s)`);
  }
  return adults + Math.min(children, 2) * 0.5 + Math.max(children - 2, 0);
}

/** The parts used for a fiscal QF, by the commune's rule: as on the tax notice, or counted as the CAF does. */
export function qfParts(rule: "fiscal" | "caf", input: { parts?: number; adults?: number; children?: number }): number {
  if (rule === "caf") return cafParts({ adults: input.adults ?? NaN, children: input.children ?? NaN });
  if (input.parts === undefined) throw new RangeError("nombre de parts manquant");
  return input.parts;
}

/**
 * Quotient familial from tax data: (annual taxable income / 12 + monthly benefits) / parts, in
 * euros rounded half-up to an integer (computed in integers: no floating-point drift).
 */
export function computeFiscalQf({ annualIncomeCents, monthlyBenefitsCents, parts }: FiscalInputs): number {
  const quarters = parts * 4;
  if (!Number.isInteger(quarters) || quarters <= 0) throw new RangeError(`nombre de parts invalide : ${parts}`);
  if (!Number.isSafeInteger(annualIncomeCents) || !Number.isSafeInteger(monthlyBenefitsCents) || annualIncomeCents < 0 || monthlyBenefitsCents < 0) {
    throw new RangeError("revenus invalides");
  }
  // euros = (annual + 12 × monthly) / (12 × 100 × parts) = (annual + 12 × monthly) / (300 × quarters)
  return divideHalfUp(annualIncomeCents + 12 * monthlyBenefitsCents, 300 * quarters);
}
