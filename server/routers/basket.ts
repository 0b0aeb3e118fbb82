import { z } from "zod";
import { withTenant } from "@/db/transaction";
import { emptyBasket, getBasket, parentHousehold, releaseExpiredHolds, removeFromBasket, startBasketPayment } from "@/server/domain/billing/basket";
import { onlinePaymentStatus, settleDemoPayment } from "@/server/domain/billing/online-payment";
import { parentProcedure, router } from "@/server/trpc";

const householdInput = z.object({ householdId: z.uuid().optional() }).optional();
const paymentRef = z.string().trim().min(1).max(100);

/** The prepaid basket of the parent's own household, and the demonstration payment provider (basket and invoices). */
export const basketRouter = router({
  basket: parentProcedure.input(householdInput).query(({ ctx, input }) =>
    withTenant(ctx.tenant.id, async (tx) => {
      const householdId = await parentHousehold(tx, ctx.tenant.id, ctx.access.householdIds, input?.householdId);
      await releaseExpiredHolds(tx, ctx.tenant);
      return getBasket(tx, ctx.tenant, householdId);
    }),
  ),

  removeFromBasket: parentProcedure
    .input(z.object({ bookingId: z.uuid(), householdId: z.uuid().optional() }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, async (tx) => {
        const householdId = await parentHousehold(tx, ctx.tenant.id, ctx.access.householdIds, input.householdId);
        return removeFromBasket(tx, ctx.tenant, householdId, ctx.user.id, input.bookingId);
      }),
    ),

  emptyBasket: parentProcedure.input(householdInput).mutation(({ ctx, input }) =>
    withTenant(ctx.tenant.id, async (tx) => {
      const householdId = await parentHousehold(tx, ctx.tenant.id, ctx.access.householdIds, input?.householdId);
      return emptyBasket(tx, ctx.tenant, householdId, ctx.user.id);
    }),
  ),

  /** Opens a payment for the whole basket; the amount is computed here, never sent by the browser. */
  startPayment: parentProcedure.input(householdInput).mutation(({ ctx, input }) =>
    withTenant(ctx.tenant.id, async (tx) => {
      const householdId = await parentHousehold(tx, ctx.tenant.id, ctx.access.householdIds, input?.householdId);
      // The household lock comes before any day's lock (server/domain/billing/payments.ts), so holds are released after.
      const start = await startBasketPayment(tx, ctx.tenant, householdId);
      await releaseExpiredHolds(tx, ctx.tenant);
      return start;
    }),
  ),

  /** The demonstration provider's answer (a basket or invoices), applied through the same path as a future webhook; NOT_FOUND where that provider is not configured. */
  demoSettle: parentProcedure
    .input(z.object({ ref: paymentRef, outcome: z.enum(["succeeded", "failed"]) }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, async (tx) => {
        return settleDemoPayment(tx, ctx.tenant, ctx.access.householdIds, input.ref, input.outcome);
      }),
    ),

  paymentStatus: parentProcedure
    .input(z.object({ ref: paymentRef }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => onlinePaymentStatus(tx, ctx.tenant, ctx.access.householdIds, input.ref))),
});
