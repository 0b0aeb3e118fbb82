import { z } from "zod";
import { linkableCommunes, linkHouseholdByCode, linkHouseholdInput } from "@/server/domain/family/activation";
import { PHOTO_MAX_BYTES, setChildPhoto } from "@/server/domain/family/child-photo";
import { getFamilyFiles, listCommunesOfUser } from "@/server/domain/family/households";
import { uploadInput } from "@/server/lib/uploads";
import { messages } from "@/common/messages";
import { now as clockNow } from "@/common/clock";
import { emailPreferences, setEmailPreferences } from "@/server/domain/home/preferences";
import { authedProcedure, parentProcedure, parentProcedureNoTx, router } from "@/server/trpc";

/** Type, size and content are checked by the domain, with French messages naming the field; here the shape and a length cap. */
export const photoInput = z.object({
  childId: z.uuid(),
  photo: uploadInput(PHOTO_MAX_BYTES, messages.childPhoto.tooLarge).nullable(),
});

export const familyRouter = router({
  /** `/compte`: every commune where the signed-in user has a family or a staff role. */
  myCommunes: authedProcedure.query(({ ctx }) => listCommunesOfUser(ctx.user.id)),

  /** `/compte`: the communes a family file may be added from. */
  linkableCommunes: authedProcedure.query(() => linkableCommunes()),

  /** `/compte`: whether booking confirmations are e-mailed (default yes). */
  emailPreferences: authedProcedure.query(({ ctx }) => emailPreferences(ctx.user.id)),
  setEmailPreferences: authedProcedure.input(z.object({ bookingEmails: z.boolean() })).mutation(({ ctx, input }) => setEmailPreferences(ctx.user.id, input)),

  /** `/compte` « Ajouter un dossier famille »: reference + activation code from an invoice; throttled. */
  linkHousehold: authedProcedure.input(linkHouseholdInput).mutation(({ ctx, input }) => linkHouseholdByCode(ctx.user.id, ctx.ip, input)),

  /** The caller's own family file(s) in the current commune. */
  myFamily: parentProcedure.query(({ ctx }) => getFamilyFiles(ctx.scope)),

  /** Adds, replaces or removes (null) the photo of one of the caller's own children. */
  setChildPhoto: parentProcedureNoTx.input(photoInput).mutation(({ ctx, input }) => setChildPhoto({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, input)),
});
