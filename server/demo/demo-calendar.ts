import { addDays, type CivilDate } from "@/common/dates";
import { officialDataCovers, officialHolidayPeriods } from "@/server/domain/calendar/official-holidays";

/** The two holiday zones of the demo communes (Jolieville C, Val-Fleuri A). */
export type DemoZone = "A" | "C";

/** [label, first day, last day] of a holiday period. */
export type HolidayRow = [string, CivilDate, CivilDate];

export interface DemoSchoolYear {
  /** "2026-2027" */
  label: string;
  startDate: CivilDate;
  endDate: CivilDate;
  /** The year's holidays by zone, from the Toussaint to the summer after it. */
  holidays: Record<DemoZone, HolidayRow[]>;
  /** Where the dates come from: the shipped file, typed in from the official calendar, or derived. */
  source: "dataset" | "typed" | "derived";
}

/** 2026-2027, typed in from the official calendar (the shipped file stops at 2025-2026). */
const TYPED_IN: DemoSchoolYear = {
  label: "2026-2027",
  startDate: "2026-09-01",
  endDate: "2027-07-02",
  source: "typed",
  holidays: {
    A: [
      ["Vacances de la Toussaint", "2026-10-17", "2026-11-01"],
      ["Vacances de Noël", "2026-12-19", "2027-01-03"],
      ["Vacances d'hiver", "2027-02-13", "2027-02-28"],
      ["Vacances de printemps", "2027-04-10", "2027-04-25"],
      ["Vacances d'été", "2027-07-03", "2027-08-31"],
    ],
    C: [
      ["Vacances de la Toussaint", "2026-10-17", "2026-11-01"],
      ["Vacances de Noël", "2026-12-19", "2027-01-03"],
      ["Vacances d'hiver", "2027-02-06", "2027-02-21"],
      ["Vacances de printemps", "2027-04-03", "2027-04-18"],
      ["Vacances d'été", "2027-07-03", "2027-08-31"],
    ],
  },
};
const TYPED_IN_YEAR = 2026;

/**
 * The school year starting in the autumn of `startYear`: 2026 as typed in, earlier years from the
 * shipped ministry file, later ones derived from 2026-2027 moved by whole weeks (so weekdays hold).
 * Derived dates are close to, not equal to, the ministry's: the commune admin imports the real file.
 */
export function demoSchoolYear(startYear: number): DemoSchoolYear {
  if (startYear === TYPED_IN_YEAR) return TYPED_IN;
  if (startYear < TYPED_IN_YEAR) {
    const fromDataset = datasetYear(startYear);
    if (fromDataset) return fromDataset;
  }
  return derivedYear(startYear);
}

/** The whole number of weeks closest to `years` calendar years. */
const weeksShift = (years: number) => Math.round((years * 365.2425) / 7) * 7;

function derivedYear(startYear: number): DemoSchoolYear {
  const shift = weeksShift(startYear - TYPED_IN_YEAR);
  const move = (day: CivilDate) => addDays(day, shift);
  // The summer after the year ends the day before the next (derived) year starts.
  const nextStart = addDays(TYPED_IN.startDate, weeksShift(startYear + 1 - TYPED_IN_YEAR));
  const holidays = (rows: HolidayRow[]): HolidayRow[] =>
    rows.map(([label, from, to], i) => [label, move(from), i === rows.length - 1 ? addDays(nextStart, -1) : move(to)]);
  return {
    label: `${startYear}-${startYear + 1}`,
    startDate: move(TYPED_IN.startDate),
    endDate: move(TYPED_IN.endDate),
    holidays: { A: holidays(TYPED_IN.holidays.A), C: holidays(TYPED_IN.holidays.C) },
    source: "derived",
  };
}

/** From the shipped file: starts the day after the summer before, ends the day before the summer after. */
function datasetYear(startYear: number): DemoSchoolYear | null {
  const summer = (year: number) =>
    officialHolidayPeriods("C", `${year}-07-01`, `${year}-08-31`).find((p) => p.label === "Vacances d'été" && p.startDate >= `${year}-06-01`);
  const before = summer(startYear);
  const after = summer(startYear + 1);
  if (!before || !after || !officialDataCovers("A", before.startDate, after.endDate)) return null;
  const startDate = addDays(before.endDate, 1);
  const holidays = (zone: DemoZone): HolidayRow[] =>
    officialHolidayPeriods(zone, startDate, after.endDate)
      .filter((p) => p.startDate >= startDate)
      .map((p) => [p.label, p.startDate, p.endDate]);
  return {
    label: `${startYear}-${startYear + 1}`,
    startDate,
    endDate: addDays(after.startDate, -1),
    holidays: { A: holidays("A"), C: holidays("C") },
    source: "dataset",
  };
}

/**
 * The school year the demo is set in on `today`: the one containing it, or in the summer
 * holidays (after a year's last day) the coming one.
 */
export function demoSchoolYearOn(today: CivilDate): DemoSchoolYear {
  const calendarYear = Number(today.slice(0, 4));
  const previous = demoSchoolYear(calendarYear - 1);
  return today > previous.endDate ? demoSchoolYear(calendarYear) : previous;
}
