import { z } from "zod";
import { periodKinds } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { isDatasetZone, officialDataCovers, officialDataEnd } from "@/server/domain/calendar/official-holidays";
import { PUBLIC_HOLIDAY_REGIONS, publicHolidaysBetween } from "@/server/domain/calendar/public-holidays";
import {
  addPeriod,
  createSchoolYear,
  deletePeriod,
  getSchoolYear,
  importPeriods,
  listPeriods,
  listSchoolYears,
  updatePeriod,
} from "@/server/domain/calendar/school-calendar";
import { messages } from "@/server/messages";
import { addDays, isCivilDate } from "@/server/lib/dates";
import { router, staffProcedure } from "@/server/trpc";

const civilDate = z.string().trim().refine(isCivilDate, messages.calendar.invalidDate);
const label = z.string().trim().min(1, messages.calendar.labelRequired).max(120);
const range = z
  .object({ from: civilDate, to: civilDate })
  .refine((r) => r.from <= r.to, { message: messages.calendar.endBeforeStart, path: ["to"] })
  .refine((r) => r.to <= addDays(r.from, 460), { message: messages.calendar.rangeTooLong, path: ["to"] });
const period = z.object({ kind: z.enum(periodKinds), label, startDate: civilDate, endDate: civilDate });

const reader = staffProcedure("admin", "agent");
const writer = staffProcedure("admin");

export const calendarRouter = router({
  /** The commune's zone and public-holiday region, and how far the shipped dataset goes. */
  settings: reader.query(({ ctx }) => ({
    holidayZone: ctx.tenant.holidayZone,
    publicHolidayRegion: ctx.tenant.publicHolidayRegion,
    regionLabel: (PUBLIC_HOLIDAY_REGIONS as Record<string, string>)[ctx.tenant.publicHolidayRegion] ?? ctx.tenant.publicHolidayRegion,
    timeZone: ctx.tenant.timeZone,
    /** The shipped dataset knows this zone (A, B or C)… */
    datasetZone: isDatasetZone(ctx.tenant.holidayZone),
    /** …up to this day. */
    officialDataEnd: officialDataEnd(),
  })),

  /** School years, latest first, each saying whether the shipped official dataset covers it. */
  schoolYears: reader.query(async ({ ctx }) => {
    const years = await withTenant(ctx.tenant.id, (tx) => listSchoolYears(tx, ctx.tenant.id));
    return years.map((y) => ({ ...y, officialDataAvailable: officialDataCovers(ctx.tenant.holidayZone, y.startDate, y.endDate) }));
  }),

  /** One school year with its holiday periods, closure days and (computed) public holidays. */
  schoolYear: reader.input(z.object({ schoolYearId: z.uuid() })).query(({ ctx, input }) =>
    withTenant(ctx.tenant.id, async (tx) => {
      const year = await getSchoolYear(tx, ctx.tenant.id, input.schoolYearId);
      const periods = await listPeriods(tx, ctx.tenant.id, { from: year.startDate, to: year.endDate });
      return {
        ...year,
        officialDataAvailable: officialDataCovers(ctx.tenant.holidayZone, year.startDate, year.endDate),
        periods,
        publicHolidays: publicHolidaysBetween(ctx.tenant.publicHolidayRegion, year.startDate, year.endDate),
      };
    }),
  ),

  periods: reader
    .input(range)
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => listPeriods(tx, ctx.tenant.id, input))),

  publicHolidays: reader
    .input(range)
    .query(({ ctx, input }) => publicHolidaysBetween(ctx.tenant.publicHolidayRegion, input.from, input.to)),

  createSchoolYear: writer
    .input(z.object({ label, startDate: civilDate, endDate: civilDate }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => createSchoolYear(tx, ctx.tenant, input))),

  addPeriod: writer
    .input(period)
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => addPeriod(tx, ctx.tenant.id, input))),

  updatePeriod: writer
    .input(period.extend({ periodId: z.uuid() }))
    .mutation(({ ctx, input: { periodId, ...input } }) =>
      withTenant(ctx.tenant.id, (tx) => updatePeriod(tx, ctx.tenant.id, periodId, input)),
    ),

  deletePeriod: writer
    .input(z.object({ periodId: z.uuid() }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => deletePeriod(tx, ctx.tenant.id, input.periodId))),

  /** The official "Calendrier scolaire" export (CSV or JSON text) for the commune's zone. */
  importPeriods: writer
    .input(z.object({ file: z.string().min(1, messages.calendar.unreadableFile).max(8_000_000) }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) => importPeriods(tx, ctx.tenant.id, input.file, ctx.tenant.holidayZone)),
    ),
});
