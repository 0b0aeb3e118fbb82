import { z } from "zod";
import { changeFile } from "@/server/domain/family-file/changes";
import { decideChange, pendingChanges } from "@/server/domain/family-file/decide";
import { familyFile, fileHistory } from "@/server/domain/family-file/file";
import { healthViews } from "@/server/domain/family-file/health-views";
import { markReviewed, myReview, reviewStatus, startReview } from "@/server/domain/family-file/review";
import { fileSettings, setFileSettings } from "@/server/domain/family-file/settings";
import { decideChangeInput, fileChangeInput, fileSettingsInput } from "@/common/family-file";
import { parentProcedure, router, staffProcedure } from "@/server/trpc";

const household = z.object({ householdId: z.uuid() });

/** A family's own file: read it, change a section (at once or pending, as the commune chose), confirm it for the new year. Documents are uploaded through their own route (server/family-file-files.ts). */
export const familyFileRouter = router({
  get: parentProcedure.input(household).query(({ ctx, input }) => familyFile(ctx.scope, input)),
  change: parentProcedure.input(fileChangeInput).mutation(({ ctx, input }) => changeFile(ctx.scope, input)),
  history: parentProcedure.input(household).query(({ ctx, input }) => fileHistory(ctx.scope, input)),
  review: parentProcedure.input(household).query(({ ctx, input }) => myReview(ctx.scope, input)),
  markReviewed: parentProcedure.input(household).mutation(({ ctx, input }) => markReviewed(ctx.scope, input)),
});

const frontDesk = staffProcedure("admin", "agent");
const admins = staffProcedure("admin");

/** The front desk's side of family files: edit anything, decide pending changes; admins set the rules and read the health views. */
export const familyFilesRouter = router({
  get: frontDesk.input(household).query(({ ctx, input }) => familyFile(ctx.scope, input)),
  change: frontDesk.input(fileChangeInput).mutation(({ ctx, input }) => changeFile(ctx.scope, input)),
  history: frontDesk.input(household).query(({ ctx, input }) => fileHistory(ctx.scope, input)),
  pending: frontDesk.query(({ ctx }) => pendingChanges(ctx.scope)),
  decide: frontDesk.input(decideChangeInput).mutation(({ ctx, input }) => decideChange(ctx.scope, input)),
  settings: admins.query(({ ctx }) => fileSettings(ctx.scope)),
  setSettings: admins.input(fileSettingsInput).mutation(({ ctx, input }) => setFileSettings(ctx.scope, input)),
  /** « Consultations des données de santé »: the commune's, or one family's. */
  healthViews: admins.input(z.object({ householdId: z.uuid().optional() })).query(({ ctx, input }) => healthViews(ctx.scope, input)),
  startReview: admins.mutation(({ ctx }) => startReview(ctx.scope)),
  reviewStatus: admins.query(({ ctx }) => reviewStatus(ctx.scope)),
});
