/**
 * The allocation engine at the scale of a big city's summer: 10,000 applications with 3 ranked
 * choices each (a week of 5 days), for 1,500 places over 10 weeks (150 a day).
 *
 *   node --import tsx bench/allocation.ts [applications] [weeks] [placesPerWeek]
 *   node --import tsx bench/allocation.ts publish     (publishing the demo's round: allocation-publish.ts)
 *
 * Prints the engine's time (best and median of 5 runs), and in the same run the time of a plain sort
 * of the same applications by a precomputed score (the floor any ranking pays), with the ratio;
 * then checks that no day is over capacity and that a second run gives the same result.
 */
import { performance } from "node:perf_hooks";
import { defaultCriteria } from "../common/allocation";
import {
  allocate,
  type EngineApplication,
} from "../server/domain/allocation/engine";
import { mulberry32 } from "../tests/fixtures/seeded-random";

if (process.argv[2] === "publish")
  void import("./allocation-publish").then((b) => b.benchPublish());
else benchEngine();

function benchEngine() {
  const count = Number(process.argv[2] ?? 10_000);
  const weeks = Number(process.argv[3] ?? 10);
  const placesPerWeek = Number(process.argv[4] ?? 1_500 / weeks);

  // The same applications on every run.
  const rand = mulberry32(2027);
  const weekSlots = Array.from({ length: weeks }, (_, w) =>
    Array.from({ length: 5 }, (_, d) => `centre|w${w}d${d}`),
  );
  const capacity = new Map(
    weekSlots.flat().map((slot) => [slot, placesPerWeek]),
  );
  const applications: EngineApplication[] = Array.from(
    { length: count },
    (_, i) => {
      const picks = new Set<number>();
      while (picks.size < 3) picks.add(Math.floor(rand() * weeks));
      return {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        householdId: `h${Math.floor(i / 1.6)}`,
        choices: [...picks].map((w) => weekSlots[w]!),
        keepSiblingsTogether: rand() < 0.3,
        values: {
          resident: rand() < 0.8,
          parentsWorking: rand() < 0.6,
          siblingPlaced: rand() < 0.2,
          daysObtained: Math.floor(rand() * 10),
          social: rand() < 0.05,
          unexcusedAbsences: Math.floor(rand() * 4),
        },
      };
    },
  );
  const input = {
    applications,
    criteria: defaultCriteria,
    capacity,
    seed: "3f9a1c0e5b7d2a4f6e8c0b1d3a5f7e9c",
  };

  function timed<T>(
    fn: () => T,
    runs = 5,
  ): { ms: number; median: number; value: T } {
    const times: number[] = [];
    let value!: T;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      value = fn();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { ms: times[0]!, median: times[Math.floor(runs / 2)]!, value };
  }

  const engine = timed(() => allocate(input));
  const scores = applications.map((a) => ({
    id: a.id,
    score:
      (a.values.resident ? 10 : 0) +
      (a.values.parentsWorking ? 8 : 0) -
      a.values.daysObtained,
  }));
  const baseline = timed(() =>
    [...scores].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)),
  );

  const used = new Map<string, number>();
  for (const r of engine.value) {
    if (r.placedChoice === null) continue;
    for (const slot of applications.find((a) => a.id === r.applicationId)!
      .choices[r.placedChoice]!)
      used.set(slot, (used.get(slot) ?? 0) + 1);
  }
  const over = [...used].filter(([slot, n]) => n > capacity.get(slot)!);
  const same = JSON.stringify(allocate(input)) === JSON.stringify(engine.value);
  const placed = engine.value.filter((r) => r.placedChoice !== null).length;

  console.log(
    `applications: ${count} × 3 choices, ${weeks} weeks × ${placesPerWeek} places (${weeks * placesPerWeek} places)`,
  );
  console.log(
    `allocation: best ${engine.ms.toFixed(1)} ms, median ${engine.median.toFixed(1)} ms (ceiling 5,000 ms)`,
  );
  console.log(
    `baseline (plain sort of the same applications): best ${baseline.ms.toFixed(2)} ms, median ${baseline.median.toFixed(2)} ms`,
  );
  console.log(
    `ratio allocation / plain sort: ${(engine.median / baseline.median).toFixed(1)}×`,
  );
  console.log(
    `placed ${placed}, waiting ${count - placed}; days over capacity: ${over.length}; second run identical: ${same}`,
  );
  if (over.length || !same || engine.median > 5_000) process.exitCode = 1;
}
