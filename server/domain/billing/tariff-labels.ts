import { formatMoney } from "@/common/money";
import { bracketIndex, sortedBrackets, validQf, type PricedHousehold } from "./pricing";
import type { PriceRule, TariffPricing } from "@/common/tariff-pricing";

const qfNumber = (n: number) => new Intl.NumberFormat("fr-FR").format(n);

/** "0,45 %" from ten-thousandths (45). */
export const formatRate = (ratePerTenThousand: number) =>
  `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ratePerTenThousand / 100)} %`;

/** "< 400", "400 à moins de 700", "1 000 et plus", "tout quotient": the i-th of sorted brackets. */
function bracketRange(brackets: ReturnType<typeof sortedBrackets>, i: number): string {
  const upTo = brackets[i]!.upTo;
  const from = i === 0 ? null : brackets[i - 1]!.upTo;
  if (upTo === null) return from === null ? "tout quotient" : `${qfNumber(from)} et plus`;
  return from === null ? `< ${qfNumber(upTo)}` : `${qfNumber(from)} à moins de ${qfNumber(upTo)}`;
}

/** A price rule in French: "2,10 €", "< 400 : 1,20 € · 400 à moins de 700 : 2,10 € · …", "Taux d'effort 0,45 % (min 1,00 €, max 4,50 €)". */
export function describePriceRule(rule: PriceRule): string {
  switch (rule.kind) {
    case "unit":
      return `${formatMoney(rule.cents)} l'unité`;
    case "brackets": {
      const brackets = sortedBrackets(rule);
      return brackets.map((b, i) => `${bracketRange(brackets, i)} : ${formatMoney(b.cents)}`).join(" · ");
    }
    case "effort_rate":
      return `Taux d'effort ${formatRate(rule.ratePerTenThousand)} (min ${formatMoney(rule.minCents)}, max ${formatMoney(rule.maxCents)})`;
  }
}

const ordinal = (n: number) => (n === 1 ? "1er" : `${n}e`);

export function describeSiblingReduction(rule: TariffPricing["siblingReduction"]): string {
  if (!rule) return "aucune";
  if (rule.kind === "from_rank") return rule.percent ? `−${rule.percent} % à partir du ${ordinal(rule.fromRank)} enfant` : "aucune";
  const parts = rule.percents
    .map((p, i) => [i + 1, p] as const)
    .filter(([, p]) => p > 0)
    .map(([rank, p]) => `${ordinal(rank)} enfant${rank === rule.percents.length ? " et suivants" : ""} : −${p} %`);
  return parts.length ? parts.join(" · ") : "aucune";
}

/** Every setting of a tariff, as term and French description, for the admin pages. */
export function describeTariff(pricing: TariffPricing): [string, string][] {
  return [
    ["Résidents", describePriceRule(pricing.resident)],
    ["Non-résidents", describePriceRule(pricing.nonResident)],
    ["Part repas", pricing.mealCents ? `${formatMoney(pricing.mealCents)} par unité (au plus le prix)` : "aucune"],
    ["Réduction fratrie", describeSiblingReduction(pricing.siblingReduction)],
    ["Pénalité d'absence non justifiée", pricing.absencePenaltyPercent ? `${pricing.absencePenaltyPercent} % du prix` : "non facturée"],
    [
      "Présence sans réservation",
      pricing.unbookedSurchargePercent === 100
        ? "prix normal"
        : pricing.unbookedSurchargePercent > 100
          ? `majorée : ${pricing.unbookedSurchargePercent} % du prix`
          : `${pricing.unbookedSurchargePercent} % du prix`,
    ],
  ];
}

/**
 * How one booking was priced, in a few words for the recaps: the rule and bracket that applied,
 * residency when the commune prices residents apart, and the sibling reduction.
 * "QF 400 à moins de 700, résident", "taux d'effort 0,20 %, QF 650", "tarif unique, réduction fratrie −10 %".
 */
export function pricingLabel(pricing: TariffPricing, household: PricedHousehold, reductionPercent = 0): string {
  const rule = household.isResident ? pricing.resident : pricing.nonResident;
  const parts: string[] = [];
  switch (rule.kind) {
    case "unit":
      parts.push("tarif unique");
      break;
    case "brackets": {
      const brackets = sortedBrackets(rule);
      const index = bracketIndex(rule, household.qf);
      parts.push(index === null ? "sans QF connu : tranche la plus haute" : brackets.length === 1 ? "tarif unique" : `QF ${bracketRange(brackets, index)}`);
      break;
    }
    case "effort_rate":
      parts.push(!validQf(household.qf) ? "taux d'effort, sans QF connu : maximum" : `taux d'effort ${formatRate(rule.ratePerTenThousand)}, QF ${qfNumber(household.qf)}`);
      break;
  }
  if (JSON.stringify(pricing.resident) !== JSON.stringify(pricing.nonResident)) parts.push(household.isResident ? "résident" : "non résident");
  if (reductionPercent) parts.push(`réduction fratrie −${reductionPercent} %`);
  return parts.join(", ");
}

const REDUCTION = /, réduction fratrie −\d+ %$/;

/** A snapshot's label with its sibling reduction changed, the rest (bracket, residency as priced then) kept. */
export function relabelReduction(label: string, reductionPercent: number): string {
  const base = label.replace(REDUCTION, "");
  return reductionPercent ? `${base}, réduction fratrie −${reductionPercent} %` : base;
}
