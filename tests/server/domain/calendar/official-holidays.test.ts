import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  officialDataCovers,
  officialDataEnd,
  officialHolidayPeriods,
  parseOfficialCalendarExport,
} from "@/server/domain/calendar/official-holidays";
import { AppError } from "@/server/errors";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../../../fixtures", name), "utf8");
const csv = fixture("calendrier-scolaire-2026-2027.csv");
const json = fixture("calendrier-scolaire-2026-2027.json");
const holiday = (label: string, startDate: string, endDate: string) => ({ kind: "holiday", label, startDate, endDate });

describe("officialHolidayPeriods (shipped dataset)", () => {
  it("folds the days of zone C in 2025-2026 into periods", () => {
    expect(officialHolidayPeriods("C", "2025-09-01", "2026-07-03")).toEqual([
      holiday("Vacances de la Toussaint", "2025-10-18", "2025-11-02"),
      holiday("Vacances de Noël", "2025-12-20", "2026-01-04"),
      holiday("Vacances d'hiver", "2026-02-21", "2026-03-08"),
      holiday("Vacances de printemps", "2026-04-18", "2026-05-03"),
    ]);
  });

  it("reads each zone's own column", () => {
    expect(officialHolidayPeriods("A", "2026-02-01", "2026-02-28")).toEqual([holiday("Vacances d'hiver", "2026-02-07", "2026-02-22")]);
    expect(officialHolidayPeriods("B", "2026-02-01", "2026-02-28")).toEqual([holiday("Vacances d'hiver", "2026-02-14", "2026-03-01")]);
  });

  it("keeps whole periods that overlap the range and the Ascension bridge", () => {
    expect(officialHolidayPeriods("C", "2026-08-01", "2026-08-01")).toEqual([holiday("Vacances d'été", "2026-07-04", "2026-08-30")]);
    expect(officialHolidayPeriods("A", "2022-05-02", "2022-06-30")).toEqual([holiday("Pont de l'Ascension", "2022-05-26", "2022-05-29")]);
  });

  it("knows nothing of other zones nor of years after 2025-2026", () => {
    expect(officialHolidayPeriods("Corse", "2025-09-01", "2026-07-03")).toEqual([]);
    expect(officialHolidayPeriods("La Réunion", "2025-09-01", "2026-07-03")).toEqual([]);
    expect(officialHolidayPeriods("C", "2026-09-01", "2027-07-03")).toEqual([]);
    expect(officialDataEnd()).toBe("2026-08-31");
    expect(officialDataCovers("C", "2025-09-01", "2026-07-03")).toBe(true);
    expect(officialDataCovers("A", "2025-09-01", "2026-08-31")).toBe(true);
    expect(officialDataCovers("C", "2026-09-01", "2027-07-03")).toBe(false);
    expect(officialDataCovers("Corse", "2025-09-01", "2026-07-03")).toBe(false);
  });
});

describe("parseOfficialCalendarExport", () => {
  const zoneC = [
    holiday("Vacances de la Toussaint", "2026-10-17", "2026-11-01"),
    holiday("Vacances de Noël", "2026-12-19", "2027-01-03"),
    holiday("Vacances d'Hiver", "2027-02-06", "2027-02-21"),
    holiday("Vacances de Printemps", "2027-04-03", "2027-04-18"),
    holiday("Pont de l'Ascension", "2027-05-05", "2027-05-09"),
    holiday("Vacances d'Été", "2027-07-03", "2027-08-31"),
  ];

  it("reads the CSV export: zone rows, pupils only, deduplicated, end = day before classes resume", () => {
    expect(parseOfficialCalendarExport(csv, "C")).toEqual(zoneC);
    expect(parseOfficialCalendarExport(csv, "A")).toEqual([
      holiday("Vacances de la Toussaint", "2026-10-17", "2026-11-01"),
      holiday("Vacances d'Hiver", "2027-02-13", "2027-02-28"),
    ]);
  });

  it("accepts a byte-order mark and Windows line ends", () => {
    expect(parseOfficialCalendarExport(`\uFEFF${csv.replace(/\n/g, "\r\n")}`, "C")).toEqual(zoneC);
  });

  it("matches Corse and overseas académies by name", () => {
    expect(parseOfficialCalendarExport(csv, "Corse")).toEqual([
      holiday("Vacances de la Toussaint", "2026-10-17", "2026-11-01"),
      holiday("Vacances de Noël", "2026-12-19", "2027-01-03"),
    ]);
    expect(parseOfficialCalendarExport(json, "La Réunion")).toEqual([holiday("Vacances de Noël", "2026-12-19", "2027-01-24")]);
  });

  it("reads the JSON export, with dates serialised in UTC (midnight in Paris)", () => {
    expect(parseOfficialCalendarExport(json, "A")).toEqual([
      holiday("Vacances de la Toussaint", "2026-10-17", "2026-11-01"),
      holiday("Vacances de Noël", "2026-12-19", "2027-01-03"),
      holiday("Vacances d'Hiver", "2027-02-13", "2027-02-28"),
      holiday("Vacances de Printemps", "2027-04-10", "2027-04-25"),
    ]);
  });

  it("reads the API's { results: [...] } answer and the v1 { records: [{ fields }] } one", () => {
    const records = JSON.parse(json) as Record<string, unknown>[];
    expect(parseOfficialCalendarExport(JSON.stringify({ total_count: records.length, results: records }), "C")).toEqual([
      holiday("Vacances d'Hiver", "2027-02-06", "2027-02-21"),
    ]);
    expect(parseOfficialCalendarExport(JSON.stringify({ records: records.map((fields) => ({ fields })) }), "A")).toHaveLength(4);
  });

  it("refuses what it cannot read, naming the file field in French", () => {
    for (const text of ["", "bonjour", "a;b;c\n1;2;3", "{\"x\": 1}", "[1, 2"]) {
      const error = (() => {
        try {
          parseOfficialCalendarExport(text, "C");
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "BAD_REQUEST", field: "file" });
      expect((error as Error).message).toMatch(/calendrier scolaire/);
    }
  });

  it("says so when the file has nothing for the zone", () => {
    expect(() => parseOfficialCalendarExport(json, "B")).toThrow(/aucune période de vacances pour la zone B/);
    expect(() => parseOfficialCalendarExport(csv, "Guadeloupe")).toThrow(/aucune période de vacances pour Guadeloupe/);
  });
});
