import { shiftMonth, todayIn } from "@/common/dates";
import type { Scope } from "@/server/domain/scope";
import { listRuns } from "./invoice-run";
import { runSchedule } from "./run-scheduler";

type Mode = "advance" | "arrears";

/**
 * The run the form proposes: in advance, this month while it has not been issued (a late run), else
 * next month's (the usual one, around the 27th); in arrears, last month's. A commune that bills only in
 * arrears gets that mode.
 */
export function suggestedRun(
  today: string,
  runs: readonly { period: string; mode: Mode; status: string }[],
  timings: { advance: boolean; arrears: boolean } | null,
): { period: string; mode: Mode } {
  const month = today.slice(0, 7);
  const issued = (period: string, mode: Mode) => runs.some((r) => r.period === period && r.mode === mode && r.status === "issued");
  if (timings && !timings.advance && timings.arrears) return { period: shiftMonth(month, -1), mode: "arrears" };
  return { period: issued(month, "advance") ? shiftMonth(month, 1) : month, mode: "advance" };
}

/** The run the admin's form proposes today, from the commune's runs and the timings its activities use. */
export async function suggestedRunFor(scope: Scope): Promise<{ period: string; mode: Mode }> {
  const [runs, schedule] = await Promise.all([listRuns(scope), runSchedule(scope)]);
  return suggestedRun(todayIn(scope.tenant.timeZone, scope.now), runs, schedule.timings);
}
