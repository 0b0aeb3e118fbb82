import { withTenant } from "@/db/transaction";
import { linkableCommunes, linkHouseholdByCode, linkHouseholdInput } from "@/server/domain/family/activation";
import { getFamilyFiles, listCommunesOfUser } from "@/server/domain/family/households";
import { authedProcedure, parentProcedure, router } from "@/server/trpc";

export const familyRouter = router({
  /** `/compte`: every commune where the signed-in user has a family or a staff role. */
  myCommunes: authedProcedure.query(({ ctx }) => listCommunesOfUser(ctx.user.id)),

  /** `/compte`: the communes a family file may be added from. */
  linkableCommunes: authedProcedure.query(() => linkableCommunes()),

  /** `/compte` « Ajouter un dossier famille »: reference + activation code from an invoice; throttled. */
  linkHousehold: authedProcedure.input(linkHouseholdInput).mutation(({ ctx, input }) => linkHouseholdByCode(ctx.user.id, ctx.ip, input)),

  /** The caller's own family file(s) in the current commune. */
  myFamily: parentProcedure.query(({ ctx }) =>
    withTenant(ctx.tenant.id, (tx) => getFamilyFiles(tx, ctx.tenant.id, ctx.access.householdIds)),
  ),
});
