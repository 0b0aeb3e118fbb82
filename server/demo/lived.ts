import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { activities, bookings, calendarPeriods, children, enrolments, occurrences, schoolYears, sites, tariffs, tenants } from "@/db/schema";
import { addDays, isoWeekday, todayIn, zonedInstant, type CivilDate } from "@/common/dates";
import { tariffPricingSchema } from "@/common/tariff-pricing";
import { publicHolidayLookup } from "@/server/domain/calendar/public-holidays";
import { demoSchoolYear } from "./demo-calendar";
import { demoPlan } from "./demo-plan";

const ZONE = "Europe/Paris";
const NO_QF = "sans QF connu : tranche la plus haute, résident";
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * What the demo a person opens always shows, whatever the day it is created (the tests' fixture
 * stays as its tests expect it): a booked day past its cancellation deadline, which Absences offers
 * to report (Tom's next canteen day; in the summer holidays, when the canteen does not run, his days
 * at Jolieville's summer centre), and Tom's request for the after-school care waiting for the
 * front desk. Both are read from the demo's own calendar and rules.
 */
export async function seedLivedDemo(db: Db, now: Date): Promise<{ lateDay: CivilDate | null }> {
  const plan = demoPlan(now);
  let lateDay = tomLateDay(plan.year.holidays.C, plan.year, now);
  await db.transaction(async (tx) => {
    const [jolieville] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "jolieville"));
    const j = jolieville!.id;
    const [tom] = await tx.select({ id: children.id }).from(children).where(and(eq(children.tenantId, j), eq(children.firstName, "Tom")));
    const named = async (name: string) => (await tx.select({ id: activities.id }).from(activities).where(and(eq(activities.tenantId, j), eq(activities.name, name))))[0]!.id;
    await tx.insert(enrolments).values({ tenantId: j, childId: tom!.id, activityId: await named("Garderie du soir"), status: "pending", requestedAt: now });
    if (lateDay) {
      await bookTom(tx, { j, tom: tom!.id, activityId: await named("Cantine"), unitPriceCents: 390 }, [lateDay]);
      return;
    }
    lateDay = await seedSummerCentre(tx, { j, tom: tom!.id, today: plan.today, comingYearStart: plan.year.startDate });
  });
  return { lateDay };
}

async function bookTom(tx: Tx, a: { j: string; tom: string; activityId: string; unitPriceCents: number }, days: CivilDate[]) {
  // A booking is of an occurrence row (the day's lock and capacity).
  await tx.insert(occurrences).values(days.map((date) => ({ tenantId: a.j, activityId: a.activityId, date }))).onConflictDoNothing();
  await tx
    .insert(bookings)
    .values(
      days.map((date) => ({
        tenantId: a.j, childId: a.tom, activityId: a.activityId, date, status: "confirmed" as const, unitPriceCents: a.unitPriceCents,
        siblingRank: 1, pricingLabel: NO_QF, createdAt: zonedInstant(addDays(date, -14), "12:00", ZONE),
      })),
    )
    .onConflictDoNothing();
}

/**
 * In the summer holidays the demo is set in the coming school year, and the canteen does not run for
 * weeks. Jolieville then also has the ending school year with its summer, and a summer centre at the
 * Jules Verne site (an activity of the ending year, which runs through the summer after it) where Tom
 * is booked the week around today: the days up to five days ahead are past their deadline (six days
 * before). Returns the latest of those days.
 */
async function seedSummerCentre(tx: Tx, a: { j: string; tom: string; today: CivilDate; comingYearStart: CivilDate }): Promise<CivilDate | null> {
  const ending = demoSchoolYear(Number(a.comingYearStart.slice(0, 4)) - 1);
  // The summer ends the day before the coming year starts (a derived year may start on its last day).
  const [, summerFrom, summerLast] = ending.holidays.C.at(-1)!;
  const summerTo = summerLast < a.comingYearStart ? summerLast : addDays(a.comingYearStart, -1);
  const publicHoliday = publicHolidayLookup("FR");
  const days: CivilDate[] = [];
  for (let d = addDays(a.today, -7); d <= addDays(a.today, 5); d = addDays(d, 1)) {
    if (summerFrom <= d && d <= summerTo && isoWeekday(d) <= 5 && !publicHoliday(d)) days.push(d);
  }
  if (!days.length) return null;
  const [year] = await tx
    .insert(schoolYears)
    .values({ tenantId: a.j, label: ending.label, startDate: ending.startDate, endDate: ending.endDate })
    .returning({ id: schoolYears.id });
  await tx.insert(calendarPeriods).values({ tenantId: a.j, kind: "holiday", label: "Vacances d'été", startDate: summerFrom, endDate: summerTo, source: "official" });
  const [site] = await tx.select({ id: sites.id }).from(sites).where(and(eq(sites.tenantId, a.j), eq(sites.name, "Accueil de loisirs Jules Verne")));
  const [centre] = await tx
    .insert(activities)
    .values({
      tenantId: a.j, siteId: site!.id, schoolYearId: year!.id, service: "vacances", name: "Centre de loisirs d'été", unit: "day", weekdays: [1, 2, 3, 4, 5],
      runsOn: "holidays", capacity: 24, bookingRule: { kind: "days_before", days: 6, time: "23:59", counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true },
    })
    .returning({ id: activities.id });
  const brackets = (cents: number[]) => ({ kind: "brackets", brackets: [400, 700, 1000, null].map((upTo, i) => ({ upTo, cents: cents[i] })) });
  await tx.insert(tariffs).values({
    tenantId: a.j, activityId: centre!.id, validFrom: ending.startDate,
    pricing: tariffPricingSchema.parse({ resident: brackets([600, 900, 1200, 1500]), nonResident: brackets([1000, 1400, 1700, 2000]), mealCents: 300 }),
  });
  await tx.insert(enrolments).values({ tenantId: a.j, childId: a.tom, activityId: centre!.id, status: "accepted", decidedAt: zonedInstant(`${summerFrom.slice(0, 4)}-06-15`, "12:00", ZONE) });
  await bookTom(tx, { j: a.j, tom: a.tom, activityId: centre!.id, unitPriceCents: 1500 }, days);
  return days.at(-1)!;
}

/**
 * Tom's next canteen day (Monday, Tuesday, Thursday, Friday of a term week) from today whose
 * deadline (six days before, 23:59) has passed: it can no longer be cancelled, only reported absent.
 * Null in the summer holidays, when the canteen does not run for weeks.
 */
function tomLateDay(holidays: readonly (readonly [string, CivilDate, CivilDate])[], year: { startDate: CivilDate; endDate: CivilDate }, now: Date): CivilDate | null {
  const today = todayIn(ZONE, now);
  const publicHoliday = publicHolidayLookup("FR");
  for (let d = today; d <= addDays(today, 6); d = addDays(d, 1)) {
    const term = year.startDate <= d && d <= year.endDate && !holidays.some(([, from, to]) => from <= d && d <= to) && !publicHoliday(d);
    if (term && [1, 2, 4, 5].includes(isoWeekday(d)) && zonedInstant(addDays(d, -6), "23:59", ZONE) < now) return d;
  }
  return null;
}
