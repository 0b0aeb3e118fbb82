import { z } from "zod";
import { periodKinds } from "@/db/schema";
import { calendarSettings } from "@/server/domain/calendar/settings";
import { isPublicHolidayRegion, publicHolidaysBetween } from "@/server/domain/calendar/public-holidays";
import {
  changePeriod,
  changePublicHolidayRegion,
  importCalendar,
  previewImport,
  previewPeriodChange,
  previewRegionChange,
  type PeriodChange,
} from "@/server/domain/calendar/changes";
import { createSchoolYear, periodsBetween, schoolYearDetail, schoolYearsOverview, updateSchoolYear } from "@/server/domain/calendar/school-calendar";
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
  settings: reader.query(({ ctx }) => calendarSettings(ctx.scope.tenant)),

  /** School years, latest first, each saying whether the shipped official dataset covers it. */
  schoolYears: reader.query(({ ctx }) => schoolYearsOverview(ctx.scope)),

  /** One school year with its holiday periods, closure days and (computed) public holidays, its summer included. */
  schoolYear: reader.input(z.object({ schoolYearId: z.uuid() })).query(({ ctx, input }) => schoolYearDetail(ctx.scope, input)),

  periods: reader.input(range).query(({ ctx, input }) => periodsBetween(ctx.scope, input)),

  publicHolidays: reader.input(range).query(({ ctx, input }) => publicHolidaysBetween(ctx.scope.tenant.publicHolidayRegion, input.from, input.to)),

  createSchoolYear: writer.input(yearFields).mutation(({ ctx, input }) => createSchoolYear(ctx.scope, input)),

  /** Label and dates; refused when existing bookings would fall outside the year. */
  updateSchoolYear: writer.input(yearFields.extend({ schoolYearId: z.uuid() })).mutation(({ ctx, input }) => updateSchoolYear(ctx.scope, input)),

  /** How many bookings adding, editing or deleting a period would cancel (nothing is written). */
  periodImpact: writer.input(periodChange).query(({ ctx, input }) => previewPeriodChange(ctx.scope, input)),

  addPeriod: writer.input(period).mutation(async ({ ctx, input }) => {
    const { period, cancelled } = await changePeriod(ctx.scope, { action: "add", period: input });
    return { ...period!, cancelled };
  }),

  updatePeriod: writer.input(period.extend({ periodId: z.uuid() })).mutation(async ({ ctx, input: { periodId, ...input } }) => {
    const { period, cancelled } = await changePeriod(ctx.scope, { action: "update", periodId, period: input });
    return { ...period!, cancelled };
  }),

  deletePeriod: writer
    .input(z.object({ periodId: z.uuid() }))
    .mutation(async ({ ctx, input }) => ({ cancelled: (await changePeriod(ctx.scope, { action: "delete", periodId: input.periodId })).cancelled })),

  /** What importing the file would do, bookings cancelled included; nothing is written (a mutation only for the file's size). */
  previewImport: writer.input(importFile).mutation(({ ctx, input }) => previewImport(ctx.scope, input)),

  /** The official "Calendrier scolaire" export (CSV or JSON text) for the commune's zone. */
  importPeriods: writer.input(importFile).mutation(({ ctx, input }) => importCalendar(ctx.scope, input)),

  /** How many bookings another public-holiday region would cancel (nothing is written). */
  regionImpact: writer.input(region).query(({ ctx, input }) => previewRegionChange(ctx.scope, input)),

  setPublicHolidayRegion: writer.input(region).mutation(({ ctx, input }) => changePublicHolidayRegion(ctx.scope, input)),
});
