import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bookings, calendarPeriods, enrolments, schoolYears, tenants } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../fixtures/demo";
import { book, demoIds } from "../../fixtures/demo-ids";
import { callHttp } from "../../fixtures/http";

const ADMIN = "admin@jolieville.test";
let d: Awaited<ReturnType<typeof demoIds>>;
let jYear: string;
let vfYear: string;

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  const years = await withPlatform((tx) => tx.select().from(schoolYears));
  jYear = years.find((y) => y.tenantId === d.jolieville.id)!.id;
  vfYear = years.find((y) => y.tenantId === d.valFleuri.id)!.id;
});

/** Both calendar tables and the tenants: to show a refused call wrote nothing. */
const snapshot = () =>
  withPlatform(async (tx) => ({
    years: await tx.select().from(schoolYears).orderBy(schoolYears.tenantId, schoolYears.label),
    periods: await tx.select().from(calendarPeriods).orderBy(calendarPeriods.tenantId, calendarPeriods.id),
    tenants: await tx.select().from(tenants).orderBy(tenants.slug),
  }));

const jolievilleYear = { schoolYearId: "", label: "2026-2027", startDate: "2026-09-01", endDate: "2027-07-02" };
const editYear = (patch: Partial<typeof jolievilleYear>, commune = "jolieville", as = ADMIN) =>
  callHttp("calendar.updateSchoolYear", { ...jolievilleYear, schoolYearId: jYear, ...patch }, { as, commune });

describe("editing a school year", () => {
  beforeAll(async () => {
    await book(d.jolieville, d.agent, [{ childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: "2026-12-07", action: "book" }]);
  });

  it("changes its label and dates", async () => {
    const admin = await callerAs(ADMIN, "jolieville");
    const edited = await admin.calendar.updateSchoolYear({ ...jolievilleYear, schoolYearId: jYear, label: " Année 2026-2027 ", endDate: "2027-07-03" });
    expect(edited).toEqual({ id: jYear, label: "Année 2026-2027", startDate: "2026-09-01", endDate: "2027-07-03", summerEnd: "2027-08-31" });
    expect((await admin.calendar.schoolYear({ schoolYearId: jYear })).label).toBe("Année 2026-2027");
    await admin.calendar.updateSchoolYear({ ...jolievilleYear, schoolYearId: jYear });
  });

  it.each([
    ["a start after a booking", { startDate: "2026-12-08" }, "startDate", "Date de début : 1 réservation tombe avant cette date (la première le 7 décembre 2026)"],
    ["an end before a booking", { endDate: "2026-12-10" }, "endDate", "Date de fin : 1 réservation tombe après la fin de l'année ainsi modifiée (la dernière le 16 décembre 2026)"],
    ["an end before the start", { endDate: "2026-08-31" }, "endDate", messages.calendar.endBeforeStart],
    ["an impossible date", { startDate: "2026-09-31" }, "startDate", "Date de début"],
  ])("refuses %s in French naming the field, and writes nothing", async (_, patch, field, text) => {
    const before = await snapshot();
    const { status, error } = await editYear(patch);
    expect(status).toBe(400);
    expect(error?.data).toMatchObject({ code: "BAD_REQUEST" });
    expect(error?.message).toContain(text);
    expect(error?.data.field ?? Object.keys(error?.data.fieldErrors ?? {})[0]).toBe(field);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a label or dates another year already has", async () => {
    const admin = await callerAs(ADMIN, "jolieville");
    const next = await admin.calendar.createSchoolYear({ label: "2027-2028", startDate: "2027-09-01", endDate: "2028-07-07" });
    const before = await snapshot();
    const taken = await editYear({ label: "2027-2028" });
    expect(taken).toMatchObject({ status: 409, error: { message: messages.calendar.yearLabelTaken, data: { field: "label" } } });
    const overlap = await editYear({ endDate: "2027-09-15" });
    expect(overlap.error).toMatchObject({ message: messages.calendar.yearOverlaps("2027-2028"), data: { field: "startDate" } });
    expect(await snapshot()).toEqual(before);
    await withTenant(d.jolieville.id, (tx) => tx.delete(schoolYears).where(and(eq(schoolYears.tenantId, d.jolieville.id), eq(schoolYears.id, next.schoolYear.id))));
  });

  it("keeps a holiday centre's summer bookings inside its year when the next year is created or moved", async () => {
    const vacances = d.ids["vf:Centre de loisirs des vacances"]!;
    await withTenant(d.valFleuri.id, (tx) => tx.insert(enrolments).values({ tenantId: d.valFleuri.id, childId: d.ids.Louise!, activityId: vacances, status: "accepted" }));
    const vfAdmin = { userId: d.agent.userId, role: "staff" as const, householdIds: [], staffRoles: [] };
    const [summer] = await book(d.valFleuri, vfAdmin, [{ childId: d.ids.Louise!, activityId: vacances, date: "2027-07-15", action: "book" }], new Date("2027-03-02T08:00:00Z"));
    expect(summer!.result).toBe("confirmed");
    const before = await snapshot();
    const early = await callHttp("calendar.createSchoolYear", { label: "2027-2028", startDate: "2027-07-12", endDate: "2028-07-07" }, { as: "admin@val-fleuri.test", commune: "val-fleuri" });
    expect(early.error).toMatchObject({
      message: "Date de début : 1 réservation de l'été de l'année 2026-2027 tomberait dans cette année (la dernière le 15 juillet 2027). Annulez-les d'abord ou choisissez une date de début postérieure.",
      data: { code: "BAD_REQUEST", field: "startDate" },
    });
    expect(await snapshot()).toEqual(before);
    const vf = await callerAs("admin@val-fleuri.test", "val-fleuri");
    const next = await vf.calendar.createSchoolYear({ label: "2027-2028", startDate: "2027-09-01", endDate: "2028-07-07" });
    const moved = await callHttp("calendar.updateSchoolYear", { schoolYearId: next.schoolYear.id, label: "2027-2028", startDate: "2027-07-05", endDate: "2028-07-07" }, { as: "admin@val-fleuri.test", commune: "val-fleuri" });
    expect(moved.error?.data.field).toBe("startDate");
    await withTenant(d.valFleuri.id, (tx) => tx.delete(bookings).where(and(eq(bookings.tenantId, d.valFleuri.id), eq(bookings.activityId, vacances))));
  });

  it("is NOT_FOUND for another commune's year, and for the front desk", async () => {
    const before = await snapshot();
    expect((await editYear({ schoolYearId: vfYear })).error?.data.code).toBe("NOT_FOUND");
    expect((await editYear({}, "jolieville", "agent@jolieville.test")).error?.data.code).toBe("NOT_FOUND");
    expect(await snapshot()).toEqual(before);
  });
});

