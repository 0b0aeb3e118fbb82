import { describe, expect, it } from "vitest";
import {
  cafParts,
  computeFiscalQf,
  divideHalfUp,
  lineAmount,
  qfParts,
  siblingReduction,
  splitMeal,
  unitPrice,
} from "@/server/domain/billing/pricing";
import { describePriceRule, describeSiblingReduction, describeTariff, pricingLabel, relabelReduction } from "@/server/domain/billing/tariff-labels";
import { ranksByAge, type Sibling } from "@/server/domain/booking/sibling-ranks";
import { tariffPricingSchema, type TariffPricing } from "@/common/tariff-pricing";

const cantine: TariffPricing = tariffPricingSchema.parse({
  resident: {
    kind: "brackets",
    brackets: [
      { upTo: 400, cents: 120 },
      { upTo: 700, cents: 210 },
      { upTo: 1000, cents: 300 },
      { upTo: null, cents: 390 },
    ],
  },
  nonResident: { kind: "unit", cents: 450 },
  mealCents: 150,
});
const effort: TariffPricing = tariffPricingSchema.parse({
  resident: { kind: "effort_rate", ratePerTenThousand: 45, minCents: 100, maxCents: 450 },
  nonResident: { kind: "unit", cents: 500 },
});
const resident = (qf: number | null) => ({ isResident: true, qf });

describe("unit price by quotient familial", () => {
  it.each([
    [0, 120],
    [399, 120],
    [400, 210], // the bound is excluded from the lower bracket
    [650, 210],
    [699, 210],
    [700, 300],
    [999, 300],
    [1000, 390],
    [25_000, 390],
  ])("QF %i → %i cents", (qf, cents) => {
    expect(unitPrice(cantine, resident(qf))).toBe(cents);
  });

  it("charges the highest bracket when no valid QF is on file", () => {
    expect(unitPrice(cantine, resident(null))).toBe(390);
    expect(unitPrice(cantine, resident(-5))).toBe(390);
    expect(unitPrice(cantine, resident(Number.NaN))).toBe(390);
    expect(unitPrice(cantine, resident(650.5))).toBe(390);
  });

  it("finds the bracket whatever order the brackets were typed in", () => {
    const shuffled = { ...cantine, resident: { kind: "brackets" as const, brackets: [...(cantine.resident as { brackets: { upTo: number | null; cents: number }[] }).brackets].reverse() } };
    expect(unitPrice(shuffled, resident(650))).toBe(210);
    expect(unitPrice(shuffled, resident(null))).toBe(390);
  });

  it("uses the last bracket above every bound when none is open-ended", () => {
    const closed = { ...cantine, resident: { kind: "brackets" as const, brackets: [{ upTo: 500, cents: 100 }, { upTo: 900, cents: 200 }] } };
    expect(unitPrice(closed, resident(950))).toBe(200);
  });

  it("prices non-residents by their own rule, whatever their QF", () => {
    expect(unitPrice(cantine, { isResident: false, qf: 300 })).toBe(450);
    expect(unitPrice(cantine, { isResident: false, qf: null })).toBe(450);
  });

  it("applies an effort rate: QF × rate, half-up to the cent, clamped between min and max", () => {
    expect(unitPrice(effort, resident(650))).toBe(293); // 650 × 0,45 % = 2,925 € → 2,93 €
    expect(unitPrice(effort, resident(700))).toBe(315);
    expect(unitPrice(effort, resident(210))).toBe(100); // 0,945 € → min 1,00 €
    expect(unitPrice(effort, resident(0))).toBe(100);
    expect(unitPrice(effort, resident(1000))).toBe(450); // exactly the max
    expect(unitPrice(effort, resident(5000))).toBe(450); // 22,50 € → max 4,50 €
    expect(unitPrice(effort, resident(null))).toBe(450); // no QF: the maximum
    expect(unitPrice(effort, { isResident: false, qf: 650 })).toBe(500);
  });
});

