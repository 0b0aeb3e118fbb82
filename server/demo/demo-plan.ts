import { addDays, eachDay, formatMonth, isoWeekday, monthRange, shiftMonth, todayIn, zonedInstant, type CivilDate } from "@/common/dates";
import { publicHolidayLookup } from "@/server/domain/calendar/public-holidays";
import { demoSchoolYear, demoSchoolYearOn, type DemoSchoolYear } from "./demo-calendar";

const ZONE = "Europe/Paris";
/** Jolieville's canteen days (Monday, Tuesday, Thursday, Friday). */
const CANTEEN_WEEKDAYS = [1, 2, 4, 5];
/** How many of the invoiced month's first canteen days each demo child ate at the canteen. */
export const INVOICED_DAYS = { Sarah: 6, "Chloé": 3, Tom: 4 } as const;

/**
 * Every date of the demo, worked out from the day it is created, so the demo never goes stale.
 * With the clock at 25 November 2026 (the tests' pinned clock) it gives the demo's historic dates.
 */
export interface DemoPlan {
  today: CivilDate;
  year: DemoSchoolYear;
  /** When the demo's enrolments were accepted: twelve days before the year starts. */
  enrolmentsDecidedAt: Date;
  /** Jolieville's Wednesday limited to one place (Tom has it): the first term Wednesday more than two weeks ahead. */
  fullWednesday: CivilDate | null;
  /** Val-Fleuri's holiday centre: the summer after the year opens on 1 March. */
  summerOpening: { fromDate: CivilDate; toDate: CivilDate; opensAt: Date };
  /** The latest month billed in advance whose due date (the 15th) has passed. */
  invoice: {
    period: string;
    periodLabel: string;
    issuedAt: Date;
    dueDate: CivilDate;
    /** The Martins' cheque. */
    paidAt: Date;
    /** The first canteen days of the month, per child (see INVOICED_DAYS). */
    days: Record<keyof typeof INVOICED_DAYS, CivilDate[]>;
  };
  /**
   * Tom's canteen days of the current month up to yesterday, when that month is not invoiced yet
   * (before its 15th, and at the rentrée): booked, past their deadline, so the Durands can report one
   * absent. Later in a month the billed days stay on the invoice only (the tests' historic demo).
   */
  tomDaysThisMonth: CivilDate[];
  /** Val-Fleuri's credit note to the Martins. */
  creditNoteAt: Date;
  /** The Martins' CAF quotient: the calendar year of today. */
  quotient: { validFrom: CivilDate; validTo: CivilDate; attestationDate: CivilDate };
}

export function demoPlan(now: Date): DemoPlan {
  const today = todayIn(ZONE, now);
  const year = demoSchoolYearOn(today);
  const previousYear = demoSchoolYear(Number(year.startDate.slice(0, 4)) - 1);
  const publicHoliday = publicHolidayLookup("FR");
  const within = (y: DemoSchoolYear, day: CivilDate) => y.startDate <= day && day <= y.endDate;
  const onHoliday = (y: DemoSchoolYear, day: CivilDate) => y.holidays.C.some(([, from, to]) => from <= day && day <= to);
  /** A day Jolieville's canteen (or Wednesday club, weekday 3) runs in a school year. */
  const termDay = (y: DemoSchoolYear, day: CivilDate, weekdays: number[]) =>
    within(y, day) && weekdays.includes(isoWeekday(day)) && !onHoliday(y, day) && !publicHoliday(day);
  const canteenDay = (day: CivilDate) => termDay(year, day, CANTEEN_WEEKDAYS) || termDay(previousYear, day, CANTEEN_WEEKDAYS);

  const invoice = invoicedMonth(today, canteenDay);
  const invoicedDays = monthDays(invoice).filter(canteenDay);
  const days = {
    Sarah: invoicedDays.slice(0, INVOICED_DAYS.Sarah),
    "Chloé": invoicedDays.slice(0, INVOICED_DAYS["Chloé"]),
    Tom: invoicedDays.slice(0, INVOICED_DAYS.Tom),
  };
  const currentMonth = today.slice(0, 7);
  const tomDaysThisMonth =
    invoice === currentMonth ? [] : monthDays(currentMonth).filter((d) => d < today && termDay(year, d, CANTEEN_WEEKDAYS));

  let fullWednesday: CivilDate | null = null;
  for (let d = addDays(today, 15); d <= year.endDate; d = addDays(d, 1)) {
    if (termDay(year, d, [3])) {
      fullWednesday = d;
      break;
    }
  }

  const summer = year.holidays.A.at(-1)!;
  const nextCalendarYear = Number(year.startDate.slice(0, 4)) + 1;
  const calendarYear = today.slice(0, 4);
  const attestation = `${calendarYear}-01-15`;
  return {
    today,
    year,
    enrolmentsDecidedAt: zonedInstant(addDays(year.startDate, -12), "12:00", ZONE),
    fullWednesday,
    summerOpening: { fromDate: summer[1], toDate: summer[2], opensAt: zonedInstant(`${nextCalendarYear}-03-01`, "08:00", ZONE) },
    invoice: {
      period: invoice,
      periodLabel: capitalised(formatMonth(invoice)),
      issuedAt: zonedInstant(`${shiftMonth(invoice, -1)}-28`, "09:00", ZONE),
      dueDate: `${invoice}-15`,
      paidAt: zonedInstant(`${invoice}-06`, "10:00", ZONE),
      days,
    },
    tomDaysThisMonth,
    creditNoteAt: zonedInstant(`${invoice}-02`, "10:00", ZONE),
    quotient: { validFrom: `${calendarYear}-01-01`, validTo: `${calendarYear}-12-31`, attestationDate: attestation < today ? attestation : today },
  };
}

const monthDays = (month: string) => {
  const { from, to } = monthRange(month);
  return eachDay(from, to);
};

/** The latest month (this one or before) whose 15th, the due date, has passed and with canteen days for every child. */
function invoicedMonth(today: CivilDate, canteenDay: (day: CivilDate) => boolean): string {
  const most = Math.max(...Object.values(INVOICED_DAYS));
  for (let month = today.slice(0, 7), i = 0; i < 24; month = shiftMonth(month, -1), i++) {
    if (`${month}-15` < today && monthDays(month).filter(canteenDay).length >= most) return month;
  }
  throw new Error(`demo: no month to invoice before ${today}`);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
