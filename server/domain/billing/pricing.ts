import type { PriceRule, TariffPricing } from "./tariff-pricing";

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

const validQf = (qf: number | null): qf is number => qf !== null && Number.isInteger(qf) && qf >= 0;

/** Brackets in increasing order of their bound; the open-ended one (upTo null) last. */
export function sortedBrackets(rule: Extract<PriceRule, { kind: "brackets" }>) {
  return [...rule.brackets].sort((a, b) => (a.upTo ?? Infinity) - (b.upTo ?? Infinity));
}

/** Price of one unit under a rule; no valid QF: the highest bracket, or the maximum of an effort rate. */
export function rulePrice(rule: PriceRule, qf: number | null): number {
  switch (rule.kind) {
    case "unit":
      return rule.cents;
    case "brackets": {
      const brackets = sortedBrackets(rule);
      const highest = brackets.at(-1)!;
      if (!validQf(qf)) return highest.cents;
      // `upTo` is the excluded upper bound: with [400, 700, …], QF 400 is in "400 à moins de 700".
      return (brackets.find((b) => b.upTo === null || qf < b.upTo) ?? highest).cents;
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
 * Amount of an invoice line: unit price × quantity, less a percentage, rounded half-up to the
 * cent once for the whole line (a negative quantity gives the mirror amount).
 */
export function lineAmount(unitCents: number, quantity: number, percentOff = 0): number {
  if (!Number.isInteger(unitCents) || !Number.isInteger(quantity) || !Number.isInteger(percentOff)) {
    throw new RangeError(`ligne invalide : ${unitCents} × ${quantity} − ${percentOff} %`);
  }
  return divideHalfUp(unitCents * quantity * (100 - percentOff), 100);
}

/** A percentage of a unit price (absence penalty, unbooked surcharge), rounded half-up. */
export function percentOf(unitCents: number, percent: number): number {
  return divideHalfUp(unitCents * percent, 100);
}

/** The unit split into supervision and food (the childcare tax credit excludes food); food never exceeds the price. */
export function splitMeal(pricing: Pick<TariffPricing, "mealCents">, unitCents: number): { serviceCents: number; mealCents: number } {
  const mealCents = Math.max(0, Math.min(pricing.mealCents ?? 0, unitCents));
  return { serviceCents: unitCents - mealCents, mealCents };
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
