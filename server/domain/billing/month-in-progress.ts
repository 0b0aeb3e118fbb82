import { shiftMonth, todayIn, type CivilDate } from "@/common/dates";
import type { Scope } from "@/server/domain/scope";
import { modesInUse } from "./billing-mode";
import { computeDrafts, listRuns, periodLabel, type DraftLine, type RunMode } from "./invoice-run";
import { runSchedule } from "./run-scheduler";

/** A month not invoiced yet, as the family's next invoice will bill it. */
export interface MonthToBill {
  period: string;
  periodLabel: string;
  mode: RunMode;
  /** Days booked (in advance) or attended (in arrears) the invoice will charge. */
  days: number;
  /** What those days add up to, regularisations included, before any previous balance. */
  amountCents: number;
  /** Around when the invoice is issued (the commune's run day); null when that day has passed: the next run. */
  invoiceAround: CivilDate | null;
  lines: DraftLine[];
}

const runDay = (month: string, day: number) => `${month}-${String(day).padStart(2, "0")}`;

/**
 * « À facturer »: what the family's next invoices will hold, computed by the run itself
 * (`computeDrafts` for the family's households only), so the figures are those of the invoice to come.
 * In advance, the first month whose advance run is not issued and the one after; in arrears, this
 * month and the last one while its run is not issued. Nothing in a commune without invoices.
 */
export async function monthsInProgress(scope: Scope): Promise<MonthToBill[]> {
  const householdIds = scope.actor.householdIds;
  if (!householdIds.length || !(await modesInUse(scope.tx, scope.tenant)).invoice) return [];
  const today = todayIn(scope.tenant.timeZone, scope.now);
  const month = today.slice(0, 7);
  const [runs, schedule] = await Promise.all([listRuns(scope), runSchedule(scope)]);
  const issued = (period: string, mode: RunMode) => runs.some((r) => r.period === period && r.mode === mode && r.status === "issued");
  const asked: { period: string; mode: RunMode; invoiceAround: CivilDate }[] = [];
  if (schedule.timings.advance) {
    const first = issued(month, "advance") ? shiftMonth(month, 1) : month;
    for (const period of [first, shiftMonth(first, 1)]) asked.push({ period, mode: "advance", invoiceAround: runDay(shiftMonth(period, -1), schedule.advanceRunDay) });
  }
  if (schedule.timings.arrears) {
    const last = shiftMonth(month, -1);
    for (const period of issued(last, "arrears") ? [month] : [last, month]) asked.push({ period, mode: "arrears", invoiceAround: runDay(shiftMonth(period, 1), schedule.arrearsRunDay) });
  }
  const months: MonthToBill[] = [];
  for (const a of asked) {
    const drafts = await computeDrafts(scope, { period: a.period, mode: a.mode, householdIds });
    if (!drafts.length) continue;
    months.push({
      period: a.period,
      periodLabel: periodLabel(a.period),
      mode: a.mode,
      days: drafts.reduce((n, d) => n + d.bookings.filter((b) => b.kind === "charge").length + d.attendance.length, 0),
      amountCents: drafts.reduce((n, d) => n + d.totalCents, 0),
      invoiceAround: a.invoiceAround >= today ? a.invoiceAround : null,
      lines: drafts.flatMap((d) => d.lines),
    });
  }
  return months;
}
