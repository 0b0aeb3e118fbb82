import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bookingOpenings, bookings, calendarPeriods, enrolments, occurrences } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { previewTypicalWeek, typicalWeekPeriods, type PeriodKey } from "@/server/domain/booking/typical-week";
import type { Actor } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { BOOKING_NOW, book, demoIds, scopeOf } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  const j = d.jolieville.id;
  await withTenant(j, async (tx) => {
    // A full Monday, a fortnight of January not open yet, and a teachers' day off.
    await tx.insert(occurrences).values({ tenantId: j, activityId: d.ids.Cantine!, date: "2026-12-14", capacity: 0 });
    await tx.insert(bookingOpenings).values({ tenantId: j, activityId: d.ids.Cantine!, fromDate: "2027-01-04", toDate: "2027-01-15", opensAt: new Date("2026-12-15T08:00:00Z") });
    await tx.insert(calendarPeriods).values({ tenantId: j, kind: "closure", label: "Journée pédagogique", startDate: "2027-02-01", endDate: "2027-02-01" });
  });
  await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: "2026-12-07", action: "book" }]);
});

const periods = (tenant: Tenant, activityId: string) => withTenant(tenant.id, (tx) => typicalWeekPeriods(scopeOf(tx, tenant, undefined, BOOKING_NOW), { activityId }));
const preview = (actor: Actor, childId: string, weekdays: number[], periodKey: PeriodKey, activityId = d.ids.Cantine!, tenant = d.jolieville) =>
  withTenant(tenant.id, (tx) => previewTypicalWeek(scopeOf(tx, tenant, actor, BOOKING_NOW), { childId, activityId, weekdays, periodKey }));

describe("the periods a typical week is offered", () => {
  it("are this month, next month, this term and the next one (from the commune's holidays) and the rest of the year", async () => {
    expect(await periods(d.jolieville, d.ids.Cantine!)).toEqual([
      { key: "this_month", from: "2026-11-25", to: "2026-11-30", label: "Ce mois-ci (jusqu'au 30 nov.)" },
      { key: "next_month", from: "2026-12-01", to: "2026-12-31", label: "Décembre 2026" },
      { key: "this_term", from: "2026-11-25", to: "2026-12-18", label: "Jusqu'aux vacances (18 déc.)" },
      { key: "next_term", from: "2027-01-04", to: "2027-02-05", label: "Après les vacances (4 janv. – 5 févr.)" },
      { key: "rest_of_year", from: "2026-11-25", to: "2027-07-02", label: "Reste de l'année scolaire (jusqu'au 2 juil. 2027)" },
    ]);
  });

  it("are the coming holidays for an activity that runs in the holidays", async () => {
    const list = await periods(d.valFleuri, d.ids["vf:Centre de loisirs des vacances"]!);
    expect(list.map((p) => p.key)).toEqual(["this_month", "next_month", "next_term", "rest_of_year"]);
    expect(list.find((p) => p.key === "next_term")).toEqual({
      key: "next_term",
      from: "2026-12-19",
      to: "2027-01-03",
      label: "Vacances de Noël (19 déc. – 3 janv.)",
    });
  });
});

