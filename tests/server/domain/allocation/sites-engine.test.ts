import { describe, expect, it } from "vitest";
import { defaultCriteria } from "@/common/allocation";
import { allocate, type CriterionValues } from "@/server/domain/allocation/engine";
import { engineInput } from "@/server/domain/allocation/run";

/*
 * A round over several activities (the summer centre at two sites): each choice names its activity,
 * the engine's slots are `activity|day`, so capacity holds per activity and day. A round recorded
 * before (choices without an activity, capacity keyed by day) reads as its first activity.
 */
const none: CriterionValues = { resident: false, parentsWorking: false, siblingPlaced: false, daysObtained: 0, social: false, unexcusedAbsences: 0 };
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const week1 = ["2027-07-05", "2027-07-06", "2027-07-07"];
const week2 = ["2027-07-12", "2027-07-13", "2027-07-15"];

const capacity = (per: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(per).flatMap(([activity, n]) => [...week1, ...week2].map((d) => [`${activity}|${d}`, n])));

const apps = (n: number, choices: { activityId?: string; days: string[] }[], over: { householdOf?: (i: number) => string; together?: boolean } = {}) =>
  Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
    householdId: over.householdOf?.(i) ?? `h-${i}`,
    choices,
    keepSiblingsTogether: over.together ?? false,
    values: { ...none, resident: i % 2 === 0 },
  }));

describe("allocation across sites", () => {
  it("holds capacity per activity and day, and serves the choices in the family's order across sites", () => {
    const applications = apps(7, [{ activityId: A, days: week1 }, { activityId: B, days: week1 }, { activityId: A, days: week2 }]);
    const round = { activityId: A, criteria: defaultCriteria, seed: "seed-sites", capacity: capacity({ [A]: 2, [B]: 3 }) };
    const results = allocate(engineInput(round, applications)).sort((a, b) => a.rank - b.rank);
    // In rank order: 2 on site A week 1, then 3 on site B week 1, then 2 on site A week 2.
    expect(results.map((r) => r.placedChoice)).toEqual([0, 0, 1, 1, 1, 2, 2]);
    const sameDaysOtherSite = allocate(engineInput({ ...round, capacity: capacity({ [A]: 2, [B]: 0 }) }, applications)).sort((a, b) => a.rank - b.rank);
    // Site B full: the same week at A is not taken for it (a slot is one activity's day).
    expect(sameDaysOtherSite.map((r) => r.placedChoice)).toEqual([0, 0, 2, 2, null, null, null]);
    expect(sameDaysOtherSite.filter((r) => r.placedChoice === null).map((r) => r.waitingRank)).toEqual([1, 2, 3]);
  });

  it("places brothers and sisters kept together at the same site, or not at all", () => {
    const siblings = apps(2, [{ activityId: A, days: week1 }, { activityId: B, days: week1 }], { householdOf: () => "h-family", together: true });
    const round = { activityId: A, criteria: defaultCriteria, seed: "seed-siblings", capacity: capacity({ [A]: 1, [B]: 2 }) };
    // One place at A: the two go to B together.
    expect(allocate(engineInput(round, siblings)).map((r) => r.placedChoice)).toEqual([1, 1]);
    // One place at each site: nowhere for both, so both wait.
    expect(allocate(engineInput({ ...round, capacity: capacity({ [A]: 1, [B]: 1 }) }, siblings)).map((r) => r.placedChoice)).toEqual([null, null]);
  });

  it("reads a round recorded before sites (choices without activity, capacity by day) as its first activity: same seed, same result", () => {
    const legacy = apps(9, [{ days: week1 }, { days: week2 }]);
    const legacyCapacity = Object.fromEntries([...week1, ...week2].map((d) => [d, 3]));
    const before = allocate(engineInput({ activityId: A, criteria: defaultCriteria, seed: "seed-legacy", capacity: legacyCapacity }, legacy));
    const now = allocate(
      engineInput(
        { activityId: A, criteria: defaultCriteria, seed: "seed-legacy", capacity: capacity({ [A]: 3 }) },
        legacy.map((a) => ({ ...a, choices: a.choices.map((c) => ({ activityId: A, days: c.days })) })),
      ),
    );
    expect(now).toEqual(before);
    expect(before.map((r) => r.placedChoice).sort()).toEqual([0, 0, 0, 1, 1, 1, null, null, null]);
  });
});
