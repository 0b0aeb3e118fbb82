import { z } from "zod";
import { erasureStatus, listErasureRequests, processErasure, requestErasure } from "@/server/domain/rgpd/erasure";
import { journal, journalFamilies } from "@/server/domain/rgpd/journal";
import { lastRetentionReport } from "@/server/domain/rgpd/retention";
import { retentionSettingsInput, retentionSettingsOf, setRetentionSettings } from "@/server/domain/rgpd/settings";
import { parentProcedure, router, staffProcedure, staffProcedureNoTx } from "@/server/trpc";
import { now as clockNow } from "@/common/clock";

const admin = staffProcedure("admin");
const household = z.object({ householdId: z.uuid() });

/** RGPD rights of families (the export is a download route), erasure requests, retention and the audit log. */
export const rgpdRouter = router({
  /** A parent asks for their household's data to be erased. */
  requestErasure: parentProcedure.input(household).mutation(({ ctx, input }) => requestErasure(ctx.scope, input)),

  /** A parent: whether an erasure of this household is pending. */
  erasureStatus: parentProcedure.input(household).query(({ ctx, input }) => erasureStatus(ctx.scope, input)),

  /** Admins: the erasure requests, pending first. */
  erasureRequests: admin.query(({ ctx }) => listErasureRequests(ctx.scope)),

  /** Admins: erases the family (accounts kept, pseudonymised), then its uploads in storage. */
  processErasure: staffProcedureNoTx("admin")
    .input(z.object({ requestId: z.uuid() }))
    .mutation(({ ctx, input }) => processErasure({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, input)),

  /** Admins: the retention periods and what the last daily run did. */
  retention: admin.query(async ({ ctx }) => ({ settings: retentionSettingsOf(ctx.scope.tenant), lastReport: await lastRetentionReport(ctx.scope) })),

  setRetentionSettings: admin.input(retentionSettingsInput).mutation(({ ctx, input }) => setRetentionSettings(ctx.scope.tenant.id, input)),

  /** Admins: the log of actions on family files, newest first, a page at a time, optionally for one family. */
  journal: admin
    .input(z.object({ householdId: z.uuid().optional(), page: z.number().int().min(0).max(100_000).optional() }))
    .query(({ ctx, input }) => journal(ctx.scope, input)),

  journalFamilies: admin.query(({ ctx }) => journalFamilies(ctx.scope)),
});
