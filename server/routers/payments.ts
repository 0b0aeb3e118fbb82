import { z } from "zod";
import { withTenant } from "@/db/transaction";
import { parentHousehold } from "@/server/domain/billing/basket";
import { statementWithBalance } from "@/server/domain/billing/ledger";
import { counterMethods, recordCounterPayment, setDebtBlock, unpaidInvoicesOf } from "@/server/domain/billing/payments";
import { payableInvoices } from "@/server/domain/billing/invoice-payments";
import { startInvoicePayment } from "@/server/domain/billing/payment-start";
import { now as clockNow } from "@/common/clock";
import { messages } from "@/common/messages";
import { parseEuros } from "@/common/money";
import { parentProcedure, parentProcedureNoTx, router, staffProcedure } from "@/server/trpc";

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

/** Relevé de compte and payments at the counter (front desk), the family's own statement (parents). */
export const paymentsRouter = router({
  statement: frontDesk.input(z.object({ householdId: z.uuid() })).query(({ ctx, input }) => statementWithBalance(ctx.scope, input)),

  unpaidInvoices: frontDesk.input(z.object({ householdId: z.uuid() })).query(({ ctx, input }) => unpaidInvoicesOf(ctx.scope, input)),

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

  myStatement: parentProcedure
    .input(z.object({ householdId: z.uuid().optional() }).optional())
    .query(async ({ ctx, input }) =>
      statementWithBalance(ctx.scope, { householdId: await parentHousehold(ctx.scope.tx, ctx.tenant.id, ctx.access.householdIds, input?.householdId) }),
    ),

  /** Family: what each of its households can pay online now, invoice by invoice. */
  myPayableInvoices: parentProcedure.query(({ ctx }) => payableInvoices(ctx.scope)),

  /** Family: one online payment for the invoices ticked (amounts decided by the server), then the provider's page, asked outside any transaction. */
  payInvoicesOnline: parentProcedureNoTx
    .input(z.object({ invoiceIds: z.array(z.uuid()).max(100) }))
    .mutation(({ ctx, input }) => startInvoicePayment({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, input)),

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