describe("rounding: half-up to the cent, once per line", () => {
  it("rounds .5 up and below .5 down, mirrored for negative amounts", () => {
    expect(divideHalfUp(5, 10)).toBe(1);
    expect(divideHalfUp(4, 10)).toBe(0);
    expect(divideHalfUp(15, 10)).toBe(2);
    expect(divideHalfUp(25, 10)).toBe(3);
    expect(divideHalfUp(-25, 10)).toBe(-3);
    expect(divideHalfUp(-24, 10)).toBe(-2);
    expect(() => divideHalfUp(1, 0)).toThrow(RangeError);
  });

  it("computes a line from unit price, quantity and reduction, rounding once", () => {
    expect(lineAmount(210, 12)).toBe(2520);
    expect(lineAmount(210, 12, 10)).toBe(2268);
    // 2,05 € − 10 % = 1,845 € per unit; per line: 3 × 1,845 = 5,535 → 5,54 € (not 3 × 1,85 = 5,55 €).
    expect(lineAmount(205, 3, 10)).toBe(554);
    expect(lineAmount(205, 1, 10)).toBe(185); // 1,845 → 1,85
    expect(lineAmount(105, 1, 50)).toBe(53); // 0,525 → 0,53
    expect(lineAmount(210, -2)).toBe(-420);
    expect(lineAmount(105, -1, 50)).toBe(-53);
    expect(lineAmount(390, 0)).toBe(0);
    expect(lineAmount(390, 5, 100)).toBe(0);
    expect(() => lineAmount(2.5, 1)).toThrow(RangeError);
  });

  it("takes a share of the price (penalty, surcharge) on the whole line, rounding once", () => {
    // 3 days at 1,15 € with a 15 % penalty: 3,45 € × 15 % = 0,5175 → 0,52 € (not 3 × 0,17 = 0,51 €).
    expect(lineAmount(115, 3, 0, 15)).toBe(52);
    // 3 presences without booking at 1,15 €, 150 %: 5,175 → 5,18 € (not 3 × 1,73 = 5,19 €).
    expect(lineAmount(115, 3, 0, 150)).toBe(518);
    // Both: a second child (−10 %) absent, 50 % penalty: 2,05 × 3 × 0,9 × 0,5 = 2,7675 → 2,77 €.
    expect(lineAmount(205, 3, 10, 50)).toBe(277);
    expect(lineAmount(-115, 3, 0, 15)).toBe(-52);
    expect(lineAmount(390, 4, 0, 0)).toBe(0);
    expect(() => lineAmount(100, 1, 0, 1.5)).toThrow(RangeError);
  });
});

describe("sibling reduction", () => {
  const byRank = { siblingReduction: { kind: "by_rank" as const, percents: [0, 10, 20] } };
  const fromRank = { siblingReduction: { kind: "from_rank" as const, fromRank: 3, percent: 15 } };

  it("by rank: one percent per rank, the last one for every later child", () => {
    expect([1, 2, 3, 4, 5].map((r) => siblingReduction(byRank, r))).toEqual([0, 10, 20, 20, 20]);
  });

  it("from a rank on", () => {
    expect([1, 2, 3, 4].map((r) => siblingReduction(fromRank, r))).toEqual([0, 0, 15, 15]);
  });

  it("none without a rule or for a nonsense rank", () => {
    expect(siblingReduction({ siblingReduction: null }, 3)).toBe(0);
    expect(siblingReduction(byRank, 0)).toBe(0);
  });
});

describe("sibling rank", () => {
  const child = (childId: string, birthDate: string, fixed = false, rank: number | null = null): Sibling => ({ childId, birthDate, rank, pricingLabel: null, fixed });
  it("ranks the children booked that day by age, the eldest first, whatever the order of the list", () => {
    const ranks = ranksByAge([child("chloe", "2019-09-02"), child("leo", "2020-02-02"), child("sarah", "2017-03-14")]);
    expect(Object.fromEntries(ranks)).toEqual({ sarah: 1, chloe: 2, leo: 3 });
  });

  it("keeps the rank of a billed booking and gives the others the ranks left, eldest first", () => {
    const ranks = ranksByAge([child("chloe", "2019-09-02", true, 1), child("sarah", "2017-03-14"), child("leo", "2020-02-02")]);
    expect(Object.fromEntries(ranks)).toEqual({ chloe: 1, sarah: 2, leo: 3 });
  });

  it("breaks a tie of birth dates (twins) by id, so the answer never depends on the order", () => {
    expect(Object.fromEntries(ranksByAge([child("b", "2018-01-01"), child("a", "2018-01-01")]))).toEqual({ a: 1, b: 2 });
  });
});

