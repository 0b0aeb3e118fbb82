import { z } from "zod";
import { decideEnrolment, listEnrolments } from "@/server/domain/booking/enrolments";
import { router, staffProcedure } from "@/server/trpc";

const frontDesk = staffProcedure("admin", "agent");

/** The front desk's queue of enrolment requests (families ask through `reservations.requestEnrolment`). */
export const enrolmentsRouter = router({
  list: frontDesk
    .input(z.object({ status: z.enum(["pending", "accepted", "refused", "withdrawn"]).optional() }))
    .query(({ ctx, input }) => listEnrolments(ctx.scope, { status: input.status })),

  decide: frontDesk
    .input(z.object({ enrolmentId: z.uuid(), decision: z.enum(["accepted", "refused"]), reason: z.string().max(500).optional() }))
    .mutation(({ ctx, input }) => decideEnrolment(ctx.scope, input)),
});
