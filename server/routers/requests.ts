import { z } from "zod";
import { requestStatuses } from "@/db/schema";
import { categoryInput, listCategories, saveCategory } from "@/server/domain/requests/categories";
import { acceptRequest, assignRequest, refuseRequest } from "@/server/domain/requests/decisions";
import { assignableStaff, inboxCounts, staffInbox } from "@/server/domain/requests/inbox";
import { familyRequests, REQUEST_FILE_MAX_BYTES, REQUEST_MAX_FILES, replyToRequest, requestDetail, submitRequest } from "@/server/domain/requests/requests";
import { uploadInput } from "@/server/lib/uploads";
import { messages } from "@/common/messages";
import { now as clockNow } from "@/common/clock";
import { parentProcedure, parentProcedureNoTx, router, staffProcedure, staffProcedureNoTx } from "@/server/trpc";
import { civilDate } from "./reservations";

/** Demandes: families send them and follow them; the front desk (or the admins, per category) handle them. */

const frontDesk = staffProcedure("admin", "agent");
const frontDeskNoTx = staffProcedureNoTx("admin", "agent");
const admin = staffProcedure("admin");

const attachments = z.array(uploadInput(REQUEST_FILE_MAX_BYTES, messages.demandes.files.tooLarge)).max(REQUEST_MAX_FILES, messages.demandes.tooManyFiles(REQUEST_MAX_FILES)).default([]);
const request = z.object({ requestId: z.uuid() });
const body = z.string().max(5000);

const outside = (ctx: { tenant: Parameters<typeof submitRequest>[0]["tenant"]; actor: Parameters<typeof submitRequest>[0]["actor"] }) => ({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() });

export const requestsRouter = router({
  /** The commune's categories (a family's form; archived ones for admins). */
  categories: parentProcedure.query(({ ctx }) => listCategories(ctx.scope)),
  staffCategories: frontDesk.query(({ ctx }) => listCategories(ctx.scope, { includeArchived: true })),
  saveCategory: admin.input(categoryInput).mutation(({ ctx, input }) => saveCategory(ctx.scope, input)),

  /** Family: sends a request (files checked and stored between transactions). */
  submit: parentProcedureNoTx
    .input(
      z.object({
        householdId: z.uuid().optional(),
        categoryId: z.uuid(),
        fields: z.record(z.string().max(40), z.string().max(2000)).refine((r) => Object.keys(r).length <= 20),
        invoiceId: z.uuid().nullish(),
        message: body.optional(),
        attachments,
      }),
    )
    .mutation(({ ctx, input }) => submitRequest(outside(ctx), input)),

  mine: parentProcedure.query(({ ctx }) => familyRequests(ctx.scope)),
  detail: parentProcedure.input(request).query(({ ctx, input }) => requestDetail(ctx.scope, input)),
  reply: parentProcedureNoTx
    .input(request.extend({ body, attachments }))
    .mutation(({ ctx, input }) => replyToRequest(outside(ctx), { requestId: input.requestId, body: input.body, attachments: input.attachments })),

  /** Staff: the inbox, with its filters. */
  inbox: frontDesk
    .input(
      z
        .object({
          categoryId: z.uuid().nullish(),
          status: z.enum([...requestStatuses, "open"]).nullish(),
          assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()]).nullish(),
          late: z.boolean().optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => staffInbox(ctx.scope, input)),
  counts: frontDesk.query(({ ctx }) => inboxCounts(ctx.scope)),
  assignable: frontDesk.query(({ ctx }) => assignableStaff(ctx.scope)),
  staffDetail: frontDesk.input(request).query(({ ctx, input }) => requestDetail(ctx.scope, input)),
  assign: frontDesk.input(request.extend({ assigneeUserId: z.uuid().nullable() })).mutation(({ ctx, input }) => assignRequest(ctx.scope, input)),
  answer: frontDeskNoTx
    .input(request.extend({ body, attachments, status: z.enum(["in_progress", "awaiting_family"]).default("awaiting_family") }))
    .mutation(({ ctx, input }) => replyToRequest(outside(ctx), input)),
  accept: frontDesk
    .input(
      request.extend({
        message: body.optional(),
        creditNote: z.object({ amountCents: z.number().int().min(1).max(10_000_000), reason: z.string().trim().min(1).max(300) }).nullish(),
        attendance: z.object({ childId: z.uuid(), from: civilDate, to: civilDate }).nullish(),
      }),
    )
    .mutation(({ ctx, input }) => acceptRequest(ctx.scope, input)),
  refuse: frontDesk.input(request.extend({ reason: z.string().max(2000) })).mutation(({ ctx, input }) => refuseRequest(ctx.scope, input)),
});
