import { z } from "zod";
import { addDocumentType, listDocumentTypes, updateDocumentType } from "@/server/domain/preregistration/document-types";
import { applicationsOfUser, myApplication, saveDraft, submitApplication } from "@/server/domain/preregistration/applications";
import { removeApplicationDocument } from "@/server/domain/preregistration/documents";
import { decideApplication, getApplication, listApplications } from "@/server/domain/preregistration/review";
import { applicationDraft, decisionInput, documentTypeInput } from "@/common/preregistration";
import { now as clockNow } from "@/common/clock";
import { applicantProcedure, applicantProcedureNoTx, authedProcedure, router, staffProcedure } from "@/server/trpc";

const frontDesk = staffProcedure("admin", "agent");
const admin = staffProcedure("admin");

/** Online pre-registration: the family's form (any signed-in account), the staff queue, the commune's document list. */
export const preregistrationRouter = router({
  /** `/compte`: the account's pre-registrations in every commune. */
  myApplications: authedProcedure.query(({ ctx }) => applicationsOfUser(ctx.user.id)),

  /** The caller's application in this commune (or a fresh draft), what the commune asks for and offers. */
  mine: applicantProcedure.query(({ ctx }) => myApplication(ctx.scope)),

  /** Keeps the form as typed so far; the family comes back to it later. */
  saveDraft: applicantProcedure.input(applicationDraft).mutation(({ ctx, input }) => saveDraft(ctx.scope, input)),

  /** Sends it to the town hall, once complete (required documents included). */
  submit: applicantProcedure.mutation(({ ctx }) => submitApplication(ctx.scope)),

  /** Withdraws a document sent with the open application (uploads go through /api/preinscription/…). */
  removeDocument: applicantProcedureNoTx
    .input(z.object({ documentTypeId: z.uuid() }))
    .mutation(({ ctx, input }) => removeApplicationDocument({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, input)),

  /** The staff queue. */
  list: frontDesk
    .input(z.object({ status: z.enum(["submitted", "needs_document", "accepted", "merged", "refused"]).optional() }))
    .query(({ ctx, input }) => listApplications(ctx.scope, input)),

  get: frontDesk.input(z.object({ applicationId: z.uuid() })).query(({ ctx, input }) => getApplication(ctx.scope, input)),

  /** Accept, merge into a family file, ask for a document, or refuse with a reason; the family is e-mailed. */
  decide: frontDesk.input(decisionInput).mutation(({ ctx, input }) => decideApplication(ctx.scope, input)),

  /** The commune's settings: the documents asked for, and which are required. */
  documentTypes: admin.query(({ ctx }) => listDocumentTypes(ctx.scope, { withArchived: true })),
  addDocumentType: admin.input(documentTypeInput).mutation(({ ctx, input }) => addDocumentType(ctx.scope, input)),
  updateDocumentType: admin
    .input(documentTypeInput.extend({ documentTypeId: z.uuid(), archived: z.boolean() }))
    .mutation(({ ctx, input }) => updateDocumentType(ctx.scope, input)),
});
