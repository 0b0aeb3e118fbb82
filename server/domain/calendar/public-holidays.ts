import Holidays from "date-holidays";
import { addDays, parseCivilDate, type CivilDate } from "@/common/dates";

/** Tenants' `publicHolidayRegion` values and what they mean. */
export const PUBLIC_HOLIDAY_REGIONS = {
  FR: "Métropole",
  "FR-57": "Moselle",
  "FR-67": "Bas-Rhin",
  "FR-68": "Haut-Rhin",
  "FR-GP": "Guadeloupe",
  "FR-MQ": "Martinique",
  "FR-GF": "Guyane",
  "FR-RE": "La Réunion",
  "FR-YT": "Mayotte",
} as const;

export type PublicHolidayRegion = keyof typeof PUBLIC_HOLIDAY_REGIONS;

export const isPublicHolidayRegion = (value: string): value is PublicHolidayRegion => Object.hasOwn(PUBLIC_HOLIDAY_REGIONS, value);

export interface PublicHoliday {
  date: CivilDate;
  name: string;
}

const byRegionYear = new Map<string, Map<CivilDate, string>>();

function holidaysOf(region: string, year: number): Map<CivilDate, string> {
  const key = `${region}|${year}`;
  let days = byRegionYear.get(key);
  if (days) return days;
  const [country = "FR", state] = region.split("-");
  const calendar = state
    ? new Holidays(country, state, { languages: ["fr"], types: ["public"] })
    : new Holidays(country, { languages: ["fr"], types: ["public"] });
  days = new Map();
  for (const holiday of calendar.getHolidays(year, "fr")) {
    if (holiday.type !== "public") continue;
    // `date` is the local wall date ("2026-12-25 00:00:00"); start/end are instants in the
    // country's zone, whose UTC date may be the day before.
    const first = holiday.date.slice(0, 10);
    const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
    for (let i = 0; i < length; i++) {
      const day = addDays(first, i);
      if (!days.has(day)) days.set(day, holiday.name);
    }
  }
  byRegionYear.set(key, days);
  return days;
}

/** Name of the public holiday on a day in the given region ("FR", "FR-57", "FR-RE"…), or null. */
export function publicHolidayLookup(region: string): (day: CivilDate) => string | null {
  return (day) => holidaysOf(region, parseCivilDate(day).year).get(day) ?? null;
}

/** Every public holiday between two civil dates, both included, in date order. */
export function publicHolidaysBetween(region: string, from: CivilDate, to: CivilDate): PublicHoliday[] {
  const list: PublicHoliday[] = [];
  for (let year = parseCivilDate(from).year; year <= parseCivilDate(to).year; year++) {
    for (const [date, name] of holidaysOf(region, year)) if (from <= date && date <= to) list.push({ date, name });
  }
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
