import { z } from "zod";
import { emptyBasket, getBasket, parentHousehold, removeFromBasket } from "@/server/domain/billing/basket";
import { onlinePaymentStatus } from "@/server/domain/billing/online-payment";
import { startBasketPayment } from "@/server/domain/billing/payment-start";
import { parentProcedure, parentProcedureNoTx, router } from "@/server/trpc";
import { now as clockNow } from "@/common/clock";

const householdInput = z.object({ householdId: z.uuid().optional() }).optional();
const paymentRef = z.string().trim().min(1).max(100);

/** The prepaid basket of the parent's own household, and the status of an online payment (basket or invoices). */
export const basketRouter = router({
  /** Read-only: expired holds are already left out; the hold releaser (hold-releaser.ts) frees their places. */
  basket: parentProcedure.input(householdInput).query(async ({ ctx, input }) => {
    const { tx, tenant, actor } = ctx.scope;
    return getBasket(ctx.scope, { householdId: await parentHousehold(tx, tenant.id, actor.householdIds, input?.householdId) });
  }),

  removeFromBasket: parentProcedure.input(z.object({ bookingId: z.uuid(), householdId: z.uuid().optional() })).mutation(async ({ ctx, input }) => {
    const { tx, tenant, actor, now } = ctx.scope;
    return removeFromBasket(tx, tenant, await parentHousehold(tx, tenant.id, actor.householdIds, input.householdId), ctx.user.id, input.bookingId, now);
  }),

  emptyBasket: parentProcedure.input(householdInput).mutation(async ({ ctx, input }) => {
    const { tx, tenant, actor, now } = ctx.scope;
    return emptyBasket(tx, tenant, await parentHousehold(tx, tenant.id, actor.householdIds, input?.householdId), ctx.user.id, now);
  }),

  /** Opens a payment for the whole basket (amount computed by the server), then asks the provider, outside any transaction. */
  startPayment: parentProcedureNoTx
    .input(householdInput)
    .mutation(({ ctx, input }) => startBasketPayment({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, { householdId: input?.householdId })),

  paymentStatus: parentProcedure.input(z.object({ ref: paymentRef })).query(({ ctx, input }) => onlinePaymentStatus(ctx.scope, input)),
});
