import { z } from "zod";
import { feedStatus, newFeedAddress, revokeFeed } from "@/server/domain/booking/calendar-feed";
import { parentProcedure, router } from "@/server/trpc";

/** The household must be one of the caller's own (the domain checks); anything else looks like it does not exist. */
const household = z.object({ householdId: z.uuid() });

export const calendarFeedRouter = router({
  /** Per household of the caller: whether a private calendar address is active (never the address itself). */
  status: parentProcedure.query(({ ctx }) => feedStatus(ctx.scope)),

  /** A new private address (the previous one stops working); shown this once. */
  create: parentProcedure.input(household).mutation(({ ctx, input }) => newFeedAddress(ctx.scope, input)),

  /** Stops the household's address from working. */
  revoke: parentProcedure.input(household).mutation(({ ctx, input }) => revokeFeed(ctx.scope, input)),
});
