import { describe, expect, it } from "vitest";
import { schoolHolidays, schoolTerms } from "@/server/domain/calendar/terms";

const year = { from: "2026-09-01", to: "2027-07-02" };
// Zone C, 2026-2027.
const holidays = [
  { label: "Vacances de Noël", startDate: "2026-12-19", endDate: "2027-01-03" },
  { label: "Vacances de la Toussaint", startDate: "2026-10-17", endDate: "2026-11-01" },
  { label: "Vacances d'hiver", startDate: "2027-02-06", endDate: "2027-02-21" },
  { label: "Vacances de printemps", startDate: "2027-04-03", endDate: "2027-04-18" },
  { label: "Vacances d'été", startDate: "2027-07-03", endDate: "2027-08-31" },
];

describe("schoolTerms", () => {
  it("cuts the year into the stretches between holidays, in order", () => {
    expect(schoolTerms(year, holidays)).toEqual([
      { from: "2026-09-01", to: "2026-10-16" },
      { from: "2026-11-02", to: "2026-12-18" },
      { from: "2027-01-04", to: "2027-02-05" },
      { from: "2027-02-22", to: "2027-04-02" },
      { from: "2027-04-19", to: "2027-07-02" },
    ]);
  });

  it("merges overlapping holidays and trims one that straddles the start of the year", () => {
    const summer = { label: "Été", startDate: "2026-07-04", endDate: "2026-09-01" };
    const a = { label: "A", startDate: "2026-10-17", endDate: "2026-10-25" };
    const b = { label: "B", startDate: "2026-10-24", endDate: "2026-11-01" };
    expect(schoolTerms({ from: "2026-09-01", to: "2026-12-18" }, [b, summer, a])).toEqual([
      { from: "2026-09-02", to: "2026-10-16" },
      { from: "2026-11-02", to: "2026-12-18" },
    ]);
  });

  it("is the whole year when no holiday is on file", () => {
    expect(schoolTerms(year, [])).toEqual([year]);
  });
});

describe("schoolHolidays", () => {
  it("lists the holidays inside the year in order, clipped to it", () => {
    expect(schoolHolidays(year, holidays).map((h) => [h.label, h.from, h.to])).toEqual([
      ["Vacances de la Toussaint", "2026-10-17", "2026-11-01"],
      ["Vacances de Noël", "2026-12-19", "2027-01-03"],
      ["Vacances d'hiver", "2027-02-06", "2027-02-21"],
      ["Vacances de printemps", "2027-04-03", "2027-04-18"],
    ]);
    expect(schoolHolidays({ from: "2026-09-01", to: "2027-08-15" }, holidays).at(-1)).toEqual({ label: "Vacances d'été", from: "2027-07-03", to: "2027-08-15" });
  });
});
