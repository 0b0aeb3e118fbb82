import { z } from "zod";
import { absenceReasons } from "@/db/schema";
import { CERTIFICATE_MAX_BYTES, familyAbsences, listAbsenceReports, reportAbsence, reviewAbsence } from "@/server/domain/absences/absences";
import { uploadInput } from "@/server/lib/uploads";
import { messages } from "@/common/messages";
import { parentProcedure, parentProcedureNoTx, router, staffProcedure } from "@/server/trpc";
import { now as clockNow } from "@/common/clock";
import { civilDate } from "./reservations";

const frontDesk = staffProcedure("admin", "agent");

/** Size and type are checked by the domain, with French messages naming the field; here the shape and a length cap. */
const certificate = uploadInput(CERTIFICATE_MAX_BYTES, messages.absences.certificate.tooLarge);

const report = z
  .object({
    bookingId: z.uuid().optional(),
    childId: z.uuid().optional(),
    activityId: z.uuid().optional(),
    date: civilDate.optional(),
    reason: z.enum(absenceReasons),
    comment: z.string().max(1000).optional(),
    certificate: certificate.nullish(),
  })
  .refine((r) => r.bookingId || (r.childId && r.activityId && r.date), { message: "réservation manquante", path: ["bookingId"] });

export const absencesRouter = router({
  /** The family's days past their cancellation deadline, and its reports (never another family's). */
  mine: parentProcedure.query(({ ctx }) => familyAbsences(ctx.scope)),

  /** The certificate goes to storage between transactions, so this procedure opens its own. */
  report: parentProcedureNoTx.input(report).mutation(({ ctx, input }) => reportAbsence({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, input)),

  /** Staff: the commune's reports by status. */
  list: frontDesk
    .input(z.object({ status: z.enum(["pending", "accepted", "rejected"]).optional() }))
    .query(({ ctx, input }) => listAbsenceReports(ctx.scope, input)),

  review: frontDesk
    .input(z.object({ reportId: z.uuid(), decision: z.enum(["accepted", "rejected"]) }))
    .mutation(({ ctx, input }) => reviewAbsence(ctx.scope, input)),
});
