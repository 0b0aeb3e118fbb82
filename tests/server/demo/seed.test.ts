import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { withTenant } from "@/db/transaction";
import { activities, bookingOpenings, bookings, calendarPeriods, children, enrolments, households, invoiceLines, invoices, occurrences, paymentAllocations, schoolYears, tenants } from "@/db/schema";
import { addDays, isoWeekday, todayIn } from "@/common/dates";
import { seedDemo } from "@/server/demo/seed";
import { seedLivedDemo } from "@/server/demo/lived";
import { familyAbsences } from "@/server/domain/absences/absences";
import { demoPlan } from "@/server/demo/demo-plan";
import { getPlanning } from "@/server/domain/booking/planning";
import { parentActor } from "@/server/domain/scope";
import { truncateAll } from "../../setup/engines";

/** The tests' and journeys' pinned clock (vitest.config.mts, tests/e2e). */
const PINNED = new Date("2026-11-25T09:00:00+01:00");

async function facts() {
  const db = await getDb();
  const [jolieville] = await db.select().from(tenants).where(eq(tenants.slug, "jolieville"));
  const [valFleuri] = await db.select().from(tenants).where(eq(tenants.slug, "val-fleuri"));
  const j = jolieville!.id;
  const childId = async (firstName: string) => (await db.select({ id: children.id }).from(children).where(eq(children.firstName, firstName)))[0]!.id;
  const years = await db.select({ tenantId: schoolYears.tenantId, label: schoolYears.label, startDate: schoolYears.startDate, endDate: schoolYears.endDate }).from(schoolYears);
  const holidays = await db
    .select({ label: calendarPeriods.label, startDate: calendarPeriods.startDate, endDate: calendarPeriods.endDate })
    .from(calendarPeriods)
    .where(eq(calendarPeriods.tenantId, j))
    .orderBy(asc(calendarPeriods.startDate));
  const docs = await db
    .select({ number: invoices.number, total: invoices.totalCents, period: invoices.periodLabel, due: invoices.dueDate, issuedAt: invoices.issuedAt, id: invoices.id, reference: households.reference })
    .from(invoices)
    .innerJoin(households, eq(households.id, invoices.householdId))
    .orderBy(asc(invoices.number));
  const paid = await db.select({ invoiceId: paymentAllocations.invoiceId, amount: paymentAllocations.amountCents }).from(paymentAllocations);
  const lines = await db.select({ dates: invoiceLines.dates, childId: invoiceLines.childId, kind: invoiceLines.kind }).from(invoiceLines);
  const booked = await db
    .select({ child: children.firstName, activity: activities.name, date: bookings.date, status: bookings.status })
    .from(bookings)
    .innerJoin(children, eq(children.id, bookings.childId))
    .innerJoin(activities, eq(activities.id, bookings.activityId))
    .orderBy(asc(bookings.date));
  const limited = await db.select({ date: occurrences.date, capacity: occurrences.capacity }).from(occurrences).where(eq(occurrences.capacity, 1));
  const openings = await db.select({ fromDate: bookingOpenings.fromDate, toDate: bookingOpenings.toDate, opensAt: bookingOpenings.opensAt }).from(bookingOpenings);
  const pending = await db.select({ status: enrolments.status }).from(enrolments).where(eq(enrolments.status, "pending"));
  return { jolieville: jolieville!, valFleuri: valFleuri!, childId, years, holidays, docs, paid, lines, booked, limited, openings, pending };
}

beforeEach(async () => {
  await truncateAll(await getDb());
});

