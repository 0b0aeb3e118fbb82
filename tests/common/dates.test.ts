import { describe, expect, it } from "vitest";
import { ageInMonths, ageOn, civilDateIn, formatAgeMonths, formatDate, formatDateShort, formatDayHeading, formatDayLong, formatInstantDay, formatMonth, ofMonth, zonedInstant } from "@/common/dates";

const iso = (day: string, time: string, tz: string) => zonedInstant(day, time, tz).toISOString();

describe("zonedInstant", () => {
  it("reads the wall clock of Paris in winter and in summer", () => {
    expect(iso("2026-01-15", "10:00", "Europe/Paris")).toBe("2026-01-15T09:00:00.000Z");
    expect(iso("2026-07-15", "10:00", "Europe/Paris")).toBe("2026-07-15T08:00:00.000Z");
    expect(iso("2026-12-31", "23:59", "Europe/Paris")).toBe("2026-12-31T22:59:00.000Z");
    expect(iso("2026-01-01", "00:00", "Europe/Paris")).toBe("2025-12-31T23:00:00.000Z");
  });

  it("handles the spring-forward day (2026-03-29) in Paris", () => {
    expect(iso("2026-03-29", "01:59", "Europe/Paris")).toBe("2026-03-29T00:59:00.000Z");
    expect(iso("2026-03-29", "03:00", "Europe/Paris")).toBe("2026-03-29T01:00:00.000Z");
    expect(iso("2026-03-29", "10:00", "Europe/Paris")).toBe("2026-03-29T08:00:00.000Z");
    expect(iso("2026-03-28", "10:00", "Europe/Paris")).toBe("2026-03-28T09:00:00.000Z");
  });

  it("moves a wall time inside the spring gap one hour later (02:30 → 03:30 CEST)", () => {
    expect(iso("2026-03-29", "02:30", "Europe/Paris")).toBe("2026-03-29T01:30:00.000Z");
    expect(iso("2026-03-29", "02:00", "Europe/Paris")).toBe("2026-03-29T01:00:00.000Z");
  });

  it("takes the first (summer-time) occurrence of the repeated autumn hour (2026-10-25)", () => {
    expect(iso("2026-10-25", "02:30", "Europe/Paris")).toBe("2026-10-25T00:30:00.000Z");
    expect(iso("2026-10-25", "01:59", "Europe/Paris")).toBe("2026-10-24T23:59:00.000Z");
    expect(iso("2026-10-25", "03:00", "Europe/Paris")).toBe("2026-10-25T02:00:00.000Z");
    expect(iso("2026-10-25", "10:00", "Europe/Paris")).toBe("2026-10-25T09:00:00.000Z");
    expect(iso("2026-10-24", "10:00", "Europe/Paris")).toBe("2026-10-24T08:00:00.000Z");
  });

  it("uses the commune's own zone overseas (no daylight saving)", () => {
    expect(iso("2026-03-29", "10:00", "America/Cayenne")).toBe("2026-03-29T13:00:00.000Z");
    expect(iso("2026-10-25", "10:00", "Indian/Reunion")).toBe("2026-10-25T06:00:00.000Z");
    expect(iso("2026-01-01", "00:00", "Indian/Reunion")).toBe("2025-12-31T20:00:00.000Z");
    expect(iso("2026-12-31", "23:59", "America/Cayenne")).toBe("2027-01-01T02:59:00.000Z");
    expect(iso("2026-06-01", "12:00", "UTC")).toBe("2026-06-01T12:00:00.000Z");
  });

  it("handles the other hemisphere and a half-hour gap", () => {
    // Santiago springs forward at midnight on 2026-09-06: 00:00 does not exist, 01:00 does.
    expect(iso("2026-09-06", "00:30", "America/Santiago")).toBe("2026-09-06T04:30:00.000Z");
    // Lord Howe moves by 30 minutes (02:00 → 02:30) on 2026-10-04.
    expect(iso("2026-10-04", "02:15", "Australia/Lord_Howe")).toBe("2026-10-03T15:45:00.000Z");
  });

  it("refuses malformed input", () => {
    expect(() => zonedInstant("2026-13-01", "10:00", "Europe/Paris")).toThrow(RangeError);
    expect(() => zonedInstant("2026-01-01", "24:00", "Europe/Paris")).toThrow(RangeError);
    expect(() => zonedInstant("2026-01-01", "9:00", "Europe/Paris")).toThrow(RangeError);
    expect(() => zonedInstant("2026-01-01", "10:00", "Europe/Nowhere")).toThrow(RangeError);
  });

  it("is the inverse of civilDateIn at every hour of the DST days", () => {
    for (const day of ["2026-03-29", "2026-10-25"]) {
      for (let h = 0; h < 24; h++) {
        const time = `${String(h).padStart(2, "0")}:00`;
        expect(civilDateIn(zonedInstant(day, time, "Europe/Paris"), "Europe/Paris")).toBe(day);
      }
    }
  });
});

