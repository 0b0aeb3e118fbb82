import { readFileSync } from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { calendarPeriods, schoolYears } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { loadCalendar } from "@/server/domain/calendar/school-calendar";
import { messages } from "@/common/messages";
import { callerAs, loadDemo, tenantId } from "../../fixtures/demo";
import { callHttp } from "../../fixtures/http";

const ADMIN = "admin@jolieville.test";
const AGENT = "agent@jolieville.test";
const PARENT = "parent@recre.test";
const csv = readFileSync(path.join(import.meta.dirname, "../../fixtures/calendrier-scolaire-2026-2027.csv"), "utf8");

let jolieville: string;
let valFleuri: string;

beforeAll(async () => {
  await loadDemo();
  jolieville = await tenantId("jolieville");
  valFleuri = await tenantId("val-fleuri");
});

/** Every row of both calendar tables, per commune: to show a refused call wrote nothing. */
async function snapshot() {
  return withPlatform(async (tx) => ({
    years: await tx.select().from(schoolYears).orderBy(schoolYears.tenantId, schoolYears.label),
    periods: await tx.select().from(calendarPeriods).orderBy(calendarPeriods.tenantId, calendarPeriods.startDate, calendarPeriods.label),
  }));
}

const codeOf = (promise: Promise<unknown>) => promise.then(() => "ok", (e: { code?: string }) => e.code ?? "?");