describe("previewing a typical week", () => {
  it("books the open days and skips, with the reason, holidays, public holidays, closures, full days, days past the deadline and days not open yet", async () => {
    const result = await preview(d.parent, d.ids.Sarah!, [1], "rest_of_year");
    expect(result.period).toMatchObject({ from: "2026-11-25", to: "2027-07-02" });
    expect(result.alreadyBooked).toEqual(["2026-12-07"]);
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.date, s.reason]));
    expect(reasons).toEqual({
      "2026-11-30": "Délai dépassé (jusqu'au 24/11/2026 à 23:59)",
      "2026-12-14": messages.typicalWeek.full,
      "2026-12-21": "Vacances scolaires : Vacances de Noël",
      "2026-12-28": "Vacances scolaires : Vacances de Noël",
      "2027-01-04": "Ouverture des réservations le 15/12/2026 à 09:00",
      "2027-01-11": "Ouverture des réservations le 15/12/2026 à 09:00",
      "2027-02-01": "Fermé : Journée pédagogique",
      "2027-02-08": "Vacances scolaires : Vacances d'hiver",
      "2027-02-15": "Vacances scolaires : Vacances d'hiver",
      "2027-03-29": "Jour férié : Lundi de Pâques",
      "2027-04-05": "Vacances scolaires : Vacances de printemps",
      "2027-04-12": "Vacances scolaires : Vacances de printemps",
      "2027-05-17": "Jour férié : Lundi de Pentecôte",
    });
    expect(result.toBook).not.toContain("2026-12-07");
    expect(result.toBook.every((day) => !(day in reasons))).toBe(true);
    // Every Monday of the range is in exactly one list.
    const mondays = result.toBook.length + result.skipped.length + result.alreadyBooked.length;
    expect(mondays).toBe(31);
    expect(result.toBook.slice(0, 3)).toEqual(["2027-01-18", "2027-01-25", "2027-02-22"]);
  });

  it("books exactly what it showed, and then shows those days as already booked", async () => {
    const shown = await preview(d.parent, d.ids.Sarah!, [1], "rest_of_year");
    const outcomes = await book(d.jolieville, d.parent, shown.toBook.map((date) => ({ childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date, action: "book" as const })));
    expect(outcomes.filter((o) => o.result === "confirmed").map((o) => o.date)).toEqual(shown.toBook);
    expect(outcomes.every((o) => o.result === "confirmed" && o.unitPriceCents !== null)).toBe(true);
    const live = await withPlatform((tx) =>
      tx
        .select({ date: bookings.date })
        .from(bookings)
        .where(and(eq(bookings.childId, d.ids.Sarah!), eq(bookings.activityId, d.ids.Cantine!), inArray(bookings.status, ["confirmed", "held"])))
        .orderBy(bookings.date),
    );
    expect(live.map((b) => b.date)).toEqual(["2026-12-07", ...shown.toBook].sort());
    const again = await preview(d.parent, d.ids.Sarah!, [1], "rest_of_year");
    expect(again.toBook).toEqual([]);
    expect(again.alreadyBooked).toEqual(["2026-12-07", ...shown.toBook].sort());
  });

  it("offers nothing in a month whose days are all past the deadline", async () => {
    const result = await preview(d.parent, d.ids["Chloé"]!, [1, 2, 4, 5], "this_month");
    expect(result.toBook).toEqual([]);
    expect(result.skipped.map((s) => s.date)).toEqual(["2026-11-26", "2026-11-27", "2026-11-30"]);
  });

  it("refuses a period the activity does not offer, naming the field", async () => {
    await expect(preview(d.parentValFleuri, d.ids.Louise!, [1], "this_term", d.ids["vf:Centre de loisirs des vacances"]!, d.valFleuri)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "periodKey",
    });
  });

  it("never previews another family's child", async () => {
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    await expect(voisin.reservations.previewTypicalWeek({ childId: d.ids.Sarah!, activityId: d.ids.Cantine!, weekdays: [1], periodKey: "next_month" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("a holiday centre's typical week in June", () => {
  const june = new Date("2027-06-14T08:00:00Z");
  const vacances = () => d.ids["vf:Centre de loisirs des vacances"]!;

  beforeAll(async () => {
    await withTenant(d.valFleuri.id, (tx) => tx.insert(enrolments).values({ tenantId: d.valFleuri.id, childId: d.ids.Louise!, activityId: vacances(), status: "accepted" }));
  });

  it("offers the summer holidays, up to the activity's last day, not the school year's end", async () => {
    const list = await withTenant(d.valFleuri.id, (tx) => typicalWeekPeriods(scopeOf(tx, d.valFleuri, undefined, june), { activityId: vacances() }));
    expect(list.find((p) => p.key === "next_term")).toEqual({ key: "next_term", from: "2027-07-03", to: "2027-08-31", label: "Vacances d'été (3 juil. – 31 août)" });
    expect(list.find((p) => p.key === "rest_of_year")).toMatchObject({ from: "2027-06-14", to: "2027-08-31" });
  });

  it("books the summer's days with it", async () => {
    const result = await withTenant(d.valFleuri.id, (tx) =>
      previewTypicalWeek(scopeOf(tx, d.valFleuri, d.parentValFleuri, june), { childId: d.ids.Louise!, activityId: vacances(), weekdays: [1, 2, 3, 4, 5], periodKey: "next_term" }),
    );
    expect(result.period).toMatchObject({ from: "2027-07-03", to: "2027-08-31" });
    expect(result.toBook).toContain("2027-07-05");
    expect(result.toBook).toContain("2027-08-31");
  });
});
