import { createHash } from "node:crypto";
import { criterionKeys, lowerIsBetter, type Criteria, type CriterionKey } from "@/common/allocation";

/*
 * The allocation engine: a pure function, no database, no clock. Given the applications, the
 * commune's criteria, the places left per slot and the seed drawn after the window closed, it
 * always returns the same result, so anyone holding the published seed can re-run it.
 *
 * 1. Each application gets its criterion values and points (or, in priority mode, its values in
 *    the commune's order).
 * 2. Its lottery draw is SHA-256(seed + ":" + application id), in hex: unpredictable before the
 *    seed exists, fixed once it does, independent of the order the applications come in.
 * 3. Units are ranked: an application alone, or the brothers and sisters of one household who
 *    asked to be kept together (the group ranks with its best member's points and draw).
 *    Ranking: points (or priorities) first, then the draw, then the id (never reached in practice).
 * 4. In rank order, each unit gets the first of its choices (tried in the family's order) whose
 *    slots all still have room, for every member at once; a group that cannot be placed together
 *    goes to the waiting list whole. Whoever gets no choice is on the waiting list, in rank order.
 */

/** What counts for one application, already read from the family's file and history. */
export interface CriterionValues {
  resident: boolean;
  parentsWorking: boolean;
  siblingPlaced: boolean;
  daysObtained: number;
  social: boolean;
  unexcusedAbsences: number;
}

export interface EngineApplication {
  id: string;
  householdId: string;
  /** Ranked choices, each a set of slots (a slot = one day of one activity, e.g. "activityId|2027-07-07"). */
  choices: string[][];
  keepSiblingsTogether: boolean;
  values: CriterionValues;
}

export interface EngineInput {
  applications: EngineApplication[];
  criteria: Criteria;
  /** Places left per slot; null: unlimited; a slot not listed has no place. */
  capacity: Map<string, number | null>;
  seed: string;
}

export interface EngineResult {
  applicationId: string;
  /** 1 = served first. */
  rank: number;
  points: number;
  /** Points per criterion (points mode) or values per criterion (priority mode). */
  breakdown: Record<CriterionKey, number>;
  lottery: string;
  /** Index of the choice it got; null: waiting list. */
  placedChoice: number | null;
  /** 1 = first on the waiting list; null when placed. */
  waitingRank: number | null;
}

const numeric = (v: boolean | number) => (typeof v === "boolean" ? (v ? 1 : 0) : v);

/** The seeded lottery draw of one application (hex, compared as text). */
export function lotteryDraw(seed: string, applicationId: string): string {
  return createHash("sha256").update(`${seed}:${applicationId}`).digest("hex");
}

interface Scored {
  app: EngineApplication;
  points: number;
  /** Compared in order, higher first. */
  keys: number[];
  breakdown: Record<CriterionKey, number>;
  lottery: string;
}

function score(app: EngineApplication, criteria: Criteria, seed: string): Scored {
  const breakdown = {} as Record<CriterionKey, number>;
  let points = 0;
  for (const k of criterionKeys) {
    const value = numeric(app.values[k]);
    if (criteria.scoring === "points") {
      breakdown[k] = value * criteria.weights[k];
      points += breakdown[k];
    } else {
      breakdown[k] = value;
    }
  }
  const keys = criteria.scoring === "points" ? [points] : criteria.order.map((k) => (lowerIsBetter.has(k) ? -breakdown[k] : breakdown[k]));
  return { app, points, keys, breakdown, lottery: lotteryDraw(seed, app.id) };
}

/** Negative when `a` is served before `b`. */
function compare(a: { keys: number[]; lottery: string; id: string }, b: { keys: number[]; lottery: string; id: string }): number {
  for (let i = 0; i < a.keys.length; i++) if (a.keys[i] !== b.keys[i]) return b.keys[i]! - a.keys[i]!;
  if (a.lottery !== b.lottery) return a.lottery < b.lottery ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface Unit {
  members: Scored[];
  keys: number[];
  lottery: string;
  id: string;
}

/** Siblings kept together form one unit, with its best member's standing; everyone else is alone. */
function unitsOf(scored: Scored[]): Unit[] {
  const groups = new Map<string, Scored[]>();
  const units: Unit[] = [];
  for (const s of scored) {
    if (!s.app.keepSiblingsTogether) {
      units.push({ members: [s], keys: s.keys, lottery: s.lottery, id: s.app.id });
      continue;
    }
    const group = groups.get(s.app.householdId) ?? [];
    group.push(s);
    groups.set(s.app.householdId, group);
  }
  for (const members of groups.values()) {
    const sorted = members.sort((a, b) => compare({ ...a, id: a.app.id }, { ...b, id: b.app.id }));
    units.push({ members: sorted, keys: sorted[0]!.keys, lottery: sorted[0]!.lottery, id: sorted[0]!.app.id });
  }
  return units.sort(compare);
}

/** The places each slot needs for these members' choice `index` (undefined when one of them has no such choice). */
function needsOf(members: Scored[], index: number): Map<string, number> | undefined {
  const needs = new Map<string, number>();
  for (const m of members) {
    const choice = m.app.choices[index];
    if (!choice) return undefined;
    for (const slot of new Set(choice)) needs.set(slot, (needs.get(slot) ?? 0) + 1);
  }
  return needs;
}

export function allocate(input: EngineInput): EngineResult[] {
  const left = new Map(input.capacity);
  const fits = (needs: Map<string, number>) =>
    [...needs].every(([slot, n]) => {
      const room = left.get(slot);
      return room === null || (room !== undefined && room >= n);
    });
  const take = (needs: Map<string, number>) => {
    for (const [slot, n] of needs) {
      const room = left.get(slot);
      if (room !== null && room !== undefined) left.set(slot, room - n);
    }
  };

  const units = unitsOf(input.applications.map((a) => score(a, input.criteria, input.seed)));
  const results: EngineResult[] = [];
  let waiting = 0;
  for (const unit of units) {
    const most = Math.max(...unit.members.map((m) => m.app.choices.length));
    let placed: number | null = null;
    for (let i = 0; i < most && placed === null; i++) {
      const needs = needsOf(unit.members, i);
      if (needs && fits(needs)) {
        take(needs);
        placed = i;
      }
    }
    for (const m of unit.members) {
      results.push({
        applicationId: m.app.id,
        rank: results.length + 1,
        points: m.points,
        breakdown: m.breakdown,
        lottery: m.lottery,
        placedChoice: placed,
        waitingRank: placed === null ? ++waiting : null,
      });
    }
  }
  return results;
}