describe("calendar: school years", () => {
  it("creates 2025-2026 pre-filled with the zone C holidays of the shipped dataset, its summer included", async () => {
    const admin = await callerAs(ADMIN, "jolieville");
    const created = await admin.calendar.createSchoolYear({ label: " 2025-2026 ", startDate: "2025-09-01", endDate: "2026-07-03" });
    expect(created).toMatchObject({
      schoolYear: { label: "2025-2026", startDate: "2025-09-01", endDate: "2026-07-03" },
      prefilled: 5,
      officialDataAvailable: true,
    });

    const year = await admin.calendar.schoolYear({ schoolYearId: created.schoolYear.id });
    expect(year.officialDataAvailable).toBe(true);
    expect(year.periods.map((p) => [p.label, p.startDate, p.endDate, p.source])).toEqual([
      ["Vacances de la Toussaint", "2025-10-18", "2025-11-02", "official"],
      ["Vacances de Noël", "2025-12-20", "2026-01-04", "official"],
      ["Vacances d'hiver", "2026-02-21", "2026-03-08", "official"],
      ["Vacances de printemps", "2026-04-18", "2026-05-03", "official"],
      ["Vacances d'été", "2026-07-04", "2026-08-30", "official"],
    ]);
    expect(year.summerEnd).toBe("2026-08-31");
    expect(year.publicHolidays).toContainEqual({ date: "2025-11-11", name: "Armistice 1918" });
    // Through the summer: 14 July and 15 August close the holiday centres.
    expect(year.publicHolidays).toHaveLength(11);

    const years = await admin.calendar.schoolYears();
    expect(years.map((y) => [y.label, y.officialDataAvailable])).toEqual([
      ["2026-2027", false],
      ["2025-2026", true],
    ]);
  });

  it("creates a year the dataset does not cover with nothing pre-filled", async () => {
    const admin = await callerAs(ADMIN, "jolieville");
    const created = await admin.calendar.createSchoolYear({ label: "2027-2028", startDate: "2027-09-01", endDate: "2028-07-07" });
    expect(created).toMatchObject({ prefilled: 0, officialDataAvailable: false });
    expect((await admin.calendar.schoolYear({ schoolYearId: created.schoolYear.id })).periods).toEqual([]);
  });

  it("refuses a label already used, in French, and writes nothing", async () => {
    const before = await snapshot();
    const { status, error } = await callHttp(
      "calendar.createSchoolYear",
      { label: "2026-2027", startDate: "2026-09-01", endDate: "2027-07-02" },
      { as: ADMIN, commune: "jolieville" },
    );
    expect(status).toBe(409);
    expect(error).toMatchObject({ message: messages.calendar.yearLabelTaken, data: { code: "CONFLICT", field: "label" } });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["an impossible date", { startDate: "2026-02-30" }, "startDate", "Date de début"],
    ["a malformed date", { endDate: "07/07/2027" }, "endDate", "Date de fin"],
    ["an empty label", { label: "   " }, "label", "Libellé"],
  ])("refuses %s with BAD_REQUEST naming the field in French, and writes nothing", async (_, input, field, label) => {
    const before = await snapshot();
    const { status, error } = await callHttp(
      "calendar.createSchoolYear",
      { label: "2028-2029", startDate: "2028-09-01", endDate: "2029-07-06", ...input },
      { as: ADMIN, commune: "jolieville" },
    );
    expect(status).toBe(400);
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(error?.data.fieldErrors[field]).toContain(label);
    expect(error?.message).toContain(label);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an end before the start, naming the end date", async () => {
    const before = await snapshot();
    const { status, error } = await callHttp(
      "calendar.createSchoolYear",
      { label: "2028-2029", startDate: "2029-07-06", endDate: "2028-09-01" },
      { as: ADMIN, commune: "jolieville" },
    );
    expect(status).toBe(400);
    expect(error).toMatchObject({ message: messages.calendar.endBeforeStart, data: { code: "BAD_REQUEST", field: "endDate" } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("calendar: periods", () => {
  it("adds, edits and deletes a closure day", async () => {
    const admin = await callerAs(ADMIN, "jolieville");
    const added = await admin.calendar.addPeriod({ kind: "closure", label: "Pont du 11 novembre", startDate: "2026-11-10", endDate: "2026-11-10" });
    expect(added).toMatchObject({ kind: "closure", source: "manual", startDate: "2026-11-10", endDate: "2026-11-10" });
    const updated = await admin.calendar.updatePeriod({
      periodId: added.id,
      kind: "closure",
      label: "Fermeture exceptionnelle",
      startDate: "2026-11-09",
      endDate: "2026-11-10",
    });
    expect(updated).toMatchObject({ id: added.id, label: "Fermeture exceptionnelle", startDate: "2026-11-09" });
    const listed = await admin.calendar.periods({ from: "2026-11-01", to: "2026-11-30" });
    expect(listed.map((p) => p.label)).toEqual(["Vacances de la Toussaint", "Fermeture exceptionnelle"]);
    await admin.calendar.deletePeriod({ periodId: added.id });
    expect(await codeOf(admin.calendar.deletePeriod({ periodId: added.id }))).toBe("NOT_FOUND");
  });

  it("an edited official period becomes manual", async () => {
    const admin = await callerAs(ADMIN, "jolieville");
    const [noel] = (await admin.calendar.periods({ from: "2026-12-25", to: "2026-12-25" })).filter((p) => p.source === "official");
    const edited = await admin.calendar.updatePeriod({ periodId: noel!.id, kind: "holiday", label: noel!.label, startDate: "2026-12-19", endDate: "2027-01-04" });
    expect(edited.source).toBe("manual");
    // Put it back as the seed had it, official.
    await withTenant(jolieville, (tx) =>
      tx
        .update(calendarPeriods)
        .set({ source: "official", endDate: "2027-01-03" })
        .where(and(eq(calendarPeriods.tenantId, jolieville), eq(calendarPeriods.id, noel!.id))),
    );
  });

  it("refuses bad periods in French and writes nothing", async () => {
    const before = await snapshot();
    const call = (input: object) =>
      callHttp("calendar.addPeriod", { kind: "closure", label: "Fermeture", startDate: "2026-11-10", endDate: "2026-11-10", ...input }, { as: ADMIN, commune: "jolieville" });
    const reversed = await call({ startDate: "2026-11-12", endDate: "2026-11-10" });
    expect(reversed.error).toMatchObject({ message: messages.calendar.endBeforeStart, data: { code: "BAD_REQUEST", field: "endDate" } });
    const impossible = await call({ endDate: "2026-11-31" });
    expect(impossible.error?.data.fieldErrors.endDate).toContain("Date de fin");
    const kind = await call({ kind: "vacances" });
    expect(kind.error?.data.fieldErrors.kind).toContain("Type");
    const tooLong = await call({ endDate: "2028-01-01" });
    expect(tooLong.error).toMatchObject({ message: messages.calendar.tooLong, data: { field: "endDate" } });
    expect(await snapshot()).toEqual(before);
  });

  it("builds the school calendar used by bookings from stored periods and public holidays", async () => {
    const calendar = await withTenant(jolieville, (tx) =>
      loadCalendar(tx, { id: jolieville, publicHolidayRegion: "FR" }, "2025-09-01", "2026-07-03"),
    );
    expect(calendar.schoolHoliday("2025-12-20")).toBe("Vacances de Noël");
    expect(calendar.schoolHoliday("2026-01-05")).toBeNull();
    expect(calendar.publicHoliday("2025-12-25")).toBe("Noël");
    expect(calendar.closure("2025-12-20")).toBeNull();
  });
});

describe("calendar: import", () => {
  it("replaces official and imported holidays of the year, keeps manual ones", async () => {
    const admin = await callerAs(ADMIN, "jolieville");
    const manual = await admin.calendar.addPeriod({ kind: "holiday", label: "Vacances de la Toussaint (centre fermé)", startDate: "2026-10-17", endDate: "2026-10-18" });
    const closure = await admin.calendar.addPeriod({ kind: "closure", label: "Journée pédagogique", startDate: "2027-03-12", endDate: "2027-03-12" });
    const previousYear = await admin.calendar.periods({ from: "2025-09-01", to: "2026-07-03" });

    const result = await admin.calendar.importPeriods({ file: csv });
    expect(result).toEqual({ imported: 6, replaced: 5, schoolYears: ["2026-2027"], cancelled: 0 });
    const periods = await admin.calendar.periods({ from: "2026-09-01", to: "2027-08-31" });
    expect(periods.map((p) => [p.kind, p.label, p.startDate, p.endDate, p.source])).toEqual([
      ["holiday", "Vacances de la Toussaint (centre fermé)", "2026-10-17", "2026-10-18", "manual"],
      ["holiday", "Vacances de la Toussaint", "2026-10-17", "2026-11-01", "import"],
      ["holiday", "Vacances de Noël", "2026-12-19", "2027-01-03", "import"],
      ["holiday", "Vacances d'Hiver", "2027-02-06", "2027-02-21", "import"],
      ["closure", "Journée pédagogique", "2027-03-12", "2027-03-12", "manual"],
      ["holiday", "Vacances de Printemps", "2027-04-03", "2027-04-18", "import"],
      ["holiday", "Pont de l'Ascension", "2027-05-05", "2027-05-09", "import"],
      ["holiday", "Vacances d'Été", "2027-07-03", "2027-08-31", "import"],
    ]);
    expect(periods.map((p) => p.id)).toEqual(expect.arrayContaining([manual.id, closure.id]));
    // Another school year is left alone.
    expect(await admin.calendar.periods({ from: "2025-09-01", to: "2026-07-03" })).toEqual(previousYear);

    // Importing again replaces the import, and does not pile it up.
    expect(await admin.calendar.importPeriods({ file: csv })).toEqual({ imported: 6, replaced: 6, schoolYears: ["2026-2027"], cancelled: 0 });
    expect(await admin.calendar.periods({ from: "2026-09-01", to: "2027-08-31" })).toHaveLength(8);
    // Val-Fleuri's calendar is untouched.
    const vf = await withTenant(valFleuri, (tx) =>
      tx.select({ n: count() }).from(calendarPeriods).where(eq(calendarPeriods.tenantId, valFleuri)),
    );
    expect(vf[0]!.n).toBe(5);
  });

  it("refuses a file it cannot read, naming the file field in French, and writes nothing", async () => {
    const before = await snapshot();
    const unreadable = await callHttp("calendar.importPeriods", { file: "ceci n'est pas un calendrier" }, { as: ADMIN, commune: "jolieville" });
    expect(unreadable.status).toBe(400);
    expect(unreadable.error).toMatchObject({ message: messages.calendar.unreadableFile, data: { code: "BAD_REQUEST", field: "file" } });
    const otherZone = await callHttp("calendar.importPeriods", { file: csv.replace(/Zone C/g, "Zone B") }, { as: ADMIN, commune: "jolieville" });
    expect(otherZone.error).toMatchObject({ message: messages.calendar.nothingForZone("C"), data: { code: "BAD_REQUEST", field: "file" } });
    const empty = await callHttp("calendar.importPeriods", { file: "" }, { as: ADMIN, commune: "jolieville" });
    expect(empty.error?.data.fieldErrors.file).toContain("Fichier");
    expect(await snapshot()).toEqual(before);
  });
});

describe("calendar: access", () => {
  it("an admin of Jolieville gets NOT_FOUND on Val-Fleuri, and cannot reach its periods by id", async () => {
    const before = await snapshot();
    const vfPeriod = before.periods.find((p) => p.tenantId === valFleuri)!;
    const vfYear = before.years.find((y) => y.tenantId === valFleuri)!;
    const onValFleuri = await callerAs(ADMIN, "val-fleuri");
    expect(await codeOf(onValFleuri.calendar.schoolYears())).toBe("NOT_FOUND");
    expect(await codeOf(onValFleuri.calendar.createSchoolYear({ label: "2030-2031", startDate: "2030-09-01", endDate: "2031-07-04" }))).toBe("NOT_FOUND");
    expect(await codeOf(onValFleuri.calendar.importPeriods({ file: csv }))).toBe("NOT_FOUND");
    const onJolieville = await callerAs(ADMIN, "jolieville");
    expect(await codeOf(onJolieville.calendar.schoolYear({ schoolYearId: vfYear.id }))).toBe("NOT_FOUND");
    expect(await codeOf(onJolieville.calendar.deletePeriod({ periodId: vfPeriod.id }))).toBe("NOT_FOUND");
    expect(await codeOf(onJolieville.calendar.periodImpact({ periodId: vfPeriod.id }))).toBe("NOT_FOUND");
    expect(await codeOf(onJolieville.calendar.updateSchoolYear({ schoolYearId: vfYear.id, label: "Piraté", startDate: "2026-09-01", endDate: "2027-07-02" }))).toBe("NOT_FOUND");
    expect(
      await codeOf(onJolieville.calendar.updatePeriod({ periodId: vfPeriod.id, kind: "closure", label: "Piraté", startDate: "2026-11-10", endDate: "2026-11-10" })),
    ).toBe("NOT_FOUND");
    expect(await snapshot()).toEqual(before);
  });

  it("an agent reads the calendar but cannot change it", async () => {
    const before = await snapshot();
    const agent = await callerAs(AGENT, "jolieville");
    const years = await agent.calendar.schoolYears();
    expect(years.length).toBeGreaterThan(0);
    expect(await codeOf(agent.calendar.schoolYear({ schoolYearId: years[0]!.id }))).toBe("ok");
    expect(await codeOf(agent.calendar.periods({ from: "2026-09-01", to: "2027-07-02" }))).toBe("ok");
    expect(await codeOf(agent.calendar.publicHolidays({ from: "2026-09-01", to: "2027-07-02" }))).toBe("ok");
    const period = before.periods.find((p) => p.tenantId === jolieville)!;
    const writes = await Promise.all([
      codeOf(agent.calendar.createSchoolYear({ label: "2031-2032", startDate: "2031-09-01", endDate: "2032-07-02" })),
      codeOf(agent.calendar.addPeriod({ kind: "closure", label: "Fermeture", startDate: "2026-11-10", endDate: "2026-11-10" })),
      codeOf(agent.calendar.updatePeriod({ periodId: period.id, kind: "closure", label: "Fermeture", startDate: "2026-11-10", endDate: "2026-11-10" })),
      codeOf(agent.calendar.deletePeriod({ periodId: period.id })),
      codeOf(agent.calendar.importPeriods({ file: csv })),
    ]);
    expect(writes).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"]);
    expect(await snapshot()).toEqual(before);
  });

  it("a parent cannot read the calendar admin, nor can a stranger", async () => {
    const parent = await callerAs(PARENT, "jolieville");
    expect(await codeOf(parent.calendar.schoolYears())).toBe("NOT_FOUND");
    expect(await codeOf(parent.calendar.periods({ from: "2026-09-01", to: "2027-07-02" }))).toBe("NOT_FOUND");
    expect(await codeOf(parent.calendar.publicHolidays({ from: "2026-09-01", to: "2027-07-02" }))).toBe("NOT_FOUND");
    expect(await codeOf(parent.calendar.addPeriod({ kind: "closure", label: "Fermeture", startDate: "2026-11-10", endDate: "2026-11-10" }))).toBe(
      "NOT_FOUND",
    );
    const anonymous = await callerAs(null, "jolieville");
    expect(await codeOf(anonymous.calendar.schoolYears())).toBe("UNAUTHORIZED");
  });

  it("caps the length of a queried range", async () => {
    const { error } = await callHttp("calendar.publicHolidays", { from: "2000-01-01", to: "2199-12-31" }, { as: ADMIN, commune: "jolieville", method: "GET" });
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(error?.data.fieldErrors.to).toContain(messages.calendar.rangeTooLong);
  });
});
