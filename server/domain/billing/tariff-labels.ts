import { formatMoney } from "@/server/lib/money";
import { sortedBrackets } from "./pricing";
import type { PriceRule, TariffPricing } from "./tariff-pricing";

const qfNumber = (n: number) => new Intl.NumberFormat("fr-FR").format(n);

/** "0,45 %" from ten-thousandths (45). */
export const formatRate = (ratePerTenThousand: number) =>
  `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ratePerTenThousand / 100)} %`;

/** A price rule in French: "2,10 €", "< 400 : 1,20 € · 400 à moins de 700 : 2,10 € · …", "Taux d'effort 0,45 % (min 1,00 €, max 4,50 €)". */
export function describeRule(rule: PriceRule): string {
  switch (rule.kind) {
    case "unit":
      return `${formatMoney(rule.cents)} l'unité`;
    case "brackets": {
      const brackets = sortedBrackets(rule);
      return brackets
        .map((b, i) => {
          const from = i === 0 ? null : brackets[i - 1]!.upTo;
          const range =
            b.upTo === null
              ? from === null
                ? "tout quotient"
                : `${qfNumber(from)} et plus`
              : from === null
                ? `< ${qfNumber(b.upTo)}`
                : `${qfNumber(from)} à moins de ${qfNumber(b.upTo)}`;
          return `${range} : ${formatMoney(b.cents)}`;
        })
        .join(" · ");
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
    ["Résidents", describeRule(pricing.resident)],
    ["Non-résidents", describeRule(pricing.nonResident)],
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
