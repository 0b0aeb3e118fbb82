import { describe, expect, it } from "vitest";
import { publicHolidayLookup, publicHolidaysBetween } from "@/server/domain/calendar/public-holidays";

describe("publicHolidayLookup", () => {
  it("names metropolitan public holidays on their civil date, not the day before", () => {
    const fr = publicHolidayLookup("FR");
    expect(fr("2026-12-25")).toBe("Noël");
    expect(fr("2026-12-24")).toBeNull();
    expect(fr("2026-01-01")).toBe("Nouvel An");
    expect(fr("2025-12-31")).toBeNull();
    expect(fr("2026-11-11")).toBe("Armistice 1918");
    expect(fr("2026-04-06")).toBe("Lundi de Pâques");
    expect(fr("2027-03-29")).toBe("Lundi de Pâques");
    expect(fr("2026-05-14")).toBe("Ascension");
    expect(fr("2026-05-25")).toBe("Lundi de Pentecôte");
  });

  it("counts only public holidays (no observances, no Alsace-Moselle days in metropole)", () => {
    const fr = publicHolidayLookup("FR");
    expect(fr("2026-05-24")).toBeNull(); // Pentecôte (a Sunday, observance)
    expect(fr("2026-05-31")).toBeNull(); // Fête des Mères
    expect(fr("2026-04-03")).toBeNull(); // Vendredi saint
    expect(fr("2026-12-26")).toBeNull();
    expect(fr("2026-11-12")).toBeNull();
  });

  it("adds Good Friday and 26 December in Alsace-Moselle", () => {
    for (const region of ["FR-57", "FR-67", "FR-68"]) {
      const lookup = publicHolidayLookup(region);
      expect(lookup("2026-04-03")).toBe("Vendredi saint");
      expect(lookup("2026-12-26")).not.toBeNull();
      expect(lookup("2026-12-25")).toBe("Noël");
      expect(lookup("2027-03-26")).toBe("Vendredi saint");
    }
  });

  it("adds the abolition of slavery overseas, on each territory's date", () => {
    const abolition = "Abolition de l’esclavage";
    expect(publicHolidayLookup("FR-RE")("2026-12-20")).toBe(abolition);
    expect(publicHolidayLookup("FR-RE")("2026-12-19")).toBeNull();
    expect(publicHolidayLookup("FR-GP")("2026-05-27")).toBe(abolition);
    expect(publicHolidayLookup("FR-MQ")("2026-05-22")).toBe(abolition);
    expect(publicHolidayLookup("FR-GF")("2026-06-10")).toBe(abolition);
    expect(publicHolidayLookup("FR-YT")("2026-04-27")).toBe(abolition);
    expect(publicHolidayLookup("FR")("2026-12-20")).toBeNull();
  });
});

describe("publicHolidaysBetween", () => {
  it("lists a school year's public holidays in date order", () => {
    expect(publicHolidaysBetween("FR", "2025-09-01", "2026-07-03").map((h) => h.date)).toEqual([
      "2025-11-01",
      "2025-11-11",
      "2025-12-25",
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-08",
      "2026-05-14",
      "2026-05-25",
    ]);
    expect(publicHolidaysBetween("FR-57", "2026-12-01", "2026-12-31")).toEqual([
      { date: "2026-12-25", name: "Noël" },
      { date: "2026-12-26", name: publicHolidayLookup("FR-57")("2026-12-26") },
    ]);
  });
});
