import { withTenant } from "@/db/transaction";
import { getFamilyFiles, listCommunesOfUser } from "@/server/domain/family/households";
import { authedProcedure, parentProcedure, router } from "@/server/trpc";

export const familyRouter = router({
  /** `/compte`: every commune where the signed-in user has a family or a staff role. */
  myCommunes: authedProcedure.query(({ ctx }) => listCommunesOfUser(ctx.user.id)),

  /** The caller's own family file(s) in the current commune. */
  myFamily: parentProcedure.query(({ ctx }) =>
    withTenant(ctx.tenant.id, (tx) => getFamilyFiles(tx, ctx.tenant.id, ctx.access.householdIds)),
  ),
});