describe("the demo seeded at the tests' clock (25 November 2026)", () => {
  it("is the historic demo the tests and journeys are written against", async () => {
    await seedDemo(await getDb(), PINNED);
    const f = await facts();
    expect(f.years.map((y) => [y.label, y.startDate, y.endDate])).toEqual([
      ["2026-2027", "2026-09-01", "2027-07-02"],
      ["2026-2027", "2026-09-01", "2027-07-02"],
    ]);
    expect(f.holidays.map((h) => [h.label, h.startDate, h.endDate])).toEqual([
      ["Vacances de la Toussaint", "2026-10-17", "2026-11-01"],
      ["Vacances de Noël", "2026-12-19", "2027-01-03"],
      ["Vacances d'hiver", "2027-02-06", "2027-02-21"],
      ["Vacances de printemps", "2027-04-03", "2027-04-18"],
      ["Vacances d'été", "2027-07-03", "2027-08-31"],
    ]);
    expect(f.docs.map((d) => [d.number, d.reference, d.total, d.period, d.due, d.issuedAt.toISOString()])).toEqual([
      ["2026-000001", "JOL-00042", 1890, "Novembre 2026", "2026-11-15", "2026-10-28T08:00:00.000Z"],
      ["2026-000002", "JOL-00057", 1560, "Novembre 2026", "2026-11-15", "2026-10-28T08:00:00.000Z"],
    ]);
    expect(f.paid).toEqual([{ invoiceId: f.docs[0]!.id, amount: 1890 }]);
    const sarah = await f.childId("Sarah");
    expect(f.lines.find((l) => l.childId === sarah && l.kind === "meal")!.dates).toEqual(["2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06", "2026-11-09", "2026-11-10"]);
    expect(f.booked).toEqual([{ child: "Tom", activity: "Mercredi loisirs", date: "2026-12-16", status: "confirmed" }]);
    expect(f.limited).toEqual([{ date: "2026-12-16", capacity: 1 }]);
    expect(f.openings.map((o) => [o.fromDate, o.toDate, o.opensAt.toISOString()])).toEqual([["2027-07-03", "2027-08-31", "2027-03-01T07:00:00.000Z"]]);
    expect(f.pending).toEqual([]);
  });

  it("takes its clock from RECRE_NOW when not given one", async () => {
    expect(process.env.RECRE_NOW).toBe("2026-11-25T09:00:00+01:00");
    expect(demoPlan(new Date(process.env.RECRE_NOW!))).toEqual(demoPlan(PINNED));
  });
});

