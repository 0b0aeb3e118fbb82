import { describe, expect, it } from "vitest";
import { defaultCriteria, type Criteria } from "@/common/allocation";
import { allocate, lotteryDraw, type CriterionValues, type EngineApplication, type EngineInput } from "@/server/domain/allocation/engine";
import { mulberry32 } from "../../../fixtures/seeded-random";

const none: CriterionValues = { resident: false, parentsWorking: false, siblingPlaced: false, daysObtained: 0, social: false, unexcusedAbsences: 0 };
const week1 = ["a|2027-07-05", "a|2027-07-06"];
const week2 = ["a|2027-07-12", "a|2027-07-13"];

const app = (id: string, over: Partial<EngineApplication> = {}, values: Partial<CriterionValues> = {}): EngineApplication => ({
  id,
  householdId: `h-${id}`,
  choices: [week1, week2],
  keepSiblingsTogether: false,
  values: { ...none, ...values },
  ...over,
});

const capacities = (n: number | null) => new Map([...week1, ...week2].map((s) => [s, n]));

function randomInput(seed: number): EngineInput {
  const rand = mulberry32(seed);
  const slots = Array.from({ length: 10 }, (_, i) => `a|day${i}`);
  const pick = () => slots.filter(() => rand() < 0.3).concat(slots[Math.floor(rand() * slots.length)]!);
  const applications = Array.from({ length: 60 }, (_, i) =>
    app(`app-${i}`, { householdId: `h-${Math.floor(i / 2)}`, choices: [pick(), pick(), pick()], keepSiblingsTogether: rand() < 0.3 }, {
      resident: rand() < 0.7,
      parentsWorking: rand() < 0.5,
      social: rand() < 0.1,
      daysObtained: Math.floor(rand() * 5),
      unexcusedAbsences: Math.floor(rand() * 3),
    }),
  );
  return { applications, criteria: defaultCriteria, capacity: new Map(slots.map((s) => [s, Math.floor(rand() * 12)])), seed: `seed-${seed}` };
}

describe("allocation engine", () => {
  it("gives the same result for the same applications, criteria and seed, whatever their order", () => {
    const input = randomInput(7);
    const first = allocate(input);
    const again = allocate({ ...input, applications: [...input.applications].reverse() });
    expect(again).toEqual(first);
  });

  it("draws a different lottery with another seed, and the draw is SHA-256 of seed and id", () => {

    expect(lotteryDraw("s", "x")).toMatch(/^[0-9a-f]{64}$/);
    expect(lotteryDraw("s1", "x")).not.toBe(lotteryDraw("s2", "x"));
    const ties = Array.from({ length: 20 }, (_, i) => app(`t${i}`, { choices: [week1] }));
    const order = (seed: string) => allocate({ applications: ties, criteria: defaultCriteria, capacity: capacities(5), seed }).map((r) => r.applicationId);
    expect(order("one")).not.toEqual(order("two"));
  });

  it("never gives more places than a slot has", () => {
    for (let s = 1; s <= 30; s++) {
      const input = randomInput(s);
      const used = new Map<string, number>();
      for (const r of allocate(input)) {
        if (r.placedChoice === null) continue;
        const a = input.applications.find((x) => x.id === r.applicationId)!;
        for (const slot of new Set(a.choices[r.placedChoice])) used.set(slot, (used.get(slot) ?? 0) + 1);
      }
      for (const [slot, n] of used) expect(n, `${slot} (seed ${s})`).toBeLessThanOrEqual(input.capacity.get(slot)!);
    }
  });

  it("serves families in points order and tries their choices in their order", () => {
    const applications = [app("low"), app("high", {}, { resident: true, parentsWorking: true }), app("mid", {}, { resident: true })];
    const result = allocate({ applications, criteria: defaultCriteria, capacity: capacities(1), seed: "x" });
    const by = Object.fromEntries(result.map((r) => [r.applicationId, r]));
    expect([by.high!.rank, by.mid!.rank, by.low!.rank]).toEqual([1, 2, 3]);
    expect(by.high!.placedChoice).toBe(0);
    expect(by.mid!.placedChoice).toBe(1);
    expect(by.low).toMatchObject({ placedChoice: null, waitingRank: 1 });
    expect(by.high!.points).toBe(18);
    expect(by.high!.breakdown).toMatchObject({ resident: 10, parentsWorking: 8 });
  });

  it("in priority mode, one level of a higher criterion beats any number of lower ones", () => {
    const criteria: Criteria = { ...defaultCriteria, scoring: "priority", order: ["social", "resident", "daysObtained"] };
    const applications = [app("resident", {}, { resident: true, parentsWorking: true }), app("social", {}, { social: true }), app("fewer", {}, { resident: true })];
    applications[0]!.values.daysObtained = 3;
    const result = allocate({ applications, criteria, capacity: capacities(null), seed: "x" });
    expect(result.map((r) => r.applicationId)).toEqual(["social", "fewer", "resident"]);
  });

  it("places brothers and sisters together or not at all when they ask to", () => {
    const together = { householdId: "h-fam", keepSiblingsTogether: true };
    const applications = [app("first", {}, { resident: true, parentsWorking: true }), app("sib1", together, { resident: true }), app("sib2", together)];
    // One place on week 1 (taken by "first"), two on week 2.
    const capacity = new Map([...week1.map((s) => [s, 1] as const), ...week2.map((s) => [s, 2] as const)]);
    const result = allocate({ applications, criteria: defaultCriteria, capacity, seed: "x" });
    const by = Object.fromEntries(result.map((r) => [r.applicationId, r]));
    expect(by.sib1!.placedChoice).toBe(1);
    expect(by.sib2!.placedChoice).toBe(1);
    // With one place on week 2 they go to the waiting list together.
    const tight = new Map([...week1.map((s) => [s, 1] as const), ...week2.map((s) => [s, 1] as const)]);
    const waiting = allocate({ applications, criteria: defaultCriteria, capacity: tight, seed: "x" }).filter((r) => r.placedChoice === null);
    expect(waiting.map((r) => r.applicationId).sort()).toEqual(["sib1", "sib2"]);
  });

  it("puts everyone it cannot place on the waiting list in rank order (property, random inputs)", () => {
    for (let s = 100; s < 130; s++) {
      const result = allocate(randomInput(s));
      expect(result.map((r) => r.rank)).toEqual(result.map((_, i) => i + 1));
      const waiting = result.filter((r) => r.placedChoice === null);
      expect(waiting.map((r) => r.waitingRank)).toEqual(waiting.map((_, i) => i + 1));
      // Points never increase down the ranking (points mode), ties broken by the draw.
      for (let i = 1; i < result.length; i++) {
        const input = randomInput(s);
        const together = (id: string) => input.applications.find((a) => a.id === id)!.keepSiblingsTogether;
        if (!together(result[i]!.applicationId) && !together(result[i - 1]!.applicationId)) {
          expect(result[i]!.points).toBeLessThanOrEqual(result[i - 1]!.points);
        }
      }
    }
  });
});
