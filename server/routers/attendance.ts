import { z } from "zod";
import { attendanceStatuses } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { dailyList, listSites } from "@/server/domain/attendance/daily-list";
import { enrolledNotBooked, markAttendance, unmarkAttendance } from "@/server/domain/attendance/marking";
import { mealCounts } from "@/server/domain/attendance/meals";
import { todayIn } from "@/common/dates";
import { router, staffProcedure } from "@/server/trpc";
import { civilDate } from "./reservations";

/** Site agents (animateurs, cantine), and the admins and front desk who stand in for them. */
const siteStaff = staffProcedure("site_agent", "admin", "agent");

const day = z.object({ activityId: z.uuid(), date: civilDate, childId: z.uuid() });
const mealRange = z.object({ from: civilDate, to: civilDate, siteId: z.uuid().nullish() });

export const attendanceRouter = router({
  /** The commune's sites and their activities, and today in the commune's time zone. */
  sites: siteStaff.query(async ({ ctx }) => ({
    today: todayIn(ctx.tenant.timeZone),
    sites: await withTenant(ctx.tenant.id, (tx) => listSites(tx, ctx.tenant.id)),
  })),

  /** The day's list of a site: expected children with allergies, PAI, pickups and pointage. */
  dailyList: siteStaff
    .input(z.object({ siteId: z.uuid(), date: civilDate }))
    .query(async ({ ctx, input }) => ({
      today: todayIn(ctx.tenant.timeZone),
      ...(await withTenant(ctx.tenant.id, (tx) => dailyList(tx, ctx.tenant, input))),
    })),

  mark: siteStaff
    .input(day.extend({ status: z.enum(attendanceStatuses) }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) => markAttendance(tx, ctx.tenant.id, ctx.user.id, input, { today: todayIn(ctx.tenant.timeZone) })),
    ),

  /** Clears a pointage entered by mistake. */
  unmark: siteStaff
    .input(day)
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => unmarkAttendance(tx, ctx.tenant.id, input, { today: todayIn(ctx.tenant.timeZone) }))),

  /** Children enrolled but not booked that day: who can be added as "present without booking". */
  enrolledNotBooked: siteStaff
    .input(z.object({ activityId: z.uuid(), date: civilDate }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => enrolledNotBooked(tx, ctx.tenant.id, input))),

  /** Meals booked per site and day, with diets, PAI and allergies. */
  mealCounts: siteStaff.input(mealRange).query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => mealCounts(tx, ctx.tenant.id, input))),
  // The same counts as a CSV file: GET /api/repas/{commune}/csv (server/downloads.ts).
});
