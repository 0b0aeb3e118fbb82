import { createFamily } from "@/server/domain/family/create-family";
import { newFamilyInput } from "@/common/family-input";
import { router, staffProcedure } from "@/server/trpc";

/** « Nouvelle famille » at the front desk. */
export const familyCreationRouter = router({
  create: staffProcedure("admin", "agent").input(newFamilyInput).mutation(({ ctx, input }) => createFamily(ctx.scope, input)),
});
