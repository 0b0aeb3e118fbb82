import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { activities, bookings, children, enrolments, occurrences, tenants } from "@/db/schema";
import { addDays, isoWeekday, todayIn, zonedInstant, type CivilDate } from "@/common/dates";
import { publicHolidayLookup } from "@/server/domain/calendar/public-holidays";
import { demoPlan } from "./demo-plan";

const ZONE = "Europe/Paris";

/**
 * What the demo a person opens always shows, whatever the day it is created (the tests' fixture
 * stays as its tests expect it): a booked canteen day past its cancellation deadline (Tom's next one,
 * which Absences offers to report), and Tom's request for the after-school care waiting for the
 * front desk. Both are read from the demo's own calendar and rules.
 */
export async function seedLivedDemo(db: Db, now: Date): Promise<{ lateDay: CivilDate | null }> {
  const plan = demoPlan(now);
  const lateDay = tomLateDay(plan.year.holidays.C, plan.year, now);
  await db.transaction(async (tx) => {
    const [jolieville] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "jolieville"));
    const j = jolieville!.id;
    const [tom] = await tx.select({ id: children.id }).from(children).where(and(eq(children.tenantId, j), eq(children.firstName, "Tom")));
    const named = async (name: string) => (await tx.select({ id: activities.id }).from(activities).where(and(eq(activities.tenantId, j), eq(activities.name, name))))[0]!.id;
    await tx.insert(enrolments).values({ tenantId: j, childId: tom!.id, activityId: await named("Garderie du soir"), status: "pending", requestedAt: now });
    if (!lateDay) return;
    const cantine = await named("Cantine");
    await tx.insert(occurrences).values({ tenantId: j, activityId: cantine, date: lateDay }).onConflictDoNothing();
    await tx
      .insert(bookings)
      .values({
        tenantId: j, childId: tom!.id, activityId: cantine, date: lateDay, status: "confirmed", unitPriceCents: 390, siblingRank: 1,
        pricingLabel: "sans QF connu : tranche la plus haute, résident", createdAt: zonedInstant(addDays(lateDay, -14), "12:00", ZONE),
      })
      .onConflictDoNothing();
  });
  return { lateDay };
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
