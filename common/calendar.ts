import type { CivilDate } from "@/common/dates";

export interface CalendarPeriod {
  kind: "holiday" | "closure";
  label: string;
  startDate: CivilDate;
  endDate: CivilDate;
}

/** What a commune's calendar says about one day. */
export interface SchoolCalendar {
  /** Name of the public holiday ("Noël"), or null. */
  publicHoliday(day: CivilDate): string | null;
  /** Name of the school-holiday period of the commune's zone ("Vacances de Noël"), or null. */
  schoolHoliday(day: CivilDate): string | null;
  /** Label of a closure day ("Fermeture exceptionnelle"), or null. */
  closure(day: CivilDate): string | null;
}

/** A calendar from stored periods and a public-holiday lookup (see public-holidays.ts). */
export function makeCalendar(periods: CalendarPeriod[], publicHoliday: (day: CivilDate) => string | null): SchoolCalendar {
  const find = (kind: CalendarPeriod["kind"], day: CivilDate) =>
    periods.find((p) => p.kind === kind && p.startDate <= day && day <= p.endDate)?.label ?? null;
  return {
    publicHoliday,
    schoolHoliday: (day) => find("holiday", day),
    closure: (day) => find("closure", day),
  };
}
