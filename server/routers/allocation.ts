import { z } from "zod";
import { familyRounds, saveApplication, withdrawApplication } from "@/server/domain/allocation/applications";
import { publishRound } from "@/server/domain/allocation/publish";
import { closeRound, createRound, deleteRound, listRounds, openRound, roundDetail, updateFirstComeRound, updateRound } from "@/server/domain/allocation/rounds";
import { adjustPlace, runAllocation, setSocialPriority, verifyRound } from "@/server/domain/allocation/run";
import { adjustInput, applicationInput, firstComeEditInput, roundInput } from "@/common/allocation";
import { parentProcedure, router, staffProcedure } from "@/server/trpc";

const admin = staffProcedure("admin");
const frontDesk = staffProcedure("admin", "agent");
const round = z.object({ roundId: z.uuid() });

/** Fair allocation of oversubscribed places (issue #15): rounds for staff, applications and results for families. */
export const allocationRouter = router({
  /** The commune's rounds. */
  list: frontDesk.query(({ ctx }) => listRounds(ctx.scope)),
  /** One round: weeks, applications with their results, adjustments. */
  get: frontDesk.input(round).query(({ ctx, input }) => roundDetail(ctx.scope, input)),
  create: admin.input(roundInput).mutation(({ ctx, input }) => createRound(ctx.scope, input)),
  update: admin.input(roundInput.and(round)).mutation(({ ctx, input }) => updateRound(ctx.scope, input)),
  /** A first-come round's name, opening and residents' early opening, at any time. */
  updateFirstCome: admin.input(firstComeEditInput).mutation(({ ctx, input }) => updateFirstComeRound(ctx.scope, input)),
  /** A first-come round, or a round by application still in draft. */
  remove: admin.input(round).mutation(({ ctx, input }) => deleteRound(ctx.scope, input)),
  open: admin.input(round).mutation(({ ctx, input }) => openRound(ctx.scope, input)),
  /** Closes the window and draws the seed. */
  close: admin.input(round).mutation(({ ctx, input }) => closeRound(ctx.scope, input)),
  run: admin.input(round).mutation(({ ctx, input }) => runAllocation(ctx.scope, input)),
  adjust: admin.input(adjustInput).mutation(({ ctx, input }) => adjustPlace(ctx.scope, input)),
  setSocial: frontDesk.input(round.extend({ applicationId: z.uuid(), socialPriority: z.boolean() })).mutation(({ ctx, input }) => setSocialPriority(ctx.scope, input)),
  publish: admin.input(round).mutation(({ ctx, input }) => publishRound(ctx.scope, input)),
  /** Runs the engine again on what was recorded and compares. */
  verify: frontDesk.input(round).query(({ ctx, input }) => verifyRound(ctx.scope, input)),

  /** The family's rounds, applications and (once published) results. */
  mine: parentProcedure.query(({ ctx }) => familyRounds(ctx.scope)),
  saveApplication: parentProcedure.input(applicationInput).mutation(({ ctx, input }) => saveApplication(ctx.scope, input)),
  withdraw: parentProcedure.input(round.extend({ childId: z.uuid() })).mutation(({ ctx, input }) => withdrawApplication(ctx.scope, input)),
});
