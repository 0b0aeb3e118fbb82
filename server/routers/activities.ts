import { z } from "zod";
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
  sites: reader.query(({ ctx }) => listSites(ctx.scope)),

  createSite: writer.input(siteInput).mutation(({ ctx, input }) => createSite(ctx.scope, input)),

  updateSite: writer.input(siteInput.extend({ siteId: z.uuid() })).mutation(({ ctx, input }) => updateSite(ctx.scope, input)),

  archiveSite: writer.input(z.object({ siteId: z.uuid(), archived: z.boolean() })).mutation(({ ctx, input }) => archiveSite(ctx.scope, input)),

  /** Every activity with its site and school year names and its rules in French. */
  list: reader.query(({ ctx }) => listActivities(ctx.scope)),

  get: reader.input(activityId).query(({ ctx, input }) => getActivityDetail(ctx.scope, input)),

  create: writer.input(activityInput).mutation(({ ctx, input }) => createActivity(ctx.scope, input)),

  update: writer.input(activityUpdateInput).mutation(({ ctx, input }) => updateActivity(ctx.scope, input)),

  archive: writer.input(activityId.extend({ archived: z.boolean() })).mutation(({ ctx, input }) => archiveActivity(ctx.scope, input)),

  /** "Capacité par jour": each day of a month the activity would run, with places taken. */
  capacityByDay: reader.input(activityId.extend({ month: monthSchema })).query(({ ctx, input }) => capacityByDay(ctx.scope, input)),

  dayOverrides: reader.input(overridesRangeInput).query(({ ctx, input }) => listDayOverrides(ctx.scope, input)),

  setDayOverride: writer.input(dayOverrideInput).mutation(({ ctx, input }) => setDayOverride(ctx.scope, input)),

  openings: reader.input(activityId).query(({ ctx, input }) => listOpenings(ctx.scope, input)),

  addOpening: writer.input(openingInput).mutation(({ ctx, input }) => addOpening(ctx.scope, input)),

  deleteOpening: writer.input(z.object({ openingId: z.uuid() })).mutation(({ ctx, input }) => deleteOpening(ctx.scope, input)),
});
