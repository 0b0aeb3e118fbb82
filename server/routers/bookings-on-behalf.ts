import { z } from "zod";
import { applyBookingChanges } from "@/server/domain/booking/bookings";
import { getPlanning } from "@/server/domain/booking/planning";
import { router, staffProcedure } from "@/server/trpc";
import { bookingChange, dayRange } from "./reservations";

const frontDesk = staffProcedure("admin", "agent");

/** The front desk books on a family's behalf: the same planning and booking service as families, as staff. */
export const bookingsOnBehalfRouter = router({
  /** A child's planning as the front desk sees it (each day says what may be changed, and what only with a reason). */
  planning: frontDesk.input(z.object({ childId: z.uuid() }).and(dayRange)).query(({ ctx, input }) => getPlanning(ctx.scope, input)),

  /** Past the deadline only with a reason, recorded with the agent's name. */
  applyChanges: frontDesk
    .input(z.object({ changes: z.array(bookingChange).min(1).max(400), overrideReason: z.string().trim().max(300).optional() }))
    .mutation(({ ctx, input }) => applyBookingChanges(ctx.scope, { changes: input.changes, overrideReason: input.overrideReason || undefined })),
});
