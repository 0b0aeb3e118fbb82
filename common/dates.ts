import { now as clockNow } from "./clock";

/**
 * The one date module. Service days are civil dates ("YYYY-MM-DD") with no time zone attached;
 * instants are Date objects. Formatting for people happens only here.
 */
export type CivilDate = string;

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseCivilDate(value: CivilDate): { year: number; month: number; day: number } {
  const match = CIVIL.exec(value);
  if (!match) throw new RangeError(`date civile invalide : ${value}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** Formats with `format`, writing the first day of a month as French does: "1er décembre", not "1 décembre". */
function withFirst(format: Intl.DateTimeFormat, date: Date): string {
  return format
    .formatToParts(date)
    .map((part) => (part.type === "day" && part.value === "1" ? "1er" : part.value))
    .join("");
}

/** "14 mars 2017", "1er septembre 2026" */
export function formatDate(value: CivilDate): string {
  const { year, month, day } = parseCivilDate(value);
  return withFirst(new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }), new Date(Date.UTC(year, month - 1, day)));
}

/** "25/11/2026 à 14:05" in the given time zone. */
export function formatInstant(instant: Date, timeZone = "Europe/Paris"): string {
  const date = formatInstantDay(instant, timeZone);
  const time = new Intl.DateTimeFormat("fr-FR", { timeStyle: "short", timeZone }).format(instant);
  return `${date} à ${time}`;
}

/** "25/11/2026": the day an instant falls on in the given time zone (the commune's). */
export function formatInstantDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeZone }).format(instant);
}

/**
 * Completed months between a birth date and a civil date (negative before birth). A month is
 * completed on the same day of the month as the birth, or on the month's last day when it is
 * shorter: born on 31 January, one month on 28 February; born on 29 February, twelve months on
 * 28 February of the next year.
 */
export function ageInMonths(birthDate: CivilDate, on: CivilDate): number {
  const b = parseCivilDate(birthDate);
  const d = parseCivilDate(on);
  const months = (d.year - b.year) * 12 + (d.month - b.month);
  const monthiversary = Math.min(b.day, daysInMonth(d.year, d.month));
  return d.day < monthiversary ? months - 1 : months;
}

/** Completed years between a birth date and a civil date, by the same rule as `ageInMonths`. */
export function ageOn(birthDate: CivilDate, on: CivilDate): number {
  return Math.floor(ageInMonths(birthDate, on) / 12);
}

/** "3 mois", "2 ans", "2 ans et 5 mois": an age or an age limit for people. */
export function formatAgeMonths(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years ? `${years} an${years > 1 ? "s" : ""}` : "";
  const m = rest || !years ? `${rest} mois` : "";
  return [y, m].filter(Boolean).join(" et ");
}

/** Today's civil date in a time zone. */
export function todayIn(timeZone: string, now = clockNow()): CivilDate {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function toUtc(value: CivilDate): Date {
  const { year, month, day } = parseCivilDate(value);
  return new Date(Date.UTC(year, month - 1, day));
}

function fromUtc(date: Date): CivilDate {
  return date.toISOString().slice(0, 10);
}

export function addDays(value: CivilDate, days: number): CivilDate {
  const d = toUtc(value);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(value: CivilDate): number {
  return ((toUtc(value).getUTCDay() + 6) % 7) + 1;
}

/** Every civil date from `from` to `to`, both included. */
export function eachDay(from: CivilDate, to: CivilDate): CivilDate[] {
  const days: CivilDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2026-12" → first and last day of that month. */
export function monthRange(month: string): { from: CivilDate; to: CivilDate } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(y, m)).padStart(2, "0")}` };
}

/** "2026-12" shifted by `months` ("2027-01" for +1, "2026-11" for -1). */
export function shiftMonth(month: string, months: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Monday of the week containing the date. */
export function startOfWeek(value: CivilDate): CivilDate {
  return addDays(value, 1 - isoWeekday(value));
}

export function compareCivil(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "mercredi 16 décembre", "mardi 1er décembre" */
export function formatDayLong(value: CivilDate): string {
  return withFirst(new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }), toUtc(value));
}

/** "4 janv.", or "2 juil. 2027" with the year: a compact date for a crowded label. */
export function formatDateShort(value: CivilDate, withYear = false): string {
  return withFirst(new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" }), toUtc(value));
}

/** "déc. 2026" style month title: "décembre 2026" */
export function formatMonth(month: string): string {
  return new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(toUtc(`${month}-01`));
}

/** « de janvier 2027 », « d'avril 2027 », « d'août » : French elides « de » before a vowel (avril, août, octobre). */
export function ofMonth(label: string): string {
  return /^[aeiouâàéèêëîïôûy]/i.test(label) ? `d'${label}` : `de ${label}`;
}

/** Years a real day of ours can fall in: anything else (0000-01-01, 9999-12-31) is a typing error or an attack. */
export const CIVIL_YEARS = { min: 1900, max: 2199 } as const;

export const isCivilDate = (value: string) => {
  if (!CIVIL.test(value)) return false;
  const { year, month, day } = parseCivilDate(value);
  if (year < CIVIL_YEARS.min || year > CIVIL_YEARS.max) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall clock (as if it were UTC, in ms) shown in `timeZone` at `instant`. */
function wallClockMs(instant: number, timeZone: string): number {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    wallClocks.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(instant))) parts[p.type] = p.value;
  const year = parts.era === "BC" || parts.era === "B" ? 1 - Number(parts.year) : Number(parts.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return wall.getTime();
}

/** UTC offset (ms) of `timeZone` at `instant`: wall clock minus instant. */
function offsetMs(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `timeZone` shows `day` at `time` ("HH:MM").
 * Across daylight-saving changes: a wall time inside the spring-forward gap (02:30 on the last
 * Sunday of March in Paris) gives the instant one gap later (03:30 summer time); an ambiguous
 * autumn wall time gives its first occurrence (summer time).
 */
export function zonedInstant(day: CivilDate, time: string, timeZone: string): Date {
  if (!isCivilDate(day)) throw new RangeError(`date civile invalide : ${day}`);
  const { year, month, day: dom } = parseCivilDate(day);
  const match = TIME.exec(time);
  if (!match) throw new RangeError(`heure invalide : ${time}`);
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, dom);
  wall.setUTCHours(Number(match[1]), Number(match[2]), 0, 0);
  const target = wall.getTime();
  // At most one transition within a day either side: the offsets before and after it.
  const before = offsetMs(target - DAY_MS, timeZone);
  const after = offsetMs(target + DAY_MS, timeZone);
  const early = target - before;
  if (before === after) return new Date(early);
  const late = target - after;
  const shows = (instant: number) => wallClockMs(instant, timeZone) === target;
  const candidates = [early, late].filter(shows);
  // Both valid: ambiguous hour, take the first. None valid: in the gap, keep the offset from
  // before the change, which lands as far past the gap as the wall time was inside it.
  return new Date(candidates.length ? Math.min(...candidates) : early);
}

/** The civil date shown by the wall clock in `timeZone` at `instant`. */
export function civilDateIn(instant: Date, timeZone: string): CivilDate {
  return todayIn(timeZone, instant);
}

/** The wall-clock time ("HH:MM", 24 h) shown in `timeZone` at `instant`: a form's time field. */
export function wallTimeIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${part("hour")}:${part("minute")}`;
}

/** "Jeudi 3 décembre": the long day label at the start of a line. */
export function formatDayHeading(value: CivilDate): string {
  const label = formatDayLong(value);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
