import { z } from "zod";
import { withTenant } from "@/db/transaction";
import { issueBatch, listRuns, previewRun } from "@/server/domain/billing/invoice-run";
import { renderInvoicePdf } from "@/server/domain/billing/invoice-pdf";
import { activationCodeOf } from "@/server/domain/family/activation";
import { invoiceTimings, scheduleInput, scheduleOf, setSchedule } from "@/server/domain/billing/run-scheduler";
import {
  familyInvoices,
  householdInvoices,
  invoiceDeliveries,
  invoiceDetail,
  issueCreditNote,
  setInvoiceDelivery,
  setInvoiceHidden,
} from "@/server/domain/billing/invoices";
import { messages } from "@/common/messages";
import { parentProcedure, router, staffProcedure } from "@/server/trpc";

const admin = staffProcedure("admin");
const frontDesk = staffProcedure("admin", "agent");

const run = z.object({
  period: z.string().max(7).regex(/^\d{4}-(0[1-9]|1[0-2])$/, messages.billing.invalidPeriod),
  mode: z.enum(["advance", "arrears"]),
});

export const invoicesRouter = router({
  /** Admin: what a run would issue, household by household; writes nothing. */
  previewRun: admin.input(run).query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => previewRun(tx, ctx.tenant, input))),

  /** Admin: issues the next households of a run (its own transaction); call again until `done`. */
  issueBatch: admin
    .input(run.extend({ runId: z.uuid().optional() }))
    .mutation(async ({ ctx, input }) => {
      const result = await withTenant(ctx.tenant.id, (tx) => issueBatch(tx, ctx.tenant, ctx.user.id, input));
      return { runId: result.runId, issuedInBatch: result.issued.length, invoiceCount: result.invoiceCount, totalCents: result.totalCents, remaining: result.remaining, done: result.done };
    }),

  runs: admin.query(({ ctx }) => withTenant(ctx.tenant.id, (tx) => listRuns(tx, ctx.tenant.id))),

  /** Admin: whether runs start on their own, and on which days. */
  schedule: admin.query(async ({ ctx }) => {
    const timings = await withTenant(ctx.tenant.id, (tx) => invoiceTimings(tx, ctx.tenant));
    return { ...scheduleOf(ctx.tenant), timings: { advance: timings.has("advance"), arrears: timings.has("arrears") } };
  }),
  setSchedule: admin.input(scheduleInput).mutation(({ ctx, input }) => setSchedule(ctx.tenant.id, input)),

  /** Front desk: a household's invoices. */
  householdInvoices: frontDesk
    .input(z.object({ householdId: z.uuid() }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => householdInvoices(tx, ctx.tenant.id, input.householdId))),

  /** Front desk: one invoice of any household of the commune. */
  staffDetail: frontDesk
    .input(z.object({ invoiceId: z.uuid() }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => invoiceDetail(tx, ctx.tenant.id, null, input.invoiceId))),

  /** Front desk: the PDF of any invoice of the commune, base64 (same shape as `pdf`). */
  staffPdf: frontDesk.input(z.object({ invoiceId: z.uuid() })).query(async ({ ctx, input }) => {
    const { detail, activation } = await withTenant(ctx.tenant.id, async (tx) => {
      const detail = await invoiceDetail(tx, ctx.tenant.id, null, input.invoiceId);
      return { detail, activation: await activationCodeOf(tx, ctx.tenant.id, detail.householdId) };
    });
    const pdf = await renderInvoicePdf(detail, ctx.tenant, { activationCode: activation.code });
    return { filename: messages.billing.pdf.filename(detail.number), type: "application/pdf", base64: pdf.toString("base64") };
  }),

  /** Front desk: an avoir against an end-of-month invoice. */
  creditNote: frontDesk
    .input(z.object({ invoiceId: z.uuid(), amountCents: z.number().int().min(1).max(10_000_000), reason: z.string().trim().min(1, messages.billing.creditNote.reasonRequired).max(300) }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => issueCreditNote(tx, ctx.tenant, ctx.user.id, input))),

  /** Family: "Factures à payer" and "Factures payées". */
  mine: parentProcedure
    .input(z.object({ includeHidden: z.boolean().default(false) }).default({ includeHidden: false }))
    .query(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) => familyInvoices(tx, ctx.tenant.id, ctx.access.householdIds, { includeHidden: input.includeHidden })),
    ),

  detail: parentProcedure
    .input(z.object({ invoiceId: z.uuid() }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => invoiceDetail(tx, ctx.tenant.id, ctx.access.householdIds, input.invoiceId))),

  /** Family: the PDF, base64 (the browser saves it as a Blob). */
  pdf: parentProcedure.input(z.object({ invoiceId: z.uuid() })).query(async ({ ctx, input }) => {
    const { detail, activation } = await withTenant(ctx.tenant.id, async (tx) => {
      const detail = await invoiceDetail(tx, ctx.tenant.id, ctx.access.householdIds, input.invoiceId);
      return { detail, activation: await activationCodeOf(tx, ctx.tenant.id, detail.householdId) };
    });
    const pdf = await renderInvoicePdf(detail, ctx.tenant, { activationCode: activation.code });
    return { filename: messages.billing.pdf.filename(detail.number), type: "application/pdf", base64: pdf.toString("base64") };
  }),

  setHidden: parentProcedure
    .input(z.object({ invoiceId: z.uuid(), hidden: z.boolean() }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) => setInvoiceHidden(tx, ctx.tenant.id, ctx.access.householdIds, input.invoiceId, input.hidden)),
    ),

  deliveries: parentProcedure.query(({ ctx }) => withTenant(ctx.tenant.id, (tx) => invoiceDeliveries(tx, ctx.tenant.id, ctx.access.householdIds))),

  /** "Je choisis mon mode de réception de facture", for one of the caller's households. */
  setDelivery: parentProcedure
    .input(z.object({ householdId: z.uuid(), delivery: z.enum(["paper", "email"]) }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) => setInvoiceDelivery(tx, ctx.tenant.id, ctx.access.householdIds, input.householdId, input.delivery)),
    ),
});
