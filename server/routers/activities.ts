import { z } from "zod";
import { withTenant } from "@/db/transaction";
import { archiveActivity, createActivity, getActivityDetail, listActivities, updateActivity } from "@/server/domain/activities/activities";
import { capacityByDay, listDayOverrides, setDayOverride } from "@/server/domain/activities/capacity";
import {
  activityInput,
  activityUpdateInput,
  dayOverrideInput,
  monthSchema,
  openingInput,
  overridesRangeInput,
  siteInput,
} from "@/server/domain/activities/inputs";
import { addOpening, deleteOpening, listOpenings } from "@/server/domain/activities/openings";
import { archiveSite, createSite, listSites, updateSite } from "@/server/domain/activities/sites";
import { router, staffProcedure } from "@/server/trpc";

/** Reads: the front desk sees how services are set up; writes: admins only. */
const reader = staffProcedure("admin", "agent");
const writer = staffProcedure("admin");

const activityId = z.object({ activityId: z.uuid() });

export const activitiesRouter = router({
  sites: reader.query(({ ctx }) => withTenant(ctx.tenant.id, (tx) => listSites(tx, ctx.tenant.id))),

  createSite: writer.input(siteInput).mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => createSite(tx, ctx.tenant.id, input))),

  updateSite: writer
    .input(siteInput.extend({ siteId: z.uuid() }))
    .mutation(({ ctx, input: { siteId, ...input } }) => withTenant(ctx.tenant.id, (tx) => updateSite(tx, ctx.tenant.id, siteId, input))),

  archiveSite: writer
    .input(z.object({ siteId: z.uuid(), archived: z.boolean() }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => archiveSite(tx, ctx.tenant.id, input.siteId, input.archived))),

  /** Every activity with its site and school year names and its rules in French. */
  list: reader.query(({ ctx }) => withTenant(ctx.tenant.id, (tx) => listActivities(tx, ctx.tenant.id))),

  get: reader.input(activityId).query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => getActivityDetail(tx, ctx.tenant.id, input.activityId))),

  create: writer.input(activityInput).mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => createActivity(tx, ctx.tenant.id, input))),

  update: writer.input(activityUpdateInput).mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => updateActivity(tx, ctx.tenant, input))),

  archive: writer
    .input(activityId.extend({ archived: z.boolean() }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => archiveActivity(tx, ctx.tenant.id, input.activityId, input.archived))),

  /** "Capacité par jour": each day of a month the activity would run, with places taken. */
  capacityByDay: reader
    .input(activityId.extend({ month: monthSchema }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => capacityByDay(tx, ctx.tenant, input))),

  dayOverrides: reader
    .input(overridesRangeInput)
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => listDayOverrides(tx, ctx.tenant.id, input))),

  setDayOverride: writer
    .input(dayOverrideInput)
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => setDayOverride(tx, ctx.tenant.id, input, { userId: ctx.user.id }))),

  openings: reader.input(activityId).query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => listOpenings(tx, ctx.tenant, input.activityId))),

  addOpening: writer.input(openingInput).mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => addOpening(tx, ctx.tenant, input))),

  deleteOpening: writer
    .input(z.object({ openingId: z.uuid() }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => deleteOpening(tx, ctx.tenant.id, input.openingId))),
});
