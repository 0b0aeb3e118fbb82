import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { calendarPeriods, children, enrolments, schoolYears } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { capacityByDay, setDayOverride } from "@/server/domain/activities/capacity";
import { applyBookingChanges, type BookingChange } from "@/server/domain/booking/bookings";
import type { Actor } from "@/server/domain/scope";
import { getPlanning } from "@/server/domain/booking/planning";
import { loadDemo, userId } from "../../../fixtures/demo";
import { appError, demoIds, inTenant, type DemoIds } from "../activities/helpers";
import { scopeOf } from "../../../fixtures/demo-ids";

/** Val-Fleuri's 2026-2027 school year ends on Friday 2 July 2027; its summer holidays run to 31 August. */
const beforeOpening = new Date("2027-02-15T09:00:00+01:00");
const afterOpening = new Date("2027-03-02T09:00:00+01:00");
let vf: DemoIds;
let vacances: string;
let cantine: string;
let parent: Actor;

beforeAll(async () => {
  await loadDemo();
  vf = await demoIds("val-fleuri");
  vacances = vf.activity["Centre de loisirs des vacances"]!;
  cantine = vf.activity.Cantine!;
  const [louise] = await withPlatform((tx) => tx.select({ householdId: children.householdId }).from(children).where(eq(children.id, vf.child.Louise!)));
  parent = { userId: await userId("parent@recre.test"), role: "parent", householdIds: [louise!.householdId], staffRoles: [] };
  await inTenant(vf.tenant, (tx) => tx.insert(enrolments).values({ tenantId: vf.tenant.id, childId: vf.child.Louise!, activityId: vacances, status: "accepted" }));
});

const book = (change: Omit<BookingChange, "childId" | "action">, now: Date) =>
  inTenant(vf.tenant, (tx) => applyBookingChanges(scopeOf(tx, vf.tenant, parent, now), { changes: [{ childId: vf.child.Louise!, action: "book", ...change }], ...{ now } }));

describe("a holiday centre in the summer after its school year", () => {
  it("refuses a summer day before its booking opening, saying when it opens", async () => {
    const [outcome] = await book({ activityId: vacances, date: "2027-07-15" }, beforeOpening);
    expect(outcome).toMatchObject({ result: "refused", message: "Ouverture des réservations le 01/03/2027 à 08:00" });
    const planning = await inTenant(vf.tenant, (tx) => getPlanning(scopeOf(tx, vf.tenant, parent, beforeOpening), { childId: vf.child.Louise!, from: "2027-07-12", to: "2027-07-18" }));
    const day = planning.activities.find((a) => a.id === vacances)!.days.find((d) => d.date === "2027-07-15")!;
    expect(day).toMatchObject({ runs: true, bookable: false, reason: "not_open", reasonText: "Ouverture des réservations le 01/03/2027 à 08:00" });
  });

  it("books a summer day once the opening has passed (into the basket: Val-Fleuri is prepaid)", async () => {
    const planning = await inTenant(vf.tenant, (tx) => getPlanning(scopeOf(tx, vf.tenant, parent, afterOpening), { childId: vf.child.Louise!, from: "2027-07-12", to: "2027-07-18" }));
    const day = planning.activities.find((a) => a.id === vacances)!.days.find((d) => d.date === "2027-07-15")!;
    expect(day).toMatchObject({ runs: true, bookable: true, reason: null });
    const [outcome] = await book({ activityId: vacances, date: "2027-07-15" }, afterOpening);
    expect(outcome).toMatchObject({ result: "confirmed", held: true });
  });

  it("still refuses a term-time activity after the school year's last day", async () => {
    const [outcome] = await book({ activityId: cantine, date: "2027-07-05" }, afterOpening);
    expect(outcome).toMatchObject({ result: "refused", message: "Hors année scolaire" });
    const error = await appError(
      inTenant(vf.tenant, (tx) => setDayOverride(scopeOf(tx, vf.tenant, undefined, afterOpening), { activityId: cantine, date: "2027-07-05", capacity: 3, closed: false })),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", field: "date" });
  });

  it("lets the admin set the capacity of a summer day and shows the summer open", async () => {
    const result = await inTenant(vf.tenant, (tx) =>
      setDayOverride(scopeOf(tx, vf.tenant, undefined, afterOpening), { activityId: vacances, date: "2027-07-16", capacity: 10, closed: false }),
    );
    expect(result).toMatchObject({ effectiveCapacity: 10 });
    const august = await inTenant(vf.tenant, (tx) => capacityByDay(scopeOf(tx, vf.tenant, undefined, afterOpening), { activityId: vacances, month: "2027-08" }));
    expect(august.lastDay).toBe("2027-08-31");
    expect(august.days.every((d) => d.status === "open")).toBe(true);
    const july = await inTenant(vf.tenant, (tx) => capacityByDay(scopeOf(tx, vf.tenant, undefined, afterOpening), { activityId: cantine, month: "2027-07" }));
    expect(july.days.find((d) => d.date === "2027-07-05")?.status).toBe("outside_year");
  });

  it("otherwise ends with the zone's summer holidays on file", async () => {
    const summer = and(eq(calendarPeriods.tenantId, vf.tenant.id), eq(calendarPeriods.label, "Vacances d'été"));
    await inTenant(vf.tenant, (tx) => tx.update(calendarPeriods).set({ endDate: "2027-08-27" }).where(summer));
    const august = await inTenant(vf.tenant, (tx) => capacityByDay(scopeOf(tx, vf.tenant, undefined, afterOpening), { activityId: vacances, month: "2027-08" }));
    expect(august.lastDay).toBe("2027-08-27");
    expect(august.days.filter((d) => d.status === "outside_year").map((d) => d.date)).toEqual(["2027-08-30", "2027-08-31"]);
    await inTenant(vf.tenant, (tx) => tx.update(calendarPeriods).set({ endDate: "2027-08-31" }).where(summer));
  });

  it("stops the summer the day before the next school year starts, when there is one", async () => {
    await inTenant(vf.tenant, (tx) => tx.insert(schoolYears).values({ tenantId: vf.tenant.id, label: "2027-2028", startDate: "2027-08-30", endDate: "2028-07-07" }));
    const august = await inTenant(vf.tenant, (tx) => capacityByDay(scopeOf(tx, vf.tenant, undefined, afterOpening), { activityId: vacances, month: "2027-08" }));
    expect(august.lastDay).toBe("2027-08-29");
    expect(august.days.filter((d) => d.status === "outside_year").map((d) => d.date)).toEqual(["2027-08-30", "2027-08-31"]);
    await inTenant(vf.tenant, (tx) => tx.delete(schoolYears).where(and(eq(schoolYears.tenantId, vf.tenant.id), eq(schoolYears.label, "2027-2028"))));
  });
});
