import { z } from "zod";
import { withTenant } from "@/db/transaction";
import { applyBookingChanges, type Actor } from "@/server/domain/booking/bookings";
import { childrenOf, listEnrolments, requestEnrolment } from "@/server/domain/booking/enrolments";
import { enrolableActivities, getPlanning } from "@/server/domain/booking/planning";
import { periodKeys, previewTypicalWeek, typicalWeekPeriods } from "@/server/domain/booking/typical-week";
import { isCivilDate, todayIn } from "@/common/dates";
import { parentProcedure, router } from "@/server/trpc";

export const civilDate = z.string().refine(isCivilDate, "date invalide (AAAA-MM-JJ)");

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

const parentActor = (ctx: { user: { id: string }; access: { householdIds: string[] } }): Actor => ({
  userId: ctx.user.id,
  role: "parent",
  householdIds: ctx.access.householdIds,
});

export const reservationsRouter = router({
  children: parentProcedure.query(({ ctx }) => withTenant(ctx.tenant.id, (tx) => childrenOf(tx, ctx.tenant.id, ctx.access.householdIds))),

  planning: parentProcedure
    .input(z.object({ childId: z.uuid() }).and(dayRange))
    .query(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) => getPlanning(tx, ctx.tenant, parentActor(ctx), input.childId, input.from, input.to)),
    ),

  /** Ticks and unticks of the planning, checked again one by one on the server. */
  applyChanges: parentProcedure
    .input(z.object({ changes: z.array(bookingChange).min(1).max(400) }))
    .mutation(({ ctx, input }) => applyBookingChanges(ctx.scope, { changes: input.changes })),

  /** The periods a typical week can cover for an activity, computed from the commune's school calendar. */
  typicalWeekPeriods: parentProcedure
    .input(z.object({ activityId: z.uuid() }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => typicalWeekPeriods(tx, ctx.tenant, input.activityId))),

  previewTypicalWeek: parentProcedure
    .input(z.object({ childId: z.uuid(), activityId: z.uuid(), weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7), periodKey: z.enum(periodKeys) }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => previewTypicalWeek(tx, ctx.tenant, parentActor(ctx), input))),

  enrolments: parentProcedure.query(({ ctx }) =>
    withTenant(ctx.tenant.id, async (tx) => {
      const kids = await childrenOf(tx, ctx.tenant.id, ctx.access.householdIds);
      return listEnrolments(tx, ctx.tenant.id, { childIds: kids.map((k) => k.id) });
    }),
  ),

  enrolableActivities: parentProcedure.query(({ ctx }) =>
    withTenant(ctx.tenant.id, (tx) => enrolableActivities(tx, ctx.tenant.id, todayIn(ctx.tenant.timeZone))),
  ),

  requestEnrolment: parentProcedure
    .input(z.object({ childId: z.uuid(), activityId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) => requestEnrolment(tx, ctx.tenant, parentActor(ctx), input.childId, input.activityId)),
    ),
});
