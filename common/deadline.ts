import type { SchoolCalendar } from "@/common/calendar";
import { messages } from "@/common/messages";
import { addDays, daysInMonth, isoWeekday, parseCivilDate, startOfWeek, zonedInstant, type CivilDate } from "@/common/dates";
import type { DeadlineRule } from "./deadline-rule";

/** The default for a new activity: booking closes 6 calendar days before the day, at 23:59. */
export const defaultBookingRule = {
  kind: "days_before",
  days: 6,
  time: "23:59",
  counting: "all",
  excludedWeekdays: [6, 7],
  excludePublicHolidays: true,
} as const satisfies DeadlineRule;

/** The deadline of a rule that never opens ("none"): an instant long past. */
export const CLOSED_SINCE = new Date(0);

const pad = (n: number) => String(n).padStart(2, "0");

/** The civil date the deadline falls on (its time is the rule's HH:MM). */
export function deadlineDay(rule: DeadlineRule, day: CivilDate, calendar: Pick<SchoolCalendar, "publicHoliday">): CivilDate | null {
  switch (rule.kind) {
    case "days_before": {
      const excluded = rule.excludedWeekdays ?? [6, 7];
      // Every weekday excluded would never end: count every day instead.
      if ((rule.counting ?? "all") === "all" || new Set(excluded).size >= 7) return addDays(day, -rule.days);
      const counts = (d: CivilDate) =>
        !excluded.includes(isoWeekday(d)) && !((rule.excludePublicHolidays ?? true) && calendar.publicHoliday(d) !== null);
      let d = day;
      for (let counted = 0; counted < rule.days; ) {
        d = addDays(d, -1);
        if (counts(d)) counted++;
      }
      return d;
    }
    case "previous_weekday": {
      // 1 to 7 days back: the same weekday a week before when the day is that weekday.
      const back = ((isoWeekday(day) - rule.weekday + 6) % 7) + 1;
      return addDays(day, -back);
    }
    case "weekday_of_previous_week":
      return addDays(startOfWeek(day), rule.weekday - 1 - 7);
    case "day_of_previous_month": {
      const { year, month } = parseCivilDate(day);
      const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
      return `${y}-${pad(m)}-${pad(Math.min(rule.day, daysInMonth(y, m)))}`;
    }
    case "none":
      return null;
  }
}

/**
 * The last instant at which booking (or cancelling) `day` is still allowed, computed on the wall
 * clock of the commune's time zone (so correct across daylight-saving changes).
 */
export function bookingDeadline(
  rule: DeadlineRule,
  day: CivilDate,
  calendar: Pick<SchoolCalendar, "publicHoliday">,
  timeZone: string,
): Date {
  const on = deadlineDay(rule, day, calendar);
  if (on === null || rule.kind === "none") return CLOSED_SINCE;
  return zonedInstant(on, rule.time, timeZone);
}

/** Booking (or cancelling) `day` is still allowed at `now`. */
export function isOpen(
  rule: DeadlineRule,
  day: CivilDate,
  calendar: Pick<SchoolCalendar, "publicHoliday">,
  timeZone: string,
  now: Date,
): boolean {
  return now.getTime() <= bookingDeadline(rule, day, calendar, timeZone).getTime();
}

/** The rule in plain French: "jusqu'à 2 jours ouvrés avant, 18h00", "jusqu'à la veille, 10h00"… */
export function describeRule(rule: DeadlineRule | null, purpose: "booking" | "cancel"): string {
  const text = messages.deadline;
  if (rule === null) return purpose === "cancel" ? text.sameAsBooking : describeRule(defaultBookingRule, "booking");
  if (rule.kind === "none") return purpose === "cancel" ? text.noOnlineCancel : text.noOnlineBooking;
  const time = rule.time.replace(":", "h");
  switch (rule.kind) {
    case "days_before":
      if (rule.days === 0) return text.sameDay(time);
      if ((rule.counting ?? "all") === "open") return text.openDaysBefore(rule.days, time);
      return rule.days === 1 ? text.dayBefore(time) : text.daysBefore(rule.days, time);
    case "previous_weekday":
      return text.previousWeekday(text.weekdays[rule.weekday - 1]!, time);
    case "weekday_of_previous_week":
      return text.weekdayOfPreviousWeek(text.weekdays[rule.weekday - 1]!, time);
    case "day_of_previous_month":
      return text.dayOfPreviousMonth(rule.day, time);
  }
}