describe("the public-holiday region", () => {
  it("shows the commune's zone, time zone and region, with the regions to choose from", async () => {
    const settings = await (await callerAs(ADMIN, "jolieville")).calendar.settings();
    expect(settings).toMatchObject({ holidayZone: "C", timeZone: "Europe/Paris", publicHolidayRegion: "FR", regionLabel: "Métropole" });
    expect(settings.regions.map((r) => r.value)).toEqual(["FR", "FR-57", "FR-67", "FR-68", "FR-GP", "FR-MQ", "FR-GF", "FR-RE", "FR-YT"]);
  });

  it("in Moselle, disables 26 December and Good Friday in the planning, and cancels what was booked on them", async () => {
    const admin = await callerAs(ADMIN, "jolieville");
    // A Saturday club, to see 26 December 2026 (a Saturday) in a planning.
    const samedi = await admin.activities.create({
      siteId: d.ids["Accueil de loisirs Jules Verne"]!,
      schoolYearId: jYear,
      service: "mercredi",
      name: "Club du samedi",
      unit: "day",
      weekdays: [6],
      runsOn: "all",
      capacity: 12,
      bookingRule: { kind: "days_before", days: 1, time: "12:00", counting: "all" },
      cancelRule: null,
    });
    await withTenant(d.jolieville.id, (tx) => tx.insert(enrolments).values({ tenantId: d.jolieville.id, childId: d.ids.Sarah!, activityId: samedi.id, status: "accepted" }));
    await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: "2027-03-26", action: "book" }]);

    const disabled = async () => {
      const parent = await callerAs("parent@recre.test", "jolieville");
      const days = [
        ...(await parent.reservations.planning({ childId: d.ids.Sarah!, from: "2026-12-21", to: "2026-12-27" })).activities,
        ...(await parent.reservations.planning({ childId: d.ids.Sarah!, from: "2027-03-22", to: "2027-03-28" })).activities,
      ].flatMap((a) =>
        a.days.filter((day) => ["2026-12-26", "2027-03-26"].includes(day.date) && day.runs && day.reason).map((day) => `${a.name} ${day.date} ${day.reasonText}`),
      );
      return days.sort();
    };
    expect(await disabled()).toEqual([]);
    expect(await admin.calendar.regionImpact({ publicHolidayRegion: "FR-57" })).toEqual({ bookings: 1, waitlisted: 0 });

    expect(await admin.calendar.setPublicHolidayRegion({ publicHolidayRegion: "FR-57" })).toEqual({ cancelled: 1 });
    expect(await disabled()).toEqual([
      "Cantine 2027-03-26 Jour férié : Vendredi saint",
      "Club du samedi 2026-12-26 Jour férié : Lendemain de Noël",
    ]);
    const [cancelled] = await withPlatform((tx) =>
      tx.select().from(bookings).where(and(eq(bookings.childId, d.ids.Sarah!), eq(bookings.activityId, d.ids.Cantine!), eq(bookings.date, "2027-03-26"))),
    );
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Jour férié : Vendredi saint" });
    const settings = await admin.calendar.settings();
    expect(settings).toMatchObject({ publicHolidayRegion: "FR-57", regionLabel: "Moselle" });
    expect((await admin.calendar.schoolYear({ schoolYearId: jYear })).publicHolidays).toEqual(
      expect.arrayContaining([
        { date: "2026-12-26", name: "Lendemain de Noël" },
        { date: "2027-03-26", name: "Vendredi saint" },
      ]),
    );
    await admin.calendar.setPublicHolidayRegion({ publicHolidayRegion: "FR" });
    expect(await disabled()).toEqual([]);
  });

  it("refuses an unknown region naming the field, and lets neither the front desk nor another commune change it", async () => {
    const before = await snapshot();
    const unknown = await callHttp("calendar.setPublicHolidayRegion", { publicHolidayRegion: "FR-75" }, { as: ADMIN, commune: "jolieville" });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.message).toBe(`${messages.fields.publicHolidayRegion} : ${messages.calendar.regionUnknown}`);
    const agent = await callHttp("calendar.setPublicHolidayRegion", { publicHolidayRegion: "FR-57" }, { as: "agent@jolieville.test", commune: "jolieville" });
    expect(agent.error?.data.code).toBe("NOT_FOUND");
    const elsewhere = await callHttp("calendar.setPublicHolidayRegion", { publicHolidayRegion: "FR-57" }, { as: ADMIN, commune: "val-fleuri" });
    expect(elsewhere.error?.data.code).toBe("NOT_FOUND");
    expect(await snapshot()).toEqual(before);
  });

  it("is chosen by the operator when a commune is created", async () => {
    const operator = await callerAs("operateur@recre.test");
    const created = await operator.platform.createTenant({
      name: "Sarreguemines",
      slug: "sarreguemines",
      holidayZone: "B",
      timeZone: "Europe/Paris",
      publicHolidayRegion: "FR-57",
      billingMode: "invoice",
      adminEmail: "mairie@sarreguemines.test",
      adminName: "Anne Weber",
    });
    expect(created.publicHolidayRegion).toBe("FR-57");
    const listed = (await operator.platform.tenants()).find((t) => t.slug === "sarreguemines");
    expect(listed).toMatchObject({ publicHolidayRegion: "FR-57", timeZone: "Europe/Paris" });
    const refused = await callHttp(
      "platform.createTenant",
      { name: "Nulle-Part", slug: "nulle-part", holidayZone: "A", timeZone: "Europe/Paris", publicHolidayRegion: "XX", billingMode: "invoice", adminEmail: "a@b.test", adminName: "Anne Nul" },
      { as: "operateur@recre.test" },
    );
    expect(refused.error?.data.fieldErrors.publicHolidayRegion).toContain(messages.fields.publicHolidayRegion);
  });
});
