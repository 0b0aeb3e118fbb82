import { z } from "zod";
import { withTenant } from "@/db/transaction";
import { createFeed, feedStatus, feedUrls, revokeFeed } from "@/server/domain/booking/calendar-feed";
import { notFound } from "@/server/errors";
import { parentProcedure, router } from "@/server/trpc";

/** The household must be one of the caller's own; anything else looks like it does not exist. */
const ownHousehold = (householdIds: string[], householdId: string) => {
  if (!householdIds.includes(householdId)) throw notFound();
  return householdId;
};

export const calendarFeedRouter = router({
  /** Per household of the caller: whether a private calendar address is active (never the address itself). */
  status: parentProcedure.query(({ ctx }) => withTenant(ctx.tenant.id, (tx) => feedStatus(tx, ctx.tenant.id, ctx.access.householdIds))),

  /** A new private address (the previous one stops working); shown this once. */
  create: parentProcedure.input(z.object({ householdId: z.uuid() })).mutation(async ({ ctx, input }) => {
    const householdId = ownHousehold(ctx.access.householdIds, input.householdId);
    const feed = await withTenant(ctx.tenant.id, (tx) => createFeed(tx, ctx.tenant.id, householdId));
    return { ...feedUrls(ctx.tenant.slug, feed.token), createdAt: feed.createdAt };
  }),

  /** Stops the household's address from working. */
  revoke: parentProcedure
    .input(z.object({ householdId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) => revokeFeed(tx, ctx.tenant.id, ownHousehold(ctx.access.householdIds, input.householdId))),
    ),
});