describe("the demo seeded on any other day", () => {
  const invariants = async (now: Date) => {
    await seedDemo(await getDb(), now);
    const today = todayIn("Europe/Paris", now);
    const f = await facts();
    const year = f.years[0]!;
    expect(year.startDate <= addDays(today, 62)).toBe(true);
    // The latest invoices are due and the Durands' one is still unpaid: overdue.
    expect(f.docs).toHaveLength(2);
    for (const doc of f.docs) expect(doc.due < today && doc.issuedAt.getTime() < now.getTime()).toBe(true);
    expect(f.paid.map((p) => p.invoiceId)).toEqual([f.docs[0]!.id]);
    expect(f.docs[0]!.number).toBe(`${f.docs[0]!.issuedAt.getUTCFullYear()}-000001`);
    // A full Wednesday ahead, Tom in its only place.
    const wednesday = f.limited[0]!.date;
    expect(wednesday > today && isoWeekday(wednesday) === 3 && wednesday <= year.endDate).toBe(true);
    expect(f.booked).toContainEqual({ child: "Tom", activity: "Mercredi loisirs", date: wednesday, status: "confirmed" });
    // Val-Fleuri's summer opens in March before it.
    const opening = f.openings[0]!;
    expect(opening.fromDate > year.endDate && opening.opensAt.toISOString().slice(5, 10)).toBe("03-01");
    // Nothing before today can be booked by a parent.
    const sarah = await f.childId("Sarah");
    const [martin] = await (await getDb()).select({ id: children.householdId }).from(children).where(eq(children.id, sarah));
    const planning = await withTenant(f.jolieville.id, (tx) =>
      getPlanning({ tx, tenant: f.jolieville, actor: parentActor("nobody", [martin!.id]), now }, { childId: sarah, from: addDays(today, -20), to: addDays(today, 20) }),
    );
    const days = planning.activities.flatMap((a) => a.days);
    expect(days.some((d) => d.bookable)).toBe(year.startDate <= addDays(today, 20));
    expect(days.filter((d) => d.date < today && d.bookable)).toEqual([]);
    return { f, today, year };
  };

  it("in March 2027: February's invoices, this month's days booked and past their deadline", async () => {
    const { f, today } = await invariants(new Date("2027-03-10T09:00:00+01:00"));
    expect(f.docs.map((d) => d.period)).toEqual(["Février 2027", "Février 2027"]);
    expect(f.docs[0]!.number).toBe("2027-000001");
    const pastTom = f.booked.filter((b) => b.child === "Tom" && b.activity === "Cantine");
    expect(pastTom.length).toBeGreaterThan(0);
    expect(pastTom.every((b) => b.date.startsWith("2027-03") && b.date < today)).toBe(true);
  });

  it("at the rentrée 2026: the new year, June's invoices overdue, yesterday booked", async () => {
    const { f, year } = await invariants(new Date("2026-09-02T09:00:00+02:00"));
    expect(year.label).toBe("2026-2027");
    expect(f.docs.map((d) => d.period)).toEqual(["Juin 2026", "Juin 2026"]);
    expect(f.booked).toContainEqual({ child: "Tom", activity: "Cantine", date: "2026-09-01", status: "confirmed" });
    expect(f.limited[0]!.date).toBe("2026-09-23");
  });

  it("in the summer holidays: the coming year (derived past the shipped calendars), June's invoices", async () => {
    const { f, year } = await invariants(new Date("2027-07-20T09:00:00+02:00"));
    expect(year.label).toBe("2027-2028");
    expect(f.docs.map((d) => d.period)).toEqual(["Juin 2027", "Juin 2027"]);
    expect(f.holidays.map((h) => h.label)).toEqual(["Vacances de la Toussaint", "Vacances de Noël", "Vacances d'hiver", "Vacances de printemps", "Vacances d'été"]);
  });

  it("in a year of the shipped ministry file (2025-2026): its holidays", async () => {
    const { f, year } = await invariants(new Date("2026-01-20T09:00:00+01:00"));
    expect(year).toMatchObject({ label: "2025-2026", startDate: "2025-09-01" });
    expect(f.holidays.find((h) => h.label === "Vacances d'hiver")).toMatchObject({ startDate: "2026-02-21", endDate: "2026-03-08" });
    expect(f.docs.map((d) => d.period)).toEqual(["Janvier 2026", "Janvier 2026"]);
    // Tom's days of January are billed on the invoice, not booked again.
    expect(f.booked.filter((b) => b.activity === "Cantine")).toEqual([]);
  });
});


describe("the demo a person opens (seedDemoIfEmpty)", () => {
  const lived = async (now: Date) => {
    await seedDemo(await getDb(), now);
    const { lateDay } = await seedLivedDemo(await getDb(), now);
    const f = await facts();
    const db = await getDb();
    const [tom] = await db.select({ householdId: children.householdId }).from(children).where(eq(children.firstName, "Tom"));
    const absences = await withTenant(f.jolieville.id, (tx) => familyAbsences({ tx, tenant: f.jolieville, actor: parentActor("nobody", [tom!.householdId]), now }));
    return { f, lateDay, absences };
  };

  for (const at of ["2026-11-25T09:00:00+01:00", "2027-03-10T09:00:00+01:00", "2026-09-02T09:00:00+02:00", "2028-05-16T09:00:00+02:00"]) {
    it(`has a booked day past its deadline for Absences and a pending enrolment on ${at.slice(0, 10)}`, async () => {
      const { f, lateDay, absences } = await lived(new Date(at));
      expect(lateDay).not.toBeNull();
      expect(f.booked).toContainEqual({ child: "Tom", activity: "Cantine", date: lateDay, status: "confirmed" });
      expect(absences.days.map((d) => d.date)).toContain(lateDay);
      expect(f.pending).toEqual([{ status: "pending" }]);
    });
  }
});
