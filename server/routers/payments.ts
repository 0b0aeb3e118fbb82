import { z } from "zod";
import { households } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { and, eq } from "drizzle-orm";
import { parentHousehold } from "@/server/domain/billing/basket";
import { householdBalance, householdStatement } from "@/server/domain/billing/ledger";
import { counterMethods, recordCounterPayment, setDebtBlock, unpaidInvoices } from "@/server/domain/billing/payments";
import { payableInvoices, startInvoicePayment } from "@/server/domain/billing/invoice-payments";
import type { Tx } from "@/db";
import { notFound } from "@/server/errors";
import { messages } from "@/common/messages";
import { parseEuros } from "@/common/money";
import { parentProcedure, router, staffProcedure } from "@/server/trpc";

const frontDesk = staffProcedure("admin", "agent");

/** "12,50" → 1250; refuses anything that is not a positive amount, with a French message naming the field. */
const positiveEuros = z.string().max(40).transform((text, ctx) => {
  const cents = parseEuros(text);
  if (cents === null || cents <= 0) {
    ctx.addIssue({ code: "custom", message: messages.payments.amountInvalid.replace(/^Montant : /, "") });
    return z.NEVER;
  }
  return cents;
});

async function assertHousehold(tx: Tx, tenantId: string, householdId: string) {
  const [row] = await tx.select({ id: households.id }).from(households).where(and(eq(households.tenantId, tenantId), eq(households.id, householdId)));
  if (!row) throw notFound();
}

async function statementOf(tx: Tx, tenantId: string, householdId: string) {
  const lines = await householdStatement(tx, tenantId, householdId);
  return { lines, balanceCents: await householdBalance(tx, tenantId, householdId) };
}

/** Relevé de compte and payments at the counter (front desk), the family's own statement (parents). */
export const paymentsRouter = router({
  statement: frontDesk.input(z.object({ householdId: z.uuid() })).query(({ ctx, input }) =>
    withTenant(ctx.tenant.id, async (tx) => {
      await assertHousehold(tx, ctx.tenant.id, input.householdId);
      return statementOf(tx, ctx.tenant.id, input.householdId);
    }),
  ),

  unpaidInvoices: frontDesk.input(z.object({ householdId: z.uuid() })).query(({ ctx, input }) =>
    withTenant(ctx.tenant.id, async (tx) => {
      await assertHousehold(tx, ctx.tenant.id, input.householdId);
      return unpaidInvoices(tx, ctx.tenant.id, input.householdId);
    }),
  ),

  recordCounterPayment: frontDesk
    .input(
      z.object({
        householdId: z.uuid(),
        method: z.enum(counterMethods),
        amount: positiveEuros,
        reference: z.string().trim().max(200, messages.payments.referenceTooLong.replace(/^Référence : /, "")).default(""),
        allocations: z.array(z.object({ invoiceId: z.uuid(), amount: positiveEuros })).max(100).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) =>
        recordCounterPayment(tx, ctx.tenant, ctx.user.id, {
          householdId: input.householdId,
          method: input.method,
          amountCents: input.amount,
          reference: input.reference,
          allocations: input.allocations?.map((a) => ({ invoiceId: a.invoiceId, amountCents: a.amount })),
        }),
      ),
    ),

  myStatement: parentProcedure.input(z.object({ householdId: z.uuid().optional() }).optional()).query(({ ctx, input }) =>
    withTenant(ctx.tenant.id, async (tx) => statementOf(tx, ctx.tenant.id, await parentHousehold(tx, ctx.tenant.id, ctx.access.householdIds, input?.householdId))),
  ),

  /** Family: what each of its households can pay online now, invoice by invoice. */
  myPayableInvoices: parentProcedure.query(({ ctx }) => withTenant(ctx.tenant.id, (tx) => payableInvoices(tx, ctx.tenant, ctx.access.householdIds))),

  /** Family: one online payment for the invoices ticked (amounts decided by the server); then the provider's page. */
  payInvoicesOnline: parentProcedure
    .input(z.object({ invoiceIds: z.array(z.uuid()).max(100) }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => startInvoicePayment(tx, ctx.tenant, ctx.access.householdIds, input.invoiceIds))),

  debtBlock: staffProcedure("admin").query(({ ctx }) => ({ debtBlockCents: ctx.tenant.debtBlockCents })),

  /** Above this balance owed, parents cannot book any more; empty: never blocked. */
  setDebtBlock: staffProcedure("admin")
    .input(
      z.object({
        debtBlock: z.string().max(40).transform((text, ctx) => {
          if (!text.trim()) return null;
          const cents = parseEuros(text);
          if (cents === null) {
            ctx.addIssue({ code: "custom", message: messages.payments.debtBlockInvalid.replace(/^[^:]+ : /, "") });
            return z.NEVER;
          }
          return cents;
        }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await setDebtBlock(ctx.tenant.id, input.debtBlock);
      return { debtBlockCents: input.debtBlock };
    }),
});
