import { describe, expect, it } from "vitest";
import { bookingDeadline, CLOSED_SINCE, defaultBookingRule, describeRule, isOpen } from "@/common/deadline";
import { deadlineRuleSchema, type DeadlineRule } from "@/common/deadline-rule";
import { publicHolidayLookup } from "@/server/domain/calendar/public-holidays";

const paris = "Europe/Paris";
const france = { publicHoliday: publicHolidayLookup("FR") };
const moselle = { publicHoliday: publicHolidayLookup("FR-57") };
const noHolidays = { publicHoliday: () => null };

/** Rules go through the schema, as they do when read from an activity. */
const rule = (input: unknown): DeadlineRule => deadlineRuleSchema.parse(input);
const deadline = (r: unknown, day: string, calendar = france, tz = paris) => bookingDeadline(rule(r), day, calendar, tz).toISOString();

const eve = { kind: "days_before", days: 1, time: "10:00" };
const openDays = (days: number, time = "18:00", extra = {}) => ({ kind: "days_before", days, time, counting: "open", ...extra });

describe("bookingDeadline: days_before, counting every day", () => {
  it("is the day minus N calendar days at HH:MM, in the commune's zone", () => {
    expect(deadline(defaultBookingRule, "2026-11-12")).toBe("2026-11-06T22:59:00.000Z");
    expect(deadline(defaultBookingRule, "2027-01-04")).toBe("2026-12-29T22:59:00.000Z");
    expect(deadline(defaultBookingRule, "2026-06-10")).toBe("2026-06-04T21:59:00.000Z");
    expect(deadline({ kind: "days_before", days: 0, time: "08:00" }, "2026-06-10")).toBe("2026-06-10T06:00:00.000Z");
    expect(deadline({ kind: "days_before", days: 30, time: "12:00" }, "2026-03-01")).toBe("2026-01-30T11:00:00.000Z");
  });

  it("ignores weekends and public holidays", () => {
    expect(deadline({ kind: "days_before", days: 2, time: "18:00" }, "2026-11-16")).toBe("2026-11-14T17:00:00.000Z");
    expect(deadline({ kind: "days_before", days: 1, time: "18:00" }, "2026-11-12")).toBe("2026-11-11T17:00:00.000Z");
  });

  it("is right across the daylight-saving weeks in Paris", () => {
    // « la veille à 10h00 »: the eve is the change day itself.
    expect(deadline(eve, "2026-03-30")).toBe("2026-03-29T08:00:00.000Z");
    expect(deadline(eve, "2026-10-26")).toBe("2026-10-25T09:00:00.000Z");
    // The day before the change and the day after.
    expect(deadline(eve, "2026-03-29")).toBe("2026-03-28T09:00:00.000Z");
    expect(deadline(eve, "2026-10-27")).toBe("2026-10-26T09:00:00.000Z");
    // 6 days before, over the change.
    expect(deadline(defaultBookingRule, "2026-04-02")).toBe("2026-03-27T22:59:00.000Z");
    expect(deadline(defaultBookingRule, "2026-10-28")).toBe("2026-10-22T21:59:00.000Z");
  });

  it("uses the commune's own time zone overseas", () => {
    expect(deadline(eve, "2026-03-30", france, "America/Cayenne")).toBe("2026-03-29T13:00:00.000Z");
    expect(deadline(eve, "2026-03-30", france, "Indian/Reunion")).toBe("2026-03-29T06:00:00.000Z");
    expect(deadline(eve, "2026-10-26", france, "America/Cayenne")).toBe("2026-10-25T13:00:00.000Z");
    expect(deadline(eve, "2026-10-26", france, "Indian/Reunion")).toBe("2026-10-25T06:00:00.000Z");
    expect(deadline(defaultBookingRule, "2027-01-04", france, "Indian/Reunion")).toBe("2026-12-29T19:59:00.000Z");
  });
});

