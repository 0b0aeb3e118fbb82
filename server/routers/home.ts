import { monthsInProgress } from "@/server/domain/billing/month-in-progress";
import { familyOverview } from "@/server/domain/home/overview";
import { parentProcedure, router } from "@/server/trpc";

/** A family's everyday summaries: its home per commune on `/compte`, and the month still to invoice. */
export const homeRouter = router({
  /** `/compte`: next booked days, what is due, next month's booking deadlines, what waits for the town hall. */
  overview: parentProcedure.query(({ ctx }) => familyOverview(ctx.scope)),

  /** Factures and Relevé (invoice communes): the months not invoiced yet, « à facturer ». */
  monthsInProgress: parentProcedure.query(({ ctx }) => monthsInProgress(ctx.scope)),
});
