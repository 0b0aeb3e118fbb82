import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { children, creditNotes, enrolments, households, invoices, paymentAllocations, schoolYears, tenants } from "@/db/schema";
import { addDays, todayIn, type CivilDate } from "@/common/dates";
import { seedDemo } from "@/server/demo/seed";
import { seedLivedDemo } from "@/server/demo/lived";
import { demoPlan } from "@/server/demo/demo-plan";
import { familyAbsences } from "@/server/domain/absences/absences";
import { getPlanning } from "@/server/domain/booking/planning";
import { computeDrafts } from "@/server/domain/billing/invoice-run";
import { monthsInProgress } from "@/server/domain/billing/month-in-progress";
import { suggestedRunFor } from "@/server/domain/billing/suggested-run";
import { parentActor, staffActor, withScope } from "@/server/domain/scope";
import { truncateAll } from "../../setup/engines";

/**
 * The README's « What to try », ingredient by ingredient, on the demo a person opens (seedDemoIfEmpty:
 * the seed and the lived demo) created on days across a year: a term day, the first days of a year,
 * mid-term, the summer holidays, the day before a school year and its first day.
 */
const DAYS = [
  "2026-11-25T09:00:00+01:00",
  "2027-01-04T08:30:00+01:00",
  "2027-03-10T09:00:00+01:00",
  "2027-07-15T09:00:00+02:00",
  "2027-08-10T18:00:00+02:00",
  "2027-08-25T09:00:00+02:00",
  "2027-08-31T09:00:00+02:00",
  "2027-09-01T09:00:00+02:00",
];

beforeEach(async () => {
  await truncateAll(await getDb());
});

async function demoOn(now: Date) {
  const db = await getDb();
  await seedDemo(db, now);
  await seedLivedDemo(db, now);
  const tenant = async (slug: string) => (await db.select().from(tenants).where(eq(tenants.slug, slug)))[0]!;
  const child = async (firstName: string) => (await db.select().from(children).where(eq(children.firstName, firstName)))[0]!;
  return { db, jolieville: await tenant("jolieville"), valFleuri: await tenant("val-fleuri"), child };
}

/** The child's planning from today over the next two months, as their parent sees it. */
async function planningAhead(tenant: { id: string; slug: string; timeZone: string }, child: { id: string; householdId: string }, now: Date, today: CivilDate) {
  const planning = await withScope(tenant as never, parentActor("nobody", [child.householdId]), (scope) =>
    getPlanning(scope, { childId: child.id, from: today, to: addDays(today, 62) }), now);
  return planning.activities;
}

describe("every line of « What to try » works on the demo created on any day", () => {
  for (const at of DAYS) {
    it(`on ${at.slice(0, 10)}`, { timeout: 180_000 }, async () => {
      const now = new Date(at);
      const today = todayIn("Europe/Paris", now);
      const { db, jolieville, valFleuri, child } = await demoOn(now);
      const [sarah, tom, louise] = [await child("Sarah"), await child("Tom"), await child("Louise")];

      // The current school year (or, in the summer, the coming one) is set up.
      const years = await db.select().from(schoolYears).where(eq(schoolYears.tenantId, jolieville.id));
      expect(years.some((y) => y.startDate <= addDays(today, 62) && y.endDate >= today)).toBe(true);

      // Planning: Sarah's canteen has days to book this month or the next; the full Wednesday offers the waiting list.
      const sarahPlanning = await planningAhead(jolieville, sarah, now, today);
      const canteen = sarahPlanning.find((a) => a.name === "Cantine")!;
      expect(canteen.days.filter((d) => d.bookable).length).toBeGreaterThan(3);
      // The school year's first day, when ahead, is a canteen day (no summer holiday over it).
      const firstDay = canteen.days.find((d) => d.date === demoPlan(now).year.startDate);
      if (firstDay) expect(firstDay.reason).not.toBe("school_holiday");
      const wednesday = demoPlan(now).fullWednesday!;
      const full = sarahPlanning.find((a) => a.name === "Mercredi loisirs")!.days.find((d) => d.date === wednesday)!;
      expect(full).toMatchObject({ full: true, bookable: true });

      // Absences: Tom has a booked day that can no longer be cancelled, to report absent.
      const absences = await withScope(jolieville, parentActor("nobody", [tom.householdId]), (scope) => familyAbsences(scope), now);
      expect(absences.days.length).toBeGreaterThan(0);

      // Inscriptions and the dashboard: Tom's enrolment request waits for the front desk.
      expect(await db.select().from(enrolments).where(and(eq(enrolments.childId, tom.id), eq(enrolments.status, "pending")))).toHaveLength(1);

      // Factures: the latest month is invoiced and due (the Martins paid, the Durands did not), at most a season ago.
      const issued = await db.select().from(invoices).innerJoin(households, eq(households.id, invoices.householdId)).where(eq(invoices.tenantId, jolieville.id));
      expect(issued).toHaveLength(2);
      for (const { invoices: doc } of issued) expect(doc.dueDate < today && doc.dueDate >= addDays(today, -92)).toBe(true);
      const paid = await db.select().from(paymentAllocations).where(eq(paymentAllocations.tenantId, jolieville.id));
      expect(paid.map((p) => p.invoiceId)).toEqual([issued.find((r) => r.households.reference === "JOL-00042")!.invoices.id]);

      // « À facturer »: the Durands' month in progress holds their booked days.
      const toBill = await withScope(jolieville, parentActor("nobody", [tom.householdId]), (scope) => monthsInProgress(scope), now);
      expect(toBill.some((m) => m.days > 0 && m.amountCents > 0)).toBe(true);

      // Facturation: the run the form proposes has invoices to preview.
      const drafts = await withScope(jolieville, staffActor("nobody", ["admin"]), async (scope) => computeDrafts(scope, await suggestedRunFor(scope)), now);
      expect(drafts.length).toBeGreaterThan(0);

      // Val-Fleuri: Louise's canteen has days to put in the basket, and the 3,60 € credit waits for it.
      const louisePlanning = await planningAhead(valFleuri, louise, now, today);
      expect(louisePlanning.find((a) => a.name === "Cantine")!.days.filter((d) => d.bookable).length).toBeGreaterThan(3);
      expect((await db.select().from(creditNotes).where(eq(creditNotes.tenantId, valFleuri.id))).map((c) => c.amountCents)).toEqual([360]);
    });
  }
});
