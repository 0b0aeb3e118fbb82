import { readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import { addDays, civilDateIn, isCivilDate, type CivilDate } from "@/common/dates";
import type { CalendarPeriod } from "@/common/calendar";

/** The zones the shipped dataset knows; Corse and overseas académies are imported or typed in. */
export const DATASET_ZONES = ["A", "B", "C"] as const;
export type DatasetZone = (typeof DATASET_ZONES)[number];

export const DATASET_PATH = "server/domain/calendar/data/vacances-scolaires.csv";

interface DayRow {
  date: CivilDate;
  A: boolean;
  B: boolean;
  C: boolean;
  name: string;
}

let dataset: DayRow[] | null = null;
let dataEnd: CivilDate | null = null;

function datasetRows(): DayRow[] {
  if (dataset) return dataset;
  const text = readFileSync(path.join(process.cwd(), DATASET_PATH), "utf8");
  const rows: DayRow[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [date = "", a, b, c, ...name] = line.split(",");
    if (!isCivilDate(date)) continue;
    rows.push({ date, A: a === "True", B: b === "True", C: c === "True", name: name.join(",").trim() });
  }
  rows.sort((x, y) => (x.date < y.date ? -1 : 1));
  dataset = rows;
  return rows;
}

export const isDatasetZone = (zone: string): zone is DatasetZone => (DATASET_ZONES as readonly string[]).includes(zone);

/**
 * Last day the shipped dataset answers for: the end of August of the school year of its last
 * holiday (the file lists days after it, all "not on holiday", which would be wrong).
 */
export function officialDataEnd(): CivilDate {
  if (dataEnd) return dataEnd;
  let last = "";
  for (const row of datasetRows()) if (row.A || row.B || row.C) last = row.date;
  const [year, month] = [Number(last.slice(0, 4)), Number(last.slice(5, 7))];
  dataEnd = month >= 7 && month <= 8 ? `${year}-08-31` : last;
  return dataEnd;
}

/** True when the shipped dataset knows the holidays of `zone` for the whole range. */
export function officialDataCovers(zone: string, from: CivilDate, to: CivilDate): boolean {
  return isDatasetZone(zone) && from >= (datasetRows()[0]?.date ?? "9999-12-31") && to <= officialDataEnd();
}

/**
 * School holidays of zone A, B or C overlapping [from, to], from the shipped dataset: runs of
 * consecutive days with the same holiday name become one period (whole, not clipped). Other zones: [].
 */
export function officialHolidayPeriods(zone: string, from: CivilDate, to: CivilDate): CalendarPeriod[] {
  if (!isDatasetZone(zone)) return [];
  const periods: CalendarPeriod[] = [];
  let current: CalendarPeriod | null = null;
  for (const row of datasetRows()) {
    const name = row[zone] ? row.name || "Vacances scolaires" : null;
    if (current && name === current.label && row.date === addDays(current.endDate, 1)) {
      current.endDate = row.date;
      continue;
    }
    if (current) periods.push(current);
    current = name ? { kind: "holiday", label: name, startDate: row.date, endDate: row.date } : null;
  }
  if (current) periods.push(current);
  return periods.filter((p) => p.startDate <= to && p.endDate >= from);
}

// ---------------------------------------------------------------------------------------------
// The official export "fr-en-calendrier-scolaire" (data.education.gouv.fr), CSV or JSON.
// ---------------------------------------------------------------------------------------------

interface ExportRecord {
  description: string;
  population: string;
  start: string;
  end: string;
  location: string;
  zones: string;
}

/** Lower case, no accents, no punctuation: "Zone A" → "zone a", "La Réunion" → "la reunion". */
const normalize = (value: unknown) =>
  String(value ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const COLUMNS: Record<keyof ExportRecord, string[]> = {
  description: ["description"],
  population: ["population"],
  start: ["date de debut", "start date", "date debut"],
  end: ["date de fin", "end date", "date fin"],
  location: ["academies", "academie", "location"],
  zones: ["zones", "zone"],
};

function recordFrom(get: (names: string[]) => unknown): ExportRecord {
  const text = (names: string[]) => {
    const value = get(names);
    return value === null || value === undefined ? "" : String(value).trim();
  };
  return {
    description: text(COLUMNS.description),
    population: text(COLUMNS.population),
    start: text(COLUMNS.start),
    end: text(COLUMNS.end),
    location: text(COLUMNS.location),
    zones: text(COLUMNS.zones),
  };
}

/** Splits CSV text into rows of fields (quoted fields, doubled quotes, CRLF). */
function csvRows(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

function parseCsv(text: string): ExportRecord[] | null {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = [";", ",", "\t"].reduce((best, sep) => (firstLine.split(sep).length > firstLine.split(best).length ? sep : best));
  const [header, ...rows] = csvRows(text, separator);
  if (!header) return null;
  const names = header.map(normalize);
  const index = (candidates: string[]) => names.findIndex((n) => candidates.includes(n));
  if (index(COLUMNS.description) < 0 || index(COLUMNS.start) < 0 || index(COLUMNS.zones) < 0) return null;
  return rows.map((cells) =>
    recordFrom((candidates) => {
      const i = index(candidates);
      return i < 0 ? undefined : cells[i];
    }),
  );
}

function parseJson(text: string): ExportRecord[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === "object"
      ? ((data as { results?: unknown; records?: unknown }).results ?? (data as { records?: unknown }).records)
      : null;
  if (!Array.isArray(list)) return null;
  return list
    .filter((item): item is Record<string, unknown> => !!item && typeof item === "object")
    .map((item) => {
      // ODS API v1 nests the values in `fields`.
      const fields = (item.fields && typeof item.fields === "object" ? item.fields : item) as Record<string, unknown>;
      const keys = new Map(Object.keys(fields).map((k) => [normalize(k), k]));
      return recordFrom((candidates) => {
        const key = candidates.map((c) => keys.get(c)).find((k) => k !== undefined);
        return key === undefined ? undefined : fields[key];
      });
    });
}

/**
 * The official date of an export value. The ministry's dataset stores "midnight in Paris" and
 * serialises it with whatever offset the download asked for ("2026-10-17T00:00:00+02:00",
 * "2026-10-16T22:00:00+00:00"): the civil date is the Paris date of that instant, even for
 * overseas académies.
 */
function officialDate(value: string): CivilDate | null {
  const plain = value.slice(0, 10);
  if (value.length <= 10) return isCivilDate(plain) ? plain : null;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return isCivilDate(plain) ? plain : null;
  return civilDateIn(instant, "Europe/Paris");
}

const ZONE_NAMES: Record<string, string> = { a: "zone a", b: "zone b", c: "zone c" };

/** Does an export row belong to the commune's zone ("A", "Corse", "La Réunion"…)? */
function matchesZone(record: ExportRecord, zone: string): boolean {
  const wanted = normalize(zone);
  const zoneName = ZONE_NAMES[wanted] ?? wanted;
  const zones = normalize(record.zones);
  if (zoneName.startsWith("zone ")) return zones === zoneName;
  const bare = (v: string) => v.replace(/^(la|le|les) /, "");
  return [zones, normalize(record.location)].some((v) => v !== "" && bare(v) === bare(zoneName));
}

/** Pupils' rows only: "-" (everyone) or "Élèves"; teachers' dates and sub-territories are left out. */
const forPupils = (population: string) => ["", "eleves"].includes(normalize(population));

/**
 * Holiday periods of one zone from the official export, CSV (semicolon-separated, labels as
 * headers) or JSON (an array of records, or `{ results: [...] }`). In the export the end date is
 * the day classes resume: the last day of holidays is the day before. Repeated rows (one per
 * académie) are merged. Throws a BAD_REQUEST naming the "file" field when nothing can be read.
 */
export function parseOfficialCalendarExport(text: string, zone: string): CalendarPeriod[] {
  const clean = text.replace(/^\uFEFF/, "").trim();
  const records = (clean.startsWith("[") || clean.startsWith("{") ? parseJson(clean) : parseCsv(clean)) ?? null;
  if (!records) throw new AppError("BAD_REQUEST", messages.calendar.unreadableFile, "file");
  const seen = new Set<string>();
  const periods: CalendarPeriod[] = [];
  for (const record of records) {
    if (!record.description || !matchesZone(record, zone) || !forPupils(record.population)) continue;
    const startDate = officialDate(record.start);
    if (!startDate) continue;
    const resumes = record.end ? officialDate(record.end) : null;
    let endDate = resumes ? addDays(resumes, -1) : null;
    // "Début des Vacances d'Été" rows may come without a return date: summer ends with August.
    if (!endDate && /ete/.test(normalize(record.description))) endDate = `${startDate.slice(0, 4)}-08-31`;
    if (!endDate || endDate < startDate) continue;
    const label = record.description.replace(/\s+/g, " ");
    const key = `${label}|${startDate}|${endDate}`;
    if (seen.has(key)) continue;
    seen.add(key);
    periods.push({ kind: "holiday", label, startDate, endDate });
  }
  if (periods.length === 0) throw new AppError("BAD_REQUEST", messages.calendar.nothingForZone(zone), "file");
  return periods.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
}
