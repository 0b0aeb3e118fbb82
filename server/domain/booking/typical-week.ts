import { loadCalendar, listPeriods } from "@/server/domain/calendar/school-calendar";
import { schoolHolidays, schoolTerms, type DateSpan } from "@/server/domain/calendar/terms";
import { AppError } from "@/server/errors";
import { eachDay, formatDateShort, formatMonth, isoWeekday, monthRange, shiftMonth, todayIn, type CivilDate } from "@/common/dates";
import { messages } from "@/common/messages";
import { dayState } from "./availability";
import type { Scope } from "@/server/domain/scope";
import { getActivity, loadDayFacts, rulesOf } from "./facts";
import { childFor } from "./planning";
import { reasonText } from "./reason-text";

const text = messages.typicalWeek;

export const periodKeys = ["this_month", "next_month", "this_term", "next_term", "rest_of_year"] as const;
export type PeriodKey = (typeof periodKeys)[number];

export interface TypicalWeekPeriod extends DateSpan {
  key: PeriodKey;
  label: string;
}

const clip = (span: DateSpan, within: DateSpan): DateSpan | null => {
  const from = span.from > within.from ? span.from : within.from;
  const to = span.to < within.to ? span.to : within.to;
  return from <= to ? { from, to } : null;
};

/**
 * The periods a typical week can be applied to, from today to the activity's last service day (a
 * holiday activity's year runs through the summer after it): this month, next month, this term and
 * the next one (the stretches between the commune's holidays; for a holiday activity, the holidays
 * themselves, summer included), and the rest of the year.
 */
export async function typicalWeekPeriods(scope: Scope, input: { activityId: string }): Promise<TypicalWeekPeriod[]> {
  const { tx, tenant, now } = scope;
  const { activityId } = input;
  const activity = await getActivity(tx, tenant.id, activityId);
  const today = todayIn(tenant.timeZone, now);
  const year = { from: activity.yearStart, to: activity.lastDay };
  const ahead = clip({ from: today, to: year.to }, year);
  if (!ahead) return [];
  const start = ahead.from;
  const periods: TypicalWeekPeriod[] = [];
  const add = (key: PeriodKey, span: DateSpan | null, label: (s: DateSpan) => string) => {
    if (span && !periods.some((p) => p.from === span.from && p.to === span.to)) periods.push({ key, ...span, label: label(span) });
  };
  const month = start.slice(0, 7);
  add("this_month", clip(monthRange(month), ahead), (s) => text.thisMonth(formatDateShort(s.to)));
  add("next_month", clip(monthRange(shiftMonth(month, 1)), ahead), (s) => text.month(formatMonth(s.from.slice(0, 7))));

  const holidays = (await listPeriods(tx, tenant.id, year)).filter((p) => p.kind === "holiday");
  const spans = activity.runsOn === "holidays" ? schoolHolidays(year, holidays) : schoolTerms(year, holidays).map((t) => ({ ...t, label: "" }));
  const current = spans.find((s) => s.from <= start && start <= s.to);
  const next = spans.find((s) => s.from > start);
  if (activity.runsOn === "holidays") {
    if (current) add("this_term", { from: start, to: current.to }, (s) => text.thisHolidays(current.label, formatDateShort(s.to)));
    if (next) add("next_term", next, (s) => text.nextHolidays(next.label, formatDateShort(s.from), formatDateShort(s.to)));
  } else {
    if (current) add("this_term", { from: start, to: current.to }, (s) => text.thisTerm(formatDateShort(s.to)));
    if (next) add("next_term", next, (s) => text.nextTerm(formatDateShort(s.from), formatDateShort(s.to)));
  }
  add("rest_of_year", ahead, (s) => text.restOfYear(formatDateShort(s.to, true)));
  return periods;
}

/**
 * A typical week applied to one of those periods: the days it would book, those already booked,
 * and those skipped with the reason (holidays, public holidays, closures, full, past the deadline,
 * not open yet), by the same rule book the booking service applies.
 */
export async function previewTypicalWeek(scope: Scope, input: { childId: string; activityId: string; weekdays: number[]; periodKey: PeriodKey }) {
  const { tx, tenant, now } = scope;
  await childFor(scope, input.childId);
  const period = (await typicalWeekPeriods(scope, input)).find((p) => p.key === input.periodKey);
  if (!period) throw new AppError("BAD_REQUEST", text.unknownPeriod, "periodKey");
  const activity = await getActivity(tx, tenant.id, input.activityId);
  const calendar = await loadCalendar(tx, tenant, period.from, period.to);
  const facts = await loadDayFacts(tx, tenant.id, activity.id, input.childId, period.from, period.to, now);
  const toBook: CivilDate[] = [];
  const alreadyBooked: CivilDate[] = [];
  const skipped: { date: CivilDate; reason: string }[] = [];
  for (const d of eachDay(period.from, period.to)) {
    if (!input.weekdays.includes(isoWeekday(d))) continue;
    const state = dayState(rulesOf(activity), facts.get(d)!, calendar, tenant.timeZone, now);
    if (!state.runs) continue;
    if (state.own) alreadyBooked.push(d);
    else if (state.reason) skipped.push({ date: d, reason: reasonText(state, { opensAt: facts.get(d)!.opensAt, deadline: state.bookingDeadline, timeZone: tenant.timeZone }) });
    else if (state.full) skipped.push({ date: d, reason: text.full });
    else toBook.push(d);
  }
  return { period, toBook, alreadyBooked, skipped };
}
