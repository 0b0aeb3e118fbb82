import { addDays, type CivilDate } from "@/common/dates";

export interface DateSpan {
  from: CivilDate;
  to: CivilDate;
}

/**
 * The terms ("périodes") of a school year: the stretches between its holiday periods, inside the
 * year. Overlapping or touching holidays merge; a holiday straddling the year's edge trims it.
 */
export function schoolTerms(year: DateSpan, holidays: { startDate: CivilDate; endDate: CivilDate }[]): DateSpan[] {
  const terms: DateSpan[] = [];
  let cursor = year.from;
  const inYear = holidays.filter((h) => h.endDate >= year.from && h.startDate <= year.to).sort((a, b) => a.startDate.localeCompare(b.startDate));
  for (const h of inYear) {
    if (h.startDate > cursor) terms.push({ from: cursor, to: addDays(h.startDate, -1) });
    const after = addDays(h.endDate, 1);
    if (after > cursor) cursor = after;
  }
  if (cursor <= year.to) terms.push({ from: cursor, to: year.to });
  return terms;
}

/** The holiday periods inside a year, clipped to it, with their names. */
export function schoolHolidays(year: DateSpan, holidays: { label: string; startDate: CivilDate; endDate: CivilDate }[]): (DateSpan & { label: string })[] {
  return holidays
    .filter((h) => h.endDate >= year.from && h.startDate <= year.to)
    .sort((a, b) => a.startDate.localeCompare(b.startDate))
    .map((h) => ({ label: h.label, from: h.startDate < year.from ? year.from : h.startDate, to: h.endDate > year.to ? year.to : h.endDate }));
}
