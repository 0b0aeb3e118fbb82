import { z } from "zod";
import { collectionSettingsInput, mandateInput } from "@/common/collection-input";
import { collectionSettingsFor, setCollectionSettings } from "@/server/domain/collection/settings";
import { mandateOverview, revokeMandate, signMandate } from "@/server/domain/collection/mandates";
import { createDebitRun, debitRunDetail, exportDebitRun, listDebitRuns, recordRejectedDebit } from "@/server/domain/collection/debit-runs";
import { listReminders, listTreasuryReferrals, runDueReminders } from "@/server/domain/collection/reminders";
import { certificatesOf, reissueCertificate } from "@/server/domain/collection/tax-certificates";
import { messages } from "@/common/messages";
import { parentProcedure, router, staffProcedure } from "@/server/trpc";

const admin = staffProcedure("admin");
const frontDesk = staffProcedure("admin", "agent");
const household = z.object({ householdId: z.uuid() });
const run = z.object({ runId: z.uuid() });
const civilDate = z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, messages.calendar.invalidDate);

/** Direct debit with an online mandate, reminders of unpaid invoices, tax certificates (docs/sepa-relances.md). */
export const collectionRouter = router({
  settings: admin.query(({ ctx }) => collectionSettingsFor(ctx.scope)),
  setSettings: admin.input(collectionSettingsInput).mutation(({ ctx, input }) => setCollectionSettings(ctx.scope, input)),

  /** Families: their mandate, sign one online, revoke it. */
  mandate: parentProcedure.query(({ ctx }) => mandateOverview(ctx.scope)),
  signMandate: parentProcedure.input(mandateInput).mutation(({ ctx, input }) => signMandate(ctx.scope, input)),
  revokeMandate: parentProcedure.mutation(({ ctx }) => revokeMandate(ctx.scope)),
  /** Front desk: a family's mandate, and revoking it on the family's written request. */
  householdMandate: frontDesk.input(household).query(({ ctx, input }) => mandateOverview(ctx.scope, input)),
  revokeHouseholdMandate: frontDesk.input(household).mutation(({ ctx, input }) => revokeMandate(ctx.scope, input)),

  debitRuns: frontDesk.query(({ ctx }) => listDebitRuns(ctx.scope)),
  debitRun: frontDesk.input(run).query(({ ctx, input }) => debitRunDetail(ctx.scope, input)),
  createDebitRun: frontDesk.input(z.object({ collectionDate: civilDate })).mutation(({ ctx, input }) => createDebitRun(ctx.scope, input)),
  exportDebitRun: frontDesk.input(run).mutation(({ ctx, input }) => exportDebitRun(ctx.scope, input)),
  recordRejection: frontDesk
    .input(z.object({ runId: z.uuid(), mandateId: z.uuid(), reason: z.string().max(4) }))
    .mutation(({ ctx, input }) => recordRejectedDebit(ctx.scope, input)),

  reminders: frontDesk.query(({ ctx }) => listReminders(ctx.scope)),
  treasury: frontDesk.query(({ ctx }) => listTreasuryReferrals(ctx.scope)),
  /** Admin: send the reminders due now rather than at the next hourly check. */
  runReminders: admin.mutation(({ ctx }) => runDueReminders(ctx.scope)),

  certificates: parentProcedure.query(({ ctx }) => certificatesOf(ctx.scope)),
  householdCertificates: frontDesk.input(household).query(({ ctx, input }) => certificatesOf(ctx.scope, input)),
  reissueCertificate: frontDesk
    .input(z.object({ householdId: z.uuid(), year: z.number().int().min(2000).max(2199) }))
    .mutation(({ ctx, input }) => reissueCertificate(ctx.scope, input)),
});