describe("bookingDeadline: days_before, counting open days", () => {
  it("steps over the weekend: 2 working days before a Monday is the Thursday", () => {
    expect(deadline(openDays(2), "2026-11-16")).toBe("2026-11-12T17:00:00.000Z");
    expect(deadline(openDays(1), "2026-11-16")).toBe("2026-11-13T17:00:00.000Z");
    expect(deadline(openDays(1), "2026-11-17")).toBe("2026-11-16T17:00:00.000Z");
    expect(deadline(openDays(5), "2026-11-20")).toBe("2026-11-13T17:00:00.000Z");
  });

  it("steps over a public holiday (11 November 2026, a Wednesday)", () => {
    expect(deadline(openDays(2), "2026-11-12")).toBe("2026-11-09T17:00:00.000Z");
    expect(deadline(openDays(1), "2026-11-12")).toBe("2026-11-10T17:00:00.000Z");
    expect(deadline(openDays(2, "18:00", { excludePublicHolidays: false }), "2026-11-12")).toBe("2026-11-10T17:00:00.000Z");
    // Without a holiday on file, the Wednesday counts.
    expect(deadline(openDays(1), "2026-11-12", noHolidays)).toBe("2026-11-11T17:00:00.000Z");
  });

  it("steps over Easter Monday and the weekend before it (2027-03-29)", () => {
    expect(deadline(openDays(1, "10:00"), "2027-03-30")).toBe("2027-03-26T09:00:00.000Z");
    expect(deadline(openDays(2, "10:00"), "2027-03-30")).toBe("2027-03-25T09:00:00.000Z");
    // The Monday after: Fri 2, Thu 1, Wed 31, Tue 30, (Mon 29 off), Fri 26.
    expect(deadline(openDays(5, "10:00"), "2027-04-05")).toBe("2027-03-26T09:00:00.000Z");
    expect(deadline(openDays(4, "10:00"), "2027-04-05")).toBe("2027-03-30T08:00:00.000Z");
  });

  it("follows the region's public holidays (Good Friday in Moselle)", () => {
    expect(deadline(openDays(1, "10:00"), "2026-04-07", france)).toBe("2026-04-03T08:00:00.000Z");
    expect(deadline(openDays(1, "10:00"), "2026-04-07", moselle)).toBe("2026-04-02T08:00:00.000Z");
    // After Christmas: Sat 26 (a holiday in Moselle too), Fri 25 off → Thursday 24.
    expect(deadline(openDays(1, "10:00"), "2026-12-28", moselle)).toBe("2026-12-24T09:00:00.000Z");
  });

  it("counts only the weekdays the rule does not exclude", () => {
    expect(deadline(openDays(1, "12:00", { excludedWeekdays: [7] }), "2026-11-16")).toBe("2026-11-14T11:00:00.000Z");
    expect(deadline(openDays(2, "12:00", { excludedWeekdays: [3, 6, 7] }), "2026-11-19")).toBe("2026-11-16T11:00:00.000Z");
    // Every weekday excluded cannot be counted: every day counts instead.
    expect(deadline(openDays(2, "12:00", { excludedWeekdays: [1, 2, 3, 4, 5, 6, 7] }), "2026-11-19")).toBe("2026-11-17T11:00:00.000Z");
  });

  it("0 open days is the day itself, even when it is not counted", () => {
    expect(deadline(openDays(0, "08:00"), "2026-11-11")).toBe("2026-11-11T07:00:00.000Z");
  });
});