describe("pricing label of a booking", () => {
  it("changes only the sibling reduction of a label when a booking moves rank", () => {
    expect(relabelReduction("QF 400 à moins de 700, résident", 10)).toBe("QF 400 à moins de 700, résident, réduction fratrie −10 %");
    expect(relabelReduction("QF 400 à moins de 700, résident, réduction fratrie −10 %", 0)).toBe("QF 400 à moins de 700, résident");
    expect(relabelReduction("tarif unique, réduction fratrie −10 %", 20)).toBe("tarif unique, réduction fratrie −20 %");
  });

  const resident = (qf: number | null) => ({ isResident: true, qf });
  it("names the bracket, the effort rate or the single price, residency when it matters, and the reduction", () => {
    expect(pricingLabel(cantine, resident(400))).toBe("QF 400 à moins de 700, résident");
    expect(pricingLabel(cantine, resident(399))).toBe("QF < 400, résident");
    expect(pricingLabel(cantine, resident(1200))).toBe("QF 1\u202f000 et plus, résident");
    expect(pricingLabel(cantine, resident(null))).toBe("sans QF connu : tranche la plus haute, résident");
    expect(pricingLabel(cantine, { isResident: false, qf: 400 })).toBe("tarif unique, non résident");
    expect(pricingLabel(effort, resident(650))).toBe("taux d'effort 0,45 %, QF 650, résident");
    expect(pricingLabel(effort, resident(null))).toBe("taux d'effort, sans QF connu : maximum, résident");
    const same = tariffPricingSchema.parse({ resident: { kind: "unit", cents: 360 }, nonResident: { kind: "unit", cents: 360 } });
    expect(pricingLabel(same, { isResident: false, qf: null })).toBe("tarif unique");
    expect(pricingLabel(same, resident(650), 10)).toBe("tarif unique, réduction fratrie −10 %");
  });
});

describe("meal part", () => {
  it("splits a line into supervision and food, food capped at the price, without changing its total", () => {
    expect(splitMeal(cantine, { unitCents: 390, quantity: 2 })).toEqual([
      { part: "service", unitCents: 240, amountCents: 480 },
      { part: "meal", unitCents: 150, amountCents: 300 },
    ]);
    expect(splitMeal(cantine, { unitCents: 120, quantity: 1 })).toEqual([{ part: "meal", unitCents: 120, amountCents: 120 }]);
    expect(splitMeal({ mealCents: 0 }, { unitCents: 390, quantity: 3 })).toEqual([{ part: "whole", unitCents: 390, amountCents: 1170 }]);
    // 3 days at 2,05 € −10 %: the line is 5,54 €; food 1,50 € × 3 − 10 % = 4,05 €; supervision the rest.
    const parts = splitMeal(cantine, { unitCents: 205, quantity: 3, percentOff: 10 });
    expect(parts).toEqual([
      { part: "service", unitCents: 55, amountCents: 149 },
      { part: "meal", unitCents: 150, amountCents: 405 },
    ]);
    expect(parts.reduce((s, p) => s + p.amountCents, 0)).toBe(lineAmount(205, 3, 10));
    // A credit is the mirror image; a line of nothing stays one line.
    expect(splitMeal(cantine, { unitCents: -390, quantity: 1 })).toEqual([
      { part: "service", unitCents: -240, amountCents: -240 },
      { part: "meal", unitCents: -150, amountCents: -150 },
    ]);
    expect(splitMeal(cantine, { unitCents: 390, quantity: 2, percentOfPrice: 0 })).toEqual([{ part: "whole", unitCents: 390, amountCents: 0 }]);
  });
});

