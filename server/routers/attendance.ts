import { z } from "zod";
import { attendanceStatuses } from "@/db/schema";
import { dailyList, sitesWithActivities } from "@/server/domain/attendance/daily-list";
import { enrolledNotBooked, markAttendance, unmarkAttendance } from "@/server/domain/attendance/marking";
import { visibleMealCounts } from "@/server/domain/attendance/meals";
import { assertActivityAllowed, assertSiteAllowed, onlyAllowedSites } from "@/server/domain/team/team";
import { router, staffProcedure } from "@/server/trpc";
import { civilDate } from "./reservations";

/** Site agents (animateurs, cantine), and the admins and front desk who stand in for them. */
const siteStaff = staffProcedure("site_agent", "admin", "agent");

const day = z.object({ activityId: z.uuid(), date: civilDate, childId: z.uuid() });
const mealRange = z.object({ from: civilDate, to: civilDate, siteId: z.uuid().nullish() });

export const attendanceRouter = router({
  /** The commune's sites and their activities (a site agent: theirs only), and today in the commune's time zone. */
  sites: siteStaff.query(async ({ ctx }) => {
    const { today, sites } = await sitesWithActivities(ctx.scope);
    return { today, sites: await onlyAllowedSites(ctx.scope, sites, "id") };
  }),

  /** The day's list of a site: expected children with allergies, PAI, pickups and pointage. */
  dailyList: siteStaff.input(z.object({ siteId: z.uuid(), date: civilDate })).query(async ({ ctx, input }) => {
    await assertSiteAllowed(ctx.scope, input.siteId);
    return dailyList(ctx.scope, input);
  }),

  /** A day still to come cannot be pointed. */
  mark: siteStaff.input(day.extend({ status: z.enum(attendanceStatuses) })).mutation(async ({ ctx, input }) => {
    await assertActivityAllowed(ctx.scope, input.activityId);
    return markAttendance(ctx.scope, input);
  }),

  /** Clears a pointage entered by mistake. */
  unmark: siteStaff.input(day).mutation(async ({ ctx, input }) => {
    await assertActivityAllowed(ctx.scope, input.activityId);
    return unmarkAttendance(ctx.scope, input);
  }),

  /** Children enrolled but not booked that day: who can be added as "present without booking". */
  enrolledNotBooked: siteStaff.input(z.object({ activityId: z.uuid(), date: civilDate })).query(async ({ ctx, input }) => {
    await assertActivityAllowed(ctx.scope, input.activityId);
    return enrolledNotBooked(ctx.scope, input);
  }),

  /** Meals booked per site and day, with diets, PAI and allergies. */
  mealCounts: siteStaff.input(mealRange).query(({ ctx, input }) => visibleMealCounts(ctx.scope, input)),
  // The same counts as a CSV file: GET /api/repas/{commune}/csv (server/downloads.ts).
});