describe("bookingDeadline: other rules", () => {
  const thursday = { kind: "previous_weekday", weekday: 4, time: "12:00" };
  const wednesdayBefore = { kind: "weekday_of_previous_week", weekday: 3, time: "12:00" };
  const twentieth = { kind: "day_of_previous_month", day: 20, time: "12:00" };

  it("previous_weekday: the last such weekday strictly before the day", () => {
    expect(deadline(thursday, "2026-11-16")).toBe("2026-11-12T11:00:00.000Z");
    expect(deadline(thursday, "2026-11-19")).toBe("2026-11-12T11:00:00.000Z");
    expect(deadline(thursday, "2026-11-20")).toBe("2026-11-19T11:00:00.000Z");
    expect(deadline({ kind: "previous_weekday", weekday: 7, time: "20:00" }, "2026-03-30")).toBe("2026-03-29T18:00:00.000Z");
  });

  it("weekday_of_previous_week: that weekday in the Monday–Sunday week before", () => {
    expect(deadline(wednesdayBefore, "2026-11-16")).toBe("2026-11-11T11:00:00.000Z");
    expect(deadline(wednesdayBefore, "2026-11-18")).toBe("2026-11-11T11:00:00.000Z");
    expect(deadline(wednesdayBefore, "2026-11-22")).toBe("2026-11-11T11:00:00.000Z");
    expect(deadline(wednesdayBefore, "2026-11-23")).toBe("2026-11-18T11:00:00.000Z");
    expect(deadline({ kind: "weekday_of_previous_week", weekday: 7, time: "12:00" }, "2026-11-16")).toBe("2026-11-15T11:00:00.000Z");
    expect(deadline(wednesdayBefore, "2027-01-04")).toBe("2026-12-30T11:00:00.000Z");
  });

  it("day_of_previous_month: day n of the month before", () => {
    expect(deadline(twentieth, "2026-12-05")).toBe("2026-11-20T11:00:00.000Z");
    expect(deadline(twentieth, "2026-12-31")).toBe("2026-11-20T11:00:00.000Z");
    expect(deadline(twentieth, "2027-01-15")).toBe("2026-12-20T11:00:00.000Z");
    expect(deadline(twentieth, "2026-07-01")).toBe("2026-06-20T10:00:00.000Z");
  });

  it("day_of_previous_month: clamped to the last day of a short month", () => {
    const last = { kind: "day_of_previous_month", day: 31, time: "12:00" };
    expect(deadline(last, "2026-03-10")).toBe("2026-02-28T11:00:00.000Z");
    expect(deadline(last, "2028-03-10")).toBe("2028-02-29T11:00:00.000Z");
    expect(deadline({ kind: "day_of_previous_month", day: 30, time: "12:00" }, "2027-03-01")).toBe("2027-02-28T11:00:00.000Z");
    expect(deadline(last, "2026-05-05")).toBe("2026-04-30T10:00:00.000Z");
    expect(deadline(last, "2026-02-01")).toBe("2026-01-31T11:00:00.000Z");
  });

  it("none: never open", () => {
    const none = rule({ kind: "none" });
    expect(bookingDeadline(none, "2030-01-01", france, paris)).toEqual(CLOSED_SINCE);
    expect(bookingDeadline(none, "2030-01-01", france, paris).getTime()).toBeLessThan(Date.UTC(2000, 0, 1));
    expect(isOpen(none, "2030-01-01", france, paris, new Date("2020-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("isOpen", () => {
  it("is open up to and including the deadline instant", () => {
    const r = rule(eve);
    const at = new Date("2026-03-29T08:00:00.000Z");
    expect(isOpen(r, "2026-03-30", france, paris, new Date(at.getTime() - 60_000))).toBe(true);
    expect(isOpen(r, "2026-03-30", france, paris, at)).toBe(true);
    expect(isOpen(r, "2026-03-30", france, paris, new Date(at.getTime() + 1))).toBe(false);
    // 09:30 in Paris that morning is past 10:00 CET but not 10:00 CEST: closed, since 08:00Z.
    expect(isOpen(r, "2026-03-30", france, paris, new Date("2026-03-29T08:30:00Z"))).toBe(false);
    expect(isOpen(r, "2026-03-30", france, "America/Cayenne", new Date("2026-03-29T08:30:00Z"))).toBe(true);
  });
});

describe("describeRule", () => {
  it("says the rule in plain French", () => {
    expect(describeRule(rule(openDays(2)), "booking")).toBe("jusqu'à 2 jours ouvrés avant, 18h00");
    expect(describeRule(rule(openDays(1, "09:30")), "booking")).toBe("jusqu'à 1 jour ouvré avant, 09h30");
    expect(describeRule(rule(defaultBookingRule), "booking")).toBe("jusqu'à 6 jours avant, 23h59");
    expect(describeRule(rule(eve), "booking")).toBe("jusqu'à la veille, 10h00");
    expect(describeRule(rule({ kind: "days_before", days: 0, time: "08:00" }), "cancel")).toBe("jusqu'au jour même, 08h00");
    expect(describeRule(rule({ kind: "previous_weekday", weekday: 4, time: "12:00" }), "booking")).toBe("jusqu'au jeudi précédent, 12h00");
    expect(describeRule(rule({ kind: "weekday_of_previous_week", weekday: 3, time: "12:00" }), "booking")).toBe(
      "jusqu'au mercredi de la semaine précédente, 12h00",
    );
    expect(describeRule(rule({ kind: "day_of_previous_month", day: 20, time: "12:00" }), "booking")).toBe(
      "jusqu'au 20 du mois précédent, 12h00",
    );
    expect(describeRule(rule({ kind: "day_of_previous_month", day: 1, time: "12:00" }), "booking")).toBe(
      "jusqu'au 1er du mois précédent, 12h00",
    );
  });

  it("covers cancelling: impossible online, or as for booking", () => {
    expect(describeRule(rule({ kind: "none" }), "cancel")).toBe("annulation en ligne impossible");
    expect(describeRule(rule({ kind: "none" }), "booking")).toBe("réservation en ligne impossible");
    expect(describeRule(null, "cancel")).toBe("comme pour la réservation");
  });
});

describe("defaultBookingRule", () => {
  it("is a valid rule: 6 calendar days before, 23:59", () => {
    expect(deadlineRuleSchema.parse(defaultBookingRule)).toEqual(defaultBookingRule);
    expect(defaultBookingRule).toMatchObject({ kind: "days_before", days: 6, time: "23:59", counting: "all" });
  });
});
