import { z } from "zod";
import { periodKinds } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { isDatasetZone, officialDataCovers, officialDataEnd } from "@/server/domain/calendar/official-holidays";
import { isPublicHolidayRegion, PUBLIC_HOLIDAY_REGIONS, publicHolidaysBetween } from "@/server/domain/calendar/public-holidays";
import {
  changePeriod,
  changePublicHolidayRegion,
  importCalendar,
  previewImport,
  previewPeriodChange,
  previewRegionChange,
  type PeriodChange,
} from "@/server/domain/calendar/changes";
import { createSchoolYear, getSchoolYear, listPeriods, listSchoolYears, updateSchoolYear } from "@/server/domain/calendar/school-calendar";
import { messages } from "@/common/messages";
import { addDays, isCivilDate } from "@/common/dates";
import { router, staffProcedure } from "@/server/trpc";

const civilDate = z.string().max(40).trim().refine(isCivilDate, messages.calendar.invalidDate);
const label = z.string().trim().min(1, messages.calendar.labelRequired).max(120);
const range = z
  .object({ from: civilDate, to: civilDate })
  .refine((r) => r.from <= r.to, { message: messages.calendar.endBeforeStart, path: ["to"] })
  .refine((r) => r.to <= addDays(r.from, 460), { message: messages.calendar.rangeTooLong, path: ["to"] });
const period = z.object({ kind: z.enum(periodKinds), label, startDate: civilDate, endDate: civilDate });
const yearFields = z.object({ label, startDate: civilDate, endDate: civilDate });
const region = z.object({ publicHolidayRegion: z.string().max(20).refine(isPublicHolidayRegion, messages.calendar.regionUnknown) });
const importFile = z.object({ file: z.string().min(1, messages.calendar.unreadableFile).max(8_000_000) });
/** A period to add (`period`), edit (both) or delete (`periodId`). */
const periodChange = z
  .object({ periodId: z.uuid().optional(), period: period.optional() })
  .refine((c) => c.periodId || c.period, { message: messages.errors.BAD_REQUEST, path: ["periodId"] })
  .transform(
    (c): PeriodChange =>
      c.periodId && c.period
        ? { action: "update", periodId: c.periodId, period: c.period }
        : c.period
          ? { action: "add", period: c.period }
          : { action: "delete", periodId: c.periodId! },
  );

const reader = staffProcedure("admin", "agent");
const writer = staffProcedure("admin");

export const calendarRouter = router({
  /** The commune's zone and public-holiday region, and how far the shipped dataset goes. */
  settings: reader.query(({ ctx }) => ({
    holidayZone: ctx.tenant.holidayZone,
    publicHolidayRegion: ctx.tenant.publicHolidayRegion,
    regionLabel: (PUBLIC_HOLIDAY_REGIONS as Record<string, string>)[ctx.tenant.publicHolidayRegion] ?? ctx.tenant.publicHolidayRegion,
    regions: Object.entries(PUBLIC_HOLIDAY_REGIONS).map(([value, text]) => ({ value, label: text })),
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

  /** One school year with its holiday periods, closure days and (computed) public holidays, its summer included. */
  schoolYear: reader.input(z.object({ schoolYearId: z.uuid() })).query(({ ctx, input }) =>
    withTenant(ctx.tenant.id, async (tx) => {
      const year = await getSchoolYear(tx, ctx.tenant.id, input.schoolYearId);
      // Through the summer after it: the year's holiday activities run then.
      const periods = await listPeriods(tx, ctx.tenant.id, { from: year.startDate, to: year.summerEnd });
      return {
        ...year,
        officialDataAvailable: officialDataCovers(ctx.tenant.holidayZone, year.startDate, year.endDate),
        periods,
        publicHolidays: publicHolidaysBetween(ctx.tenant.publicHolidayRegion, year.startDate, year.summerEnd),
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
    .input(yearFields)
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => createSchoolYear(tx, ctx.tenant, input))),

  /** Label and dates; refused when existing bookings would fall outside the year. */
  updateSchoolYear: writer
    .input(yearFields.extend({ schoolYearId: z.uuid() }))
    .mutation(({ ctx, input: { schoolYearId, ...input } }) =>
      withTenant(ctx.tenant.id, (tx) => updateSchoolYear(tx, ctx.tenant.id, schoolYearId, input)),
    ),

  /** How many bookings adding, editing or deleting a period would cancel (nothing is written). */
  periodImpact: writer
    .input(periodChange)
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => previewPeriodChange(tx, ctx.tenant, input))),

  addPeriod: writer.input(period).mutation(({ ctx, input }) =>
    withTenant(ctx.tenant.id, async (tx) => {
      const { period, cancelled } = await changePeriod(tx, ctx.tenant, { action: "add", period: input }, { userId: ctx.user.id });
      return { ...period!, cancelled };
    }),
  ),

  updatePeriod: writer
    .input(period.extend({ periodId: z.uuid() }))
    .mutation(({ ctx, input: { periodId, ...input } }) =>
      withTenant(ctx.tenant.id, async (tx) => {
        const { period, cancelled } = await changePeriod(tx, ctx.tenant, { action: "update", periodId, period: input }, { userId: ctx.user.id });
        return { ...period!, cancelled };
      }),
    ),

  deletePeriod: writer
    .input(z.object({ periodId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, async (tx) => ({
        cancelled: (await changePeriod(tx, ctx.tenant, { action: "delete", periodId: input.periodId }, { userId: ctx.user.id })).cancelled,
      })),
    ),

  /** What importing the file would do, bookings cancelled included; nothing is written (a mutation only for the file's size). */
  previewImport: writer
    .input(importFile)
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => previewImport(tx, ctx.tenant, input.file))),

  /** The official "Calendrier scolaire" export (CSV or JSON text) for the commune's zone. */
  importPeriods: writer
    .input(importFile)
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => importCalendar(tx, ctx.tenant, input.file, { userId: ctx.user.id }))),

  /** How many bookings another public-holiday region would cancel (nothing is written). */
  regionImpact: writer
    .input(region)
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => previewRegionChange(tx, ctx.tenant, input.publicHolidayRegion))),

  setPublicHolidayRegion: writer
    .input(region)
    .mutation(({ ctx, input }) => changePublicHolidayRegion(ctx.tenant, input.publicHolidayRegion, { userId: ctx.user.id })),
});