describe("fiscal quotient familial", () => {
  it("is (annual income / 12 + monthly benefits) / parts, in euros rounded half-up", () => {
    // 36 000 € / 12 = 3 000 € + 150 € = 3 150 € / 3 parts = 1 050 €
    expect(computeFiscalQf({ annualIncomeCents: 3_600_000, monthlyBenefitsCents: 15_000, parts: 3 })).toBe(1050);
    // 24 000 € / 12 = 2 000 € / 2,5 = 800 €
    expect(computeFiscalQf({ annualIncomeCents: 2_400_000, monthlyBenefitsCents: 0, parts: 2.5 })).toBe(800);
    // 1 301 € / 2 = 650,5 € → 651 €
    expect(computeFiscalQf({ annualIncomeCents: 1_561_200, monthlyBenefitsCents: 0, parts: 2 })).toBe(651);
    // 1 300,98 € / 2 = 650,49 € → 650 €
    expect(computeFiscalQf({ annualIncomeCents: 1_561_176, monthlyBenefitsCents: 0, parts: 2 })).toBe(650);
    // quarter parts (shared custody): 20 000 € / 12 / 2,25 = 740,74… → 741 €
    expect(computeFiscalQf({ annualIncomeCents: 2_000_000, monthlyBenefitsCents: 0, parts: 2.25 })).toBe(741);
    expect(computeFiscalQf({ annualIncomeCents: 0, monthlyBenefitsCents: 0, parts: 1 })).toBe(0);
  });

  it("refuses parts that are not a positive number of quarters, or negative incomes", () => {
    expect(() => computeFiscalQf({ annualIncomeCents: 1, monthlyBenefitsCents: 0, parts: 0 })).toThrow(RangeError);
    expect(() => computeFiscalQf({ annualIncomeCents: 1, monthlyBenefitsCents: 0, parts: 1.3 })).toThrow(RangeError);
    expect(() => computeFiscalQf({ annualIncomeCents: -1, monthlyBenefitsCents: 0, parts: 1 })).toThrow(RangeError);
  });

  it("counts parts as the CAF does: 2 for a couple, 1 alone, ½ for each of the first two children, 1 from the third", () => {
    expect(cafParts({ adults: 2, children: 0 })).toBe(2);
    expect(cafParts({ adults: 2, children: 1 })).toBe(2.5);
    expect(cafParts({ adults: 2, children: 2 })).toBe(3);
    expect(cafParts({ adults: 2, children: 3 })).toBe(4);
    expect(cafParts({ adults: 2, children: 4 })).toBe(5);
    expect(cafParts({ adults: 1, children: 2 })).toBe(2);
    expect(() => cafParts({ adults: 3, children: 0 })).toThrow(RangeError);
  });

  it("takes the parts as given under the fiscal rule, and from the household's make-up under the CAF rule", () => {
    expect(qfParts("fiscal", { parts: 2.5, adults: 2, children: 3 })).toBe(2.5);
    expect(qfParts("caf", { parts: 2.5, adults: 2, children: 3 })).toBe(4);
    expect(() => qfParts("fiscal", { adults: 2, children: 3 })).toThrow(RangeError);
  });
});

describe("tariffs in French", () => {
  it("describes brackets with their bounds, effort rates and unit prices", () => {
    expect(describePriceRule(cantine.resident).replace(/\u202f|\u00a0/g, " ")).toBe(
      "< 400 : 1,20 € · 400 à moins de 700 : 2,10 € · 700 à moins de 1 000 : 3,00 € · 1 000 et plus : 3,90 €",
    );
    expect(describePriceRule(effort.resident).replace(/\u202f|\u00a0/g, " ")).toBe("Taux d'effort 0,45 % (min 1,00 €, max 4,50 €)");
    expect(describePriceRule({ kind: "unit", cents: 360 }).replace(/\u202f|\u00a0/g, " ")).toBe("3,60 € l'unité");
  });

  it("describes sibling reductions and the other settings", () => {
    expect(describeSiblingReduction({ kind: "by_rank", percents: [0, 10, 20] })).toBe("2e enfant : −10 % · 3e enfant et suivants : −20 %");
    expect(describeSiblingReduction({ kind: "from_rank", fromRank: 3, percent: 10 })).toBe("−10 % à partir du 3e enfant");
    expect(describeSiblingReduction(null)).toBe("aucune");
    const lines = Object.fromEntries(describeTariff({ ...cantine, unbookedSurchargePercent: 150, absencePenaltyPercent: 0 }));
    expect(lines).toMatchObject({ "Pénalité d'absence non justifiée": "non facturée", "Présence sans réservation": "majorée : 150 % du prix" });
    expect(lines["Part repas"]).toContain("1,50");
  });
});
