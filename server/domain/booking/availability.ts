import type { BookingStatus } from "@/db/schema";
import type { SchoolCalendar } from "@/common/calendar";
import { isoWeekday, type CivilDate } from "@/common/dates";
import { bookingDeadline } from "@/common/deadline";
import type { DeadlineRule } from "@/common/deadline-rule";

/** Why a day cannot be booked, most fundamental first. */
export type ClosedReason =
  | "no_service"
  | "outside_year"
  | "public_holiday"
  | "school_holiday"
  | "term_time"
  | "closed"
  | "not_enrolled"
  | "enrolment_pending"
  | "not_open"
  | "allocation"
  | "past_deadline";

export interface ActivityRules {
  weekdays: number[];
  runsOn: "term" | "holidays" | "all";
  capacity: number | null;
  bookingRule: DeadlineRule;
  cancelRule: DeadlineRule | null;
  /** The days the activity may run: its school year, and for holiday activities the summer after it (see lastServiceDaySql). */
  firstDay: CivilDate;
  lastDay: CivilDate;
}

export interface DayFacts {
  date: CivilDate;
  enrolment: "accepted" | "pending" | "none";
  /** Occurrence overrides, when the day has a row. */
  capacityOverride: number | null;
  closedOverride: boolean;
  /** Opening instant of booking for this day, if an opening period (or a first-come round, earlier for residents) covers it. */
  opensAt: Date | null;
  /** An allocation round by application covers the day and is not published yet: no first-come booking. */
  allocationPending?: boolean;
  /** Confirmed bookings plus held ones not yet expired. */
  taken: number;
  /** This child's live booking of the day, if any. */
  own: { status: Exclude<BookingStatus, "cancelled">; waitlistRank: number | null } | null;
}

/** A day staff may still book past the rules, with a reason: past the deadline or not open yet (never closed or outside the year). */
export const staffMayOverride = (reason: ClosedReason | null) => reason === "past_deadline" || reason === "not_open";

export interface DayState {
  date: CivilDate;
  /** Whether the activity runs at all that day (false: not shown as a bookable cell). */
  runs: boolean;
  own: DayFacts["own"];
  /** Can a new booking be made now (possibly onto the waiting list when full)? */
  bookable: boolean;
  full: boolean;
  /** Places left, or null when unlimited. */
  remaining: number | null;
  canCancel: boolean;
  reason: ClosedReason | null;
  /** Label that goes with the reason (holiday name, closure label). */
  detail: string | null;
  bookingDeadline: Date;
  cancelDeadline: Date | null;
}

/** Why the calendar alone (weekdays, school year, holidays, closures) keeps an activity shut on a day. */
export interface CalendarClosure {
  reason: Extract<ClosedReason, "no_service" | "outside_year" | "public_holiday" | "school_holiday" | "term_time" | "closed">;
  /** Holiday or closure name. */
  detail: string | null;
}

/**
 * What the activity's weekdays, its service days and the commune's school calendar say about a day,
 * before anything about a child: null when the activity runs. The rule book below, the admin's
 * capacity view and the cancellation of bookings a calendar change closes all ask this function.
 */
export function calendarClosure(
  rules: Pick<ActivityRules, "weekdays" | "runsOn" | "firstDay" | "lastDay">,
  day: CivilDate,
  calendar: SchoolCalendar,
): CalendarClosure | null {
  if (!rules.weekdays.includes(isoWeekday(day))) return { reason: "no_service", detail: null };
  if (day < rules.firstDay || day > rules.lastDay) return { reason: "outside_year", detail: null };
  const publicHoliday = calendar.publicHoliday(day);
  if (publicHoliday) return { reason: "public_holiday", detail: publicHoliday };
  const holiday = calendar.schoolHoliday(day);
  if (holiday && rules.runsOn === "term") return { reason: "school_holiday", detail: holiday };
  if (!holiday && rules.runsOn === "holidays") return { reason: "term_time", detail: null };
  const closure = calendar.closure(day);
  if (closure) return { reason: "closed", detail: closure };
  return null;
}

/**
 * The single rule book for one day of one activity for one child: the planning shows it and the
 * booking service enforces it, so what a parent sees disabled is exactly what the server refuses.
 */
export function dayState(rules: ActivityRules, facts: DayFacts, calendar: SchoolCalendar, timeZone: string, now: Date): DayState {
  const day = facts.date;
  const capacity = facts.capacityOverride ?? rules.capacity;
  const remaining = capacity === null ? null : Math.max(0, capacity - facts.taken);
  const deadline = bookingDeadline(rules.bookingRule, day, calendar, timeZone);
  const cancelRule = rules.cancelRule ?? rules.bookingRule;
  const cancelDeadline = bookingDeadline(cancelRule, day, calendar, timeZone);
  const base = {
    date: day,
    own: facts.own,
    remaining,
    full: remaining === 0,
    bookingDeadline: deadline,
    cancelDeadline: cancelRule.kind === "none" ? null : cancelDeadline,
    canCancel: facts.own !== null && (facts.own.status === "waitlisted" || now <= cancelDeadline),
  };
  const closed = (reason: ClosedReason, detail: string | null = null, runs = true): DayState => ({
    ...base,
    runs,
    bookable: false,
    reason,
    detail,
  });

  const shut = calendarClosure(rules, day, calendar);
  if (shut) return closed(shut.reason, shut.detail, shut.reason !== "no_service" && shut.reason !== "outside_year");
  if (facts.closedOverride) return closed("closed");
  if (facts.enrolment === "none") return closed("not_enrolled");
  if (facts.enrolment === "pending") return closed("enrolment_pending");
  if (facts.allocationPending) return closed("allocation");
  if (facts.opensAt && now < facts.opensAt) return closed("not_open");
  if (now > deadline) return closed("past_deadline");
  return { ...base, runs: true, bookable: facts.own === null, reason: null, detail: null };
}
