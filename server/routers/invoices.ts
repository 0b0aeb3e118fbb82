import { z } from "zod";
import { issueBatch, listRuns, previewRun } from "@/server/domain/billing/invoice-run";
import { runSchedule, scheduleInput, setSchedule } from "@/server/domain/billing/run-scheduler";
import {
  familyInvoices,
  householdInvoices,
  invoiceDeliveries,
  invoiceDetail,
  issueCreditNote,
  setInvoiceDelivery,
  setInvoiceHidden,
} from "@/server/domain/billing/invoices";
import { runDetail } from "@/server/domain/billing/run-exports";
import { suggestedRunFor } from "@/server/domain/billing/suggested-run";
import { messages } from "@/common/messages";
import { parentProcedure, router, staffProcedure } from "@/server/trpc";

const admin = staffProcedure("admin");
const frontDesk = staffProcedure("admin", "agent");

const run = z.object({
  period: z.string().max(7).regex(/^\d{4}-(0[1-9]|1[0-2])$/, messages.billing.invalidPeriod),
  mode: z.enum(["advance", "arrears"]),
});
const invoice = z.object({ invoiceId: z.uuid() });

export const invoicesRouter = router({
  /** Admin: what a run would issue, household by household; writes nothing. */
  previewRun: admin.input(run).query(({ ctx, input }) => previewRun(ctx.scope, input)),

  /** Admin: issues the next households of a run (this procedure's transaction); call again until `done`. */
  issueBatch: admin.input(run.extend({ runId: z.uuid().optional() })).mutation(async ({ ctx, input }) => {
    const result = await issueBatch(ctx.scope, input);
    return { runId: result.runId, issuedInBatch: result.issued.length, invoiceCount: result.invoiceCount, totalCents: result.totalCents, remaining: result.remaining, done: result.done };
  }),

  runs: admin.query(({ ctx }) => listRuns(ctx.scope)),

  /** Admin: a past run's invoices, in reference order, each saying whether it goes by post. */
  runDetail: admin.input(z.object({ runId: z.uuid() })).query(({ ctx, input }) => runDetail(ctx.scope, input)),

  /** Admin: the run the form proposes (this month while not issued, else next; arrears only: last month). */
  suggestedRun: admin.query(({ ctx }) => suggestedRunFor(ctx.scope)),

  /** Admin: whether runs start on their own, and on which days. */
  schedule: admin.query(({ ctx }) => runSchedule(ctx.scope)),
  setSchedule: admin.input(scheduleInput).mutation(({ ctx, input }) => setSchedule(ctx.scope.tenant.id, input)),

  /** Front desk: a household's invoices. */
  householdInvoices: frontDesk.input(z.object({ householdId: z.uuid() })).query(({ ctx, input }) => householdInvoices(ctx.scope, input)),

  /** Front desk: one invoice of any household of the commune. */
  staffDetail: frontDesk.input(invoice).query(({ ctx, input }) => invoiceDetail(ctx.scope, input)),

  /** Front desk: an avoir against an end-of-month invoice. */
  creditNote: frontDesk
    .input(z.object({ invoiceId: z.uuid(), amountCents: z.number().int().min(1).max(10_000_000), reason: z.string().trim().min(1, messages.billing.creditNote.reasonRequired).max(300) }))
    .mutation(({ ctx, input }) => issueCreditNote(ctx.scope, input)),

  /** Family: "Factures à payer" and "Factures payées". */
  mine: parentProcedure
    .input(z.object({ includeHidden: z.boolean().default(false) }).default({ includeHidden: false }))
    .query(({ ctx, input }) => familyInvoices(ctx.scope, input)),

  detail: parentProcedure.input(invoice).query(({ ctx, input }) => invoiceDetail(ctx.scope, input)),

  // The PDF is not a procedure: GET /api/factures/{commune}/{invoiceId}/pdf (server/downloads.ts).

  setHidden: parentProcedure.input(z.object({ invoiceId: z.uuid(), hidden: z.boolean() })).mutation(({ ctx, input }) => setInvoiceHidden(ctx.scope, input)),

  deliveries: parentProcedure.query(({ ctx }) => invoiceDeliveries(ctx.scope)),

  /** "Je choisis mon mode de réception de facture", for one of the caller's households. */
  setDelivery: parentProcedure
    .input(z.object({ householdId: z.uuid(), delivery: z.enum(["paper", "email"]) }))
    .mutation(({ ctx, input }) => setInvoiceDelivery(ctx.scope, input)),
});
