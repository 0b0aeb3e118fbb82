import { z } from "zod";
import { applyBookingChanges } from "@/server/domain/booking/bookings";
import { childrenOf, familyEnrolments, requestEnrolment } from "@/server/domain/booking/enrolments";
import { enrolableActivities, getPlanning } from "@/server/domain/booking/planning";
import { periodKeys, previewTypicalWeek, typicalWeekPeriods } from "@/server/domain/booking/typical-week";
import { isCivilDate } from "@/common/dates";
import { parentProcedure, router } from "@/server/trpc";

export const civilDate = z.string().max(10).refine(isCivilDate, "date invalide (AAAA-MM-JJ)");

/** A range of days, at most about two months, `from` before `to`. */
export const dayRange = z
  .object({ from: civilDate, to: civilDate })
  .refine((r) => r.from <= r.to, { message: "la date de fin précède la date de début", path: ["to"] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 <= 62, { message: "62 jours au maximum", path: ["to"] });

export const bookingChange = z.object({
  childId: z.uuid(),
  activityId: z.uuid(),
  date: civilDate,
  action: z.enum(["book", "cancel", "waitlist"]),
});

export const reservationsRouter = router({
  children: parentProcedure.query(({ ctx }) => childrenOf(ctx.scope)),

  planning: parentProcedure.input(z.object({ childId: z.uuid() }).and(dayRange)).query(({ ctx, input }) => getPlanning(ctx.scope, input)),

  /** Ticks and unticks of the planning, checked again one by one on the server. */
  applyChanges: parentProcedure
    .input(z.object({ changes: z.array(bookingChange).min(1).max(400) }))
    .mutation(({ ctx, input }) => applyBookingChanges(ctx.scope, { changes: input.changes })),

  /** The periods a typical week can cover for an activity, computed from the commune's school calendar. */
  typicalWeekPeriods: parentProcedure.input(z.object({ activityId: z.uuid() })).query(({ ctx, input }) => typicalWeekPeriods(ctx.scope, input)),

  previewTypicalWeek: parentProcedure
    .input(z.object({ childId: z.uuid(), activityId: z.uuid(), weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7), periodKey: z.enum(periodKeys) }))
    .query(({ ctx, input }) => previewTypicalWeek(ctx.scope, input)),

  enrolments: parentProcedure.query(({ ctx }) => familyEnrolments(ctx.scope)),

  enrolableActivities: parentProcedure.query(({ ctx }) => enrolableActivities(ctx.scope)),

  requestEnrolment: parentProcedure.input(z.object({ childId: z.uuid(), activityId: z.uuid() })).mutation(({ ctx, input }) => requestEnrolment(ctx.scope, input)),
});