describe("formatInstantDay", () => {
  it("shows the day an instant falls on in the commune's time zone, not Paris's", () => {
    // 1 December 2026, 02:30 in Paris = 30 November, 21:30 in Martinique; 06:30 in Réunion.
    const at = new Date("2026-12-01T01:30:00Z");
    expect(formatInstantDay(at, "Europe/Paris")).toBe("01/12/2026");
    expect(formatInstantDay(at, "America/Martinique")).toBe("30/11/2026");
    expect(formatInstantDay(new Date("2026-11-30T20:30:00Z"), "Indian/Reunion")).toBe("01/12/2026");
  });
});

describe("civilDateIn", () => {
  it("gives the date on the wall clock of the zone", () => {
    const instant = new Date("2026-10-16T22:00:00Z");
    expect(civilDateIn(instant, "Europe/Paris")).toBe("2026-10-17");
    expect(civilDateIn(instant, "UTC")).toBe("2026-10-16");
    expect(civilDateIn(instant, "America/Cayenne")).toBe("2026-10-16");
    expect(civilDateIn(instant, "Indian/Reunion")).toBe("2026-10-17");
  });
});

describe("ageInMonths", () => {
  it("counts a month only once its day has come: the day before it, not yet; on it, done", () => {
    expect(ageInMonths("2026-08-26", "2026-11-25")).toBe(2); // three months tomorrow
    expect(ageInMonths("2026-08-25", "2026-11-25")).toBe(3); // three months today
    expect(ageInMonths("2026-11-25", "2026-11-25")).toBe(0);
    expect(ageInMonths("2026-11-26", "2026-11-25")).toBe(-1); // not born yet
  });

  it("counts across years, not in whole years times twelve", () => {
    expect(ageInMonths("2024-03-14", "2026-11-25")).toBe(32);
    expect(ageInMonths("2023-11-26", "2026-11-25")).toBe(35); // three years tomorrow
    expect(ageInMonths("2023-11-25", "2026-11-25")).toBe(36);
  });

  it("completes a month on the last day of a shorter month", () => {
    expect(ageInMonths("2026-01-31", "2026-02-27")).toBe(0);
    expect(ageInMonths("2026-01-31", "2026-02-28")).toBe(1);
    expect(ageInMonths("2026-01-31", "2026-04-30")).toBe(3);
    expect(ageInMonths("2027-12-31", "2028-02-28")).toBe(1);
    expect(ageInMonths("2027-12-31", "2028-02-29")).toBe(2);
  });

  it("gives a child born on 29 February its year on 28 February, and on the 29th in a leap year", () => {
    expect(ageInMonths("2024-02-29", "2025-02-27")).toBe(11);
    expect(ageInMonths("2024-02-29", "2025-02-28")).toBe(12);
    expect(ageOn("2024-02-29", "2025-02-28")).toBe(1);
    expect(ageOn("2024-02-29", "2028-02-28")).toBe(3);
    expect(ageOn("2024-02-29", "2028-02-29")).toBe(4);
  });

  it("keeps whole years consistent with months", () => {
    expect(ageOn("2017-03-14", "2026-11-25")).toBe(9);
    expect(ageOn("2017-11-26", "2026-11-25")).toBe(8);
    expect(ageOn("2017-11-25", "2026-11-25")).toBe(9);
  });
});

describe("formatAgeMonths", () => {
  it("says an age as people do", () => {
    expect(formatAgeMonths(0)).toBe("0 mois");
    expect(formatAgeMonths(3)).toBe("3 mois");
    expect(formatAgeMonths(12)).toBe("1 an");
    expect(formatAgeMonths(36)).toBe("3 ans");
    expect(formatAgeMonths(41)).toBe("3 ans et 5 mois");
  });
});

describe("dates in words", () => {
  it("write the first of a month « 1er », as French does, and every other day as a number", () => {
    expect(formatDate("2026-09-01")).toBe("1er septembre 2026");
    expect(formatDayLong("2026-12-01")).toBe("mardi 1er décembre");
    expect(formatDayHeading("2026-12-01")).toBe("Mardi 1er décembre");
    expect(formatDateShort("2027-01-01", true)).toBe("1er janv. 2027");
    expect(formatDate("2026-12-11")).toBe("11 décembre 2026");
    expect(formatDate("2026-12-21")).toBe("21 décembre 2026");
    expect(formatDayLong("2026-12-16")).toBe("mercredi 16 décembre");
    expect(formatDateShort("2027-02-01").replace(/\s/g, " ")).toBe("1er févr.");
    expect(formatDateShort("2027-07-02", true).replace(/\s/g, " ")).toBe("2 juil. 2027");
  });
});

describe("« de » before a month", () => {
  it("is elided before a vowel: « d'août », « d'avril 2027 », « de janvier »", () => {
    expect(ofMonth("août")).toBe("d'août");
    expect(ofMonth(formatMonth("2027-04"))).toBe("d'avril 2027");
    expect(ofMonth(formatMonth("2027-10"))).toBe("d'octobre 2027");
    expect(ofMonth("janvier")).toBe("de janvier");
  });
});
