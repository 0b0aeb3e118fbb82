import { z } from "zod";
import { documentCategories } from "@/db/schema";
import {
  DOCUMENT_MAX_BYTES,
  deleteNews,
  familyPublications,
  newsInput,
  profileInput,
  publicPage,
  publishDocument,
  saveCommuneProfile,
  saveNews,
  staffPublications,
  withdrawDocument,
} from "@/server/domain/publications/publications";
import { uploadInput } from "@/server/lib/uploads";
import { messages } from "@/common/messages";
import { now as clockNow } from "@/common/clock";
import { parentProcedure, publicProcedure, router, staffProcedure, staffProcedureNoTx } from "@/server/trpc";

/** News, documents and the commune's public page (server/domain/publications). */

const admin = staffProcedure("admin");
const adminNoTx = staffProcedureNoTx("admin");

export const publicationsRouter = router({
  /** Anyone, signed in or not: the commune's public page (404 for an unknown or suspended commune). */
  publicPage: publicProcedure.input(z.object({ slug: z.string().max(100) })).query(({ input }) => publicPage(input.slug, clockNow())),

  forFamily: parentProcedure.query(({ ctx }) => familyPublications(ctx.scope)),

  staff: admin.query(({ ctx }) => staffPublications(ctx.scope)),
  saveNews: admin.input(newsInput).mutation(({ ctx, input }) => saveNews(ctx.scope, input)),
  deleteNews: admin.input(z.object({ newsId: z.uuid() })).mutation(({ ctx, input }) => deleteNews(ctx.scope, input)),
  publishDocument: adminNoTx
    .input(z.object({ title: z.string().max(200), category: z.enum(documentCategories), file: uploadInput(DOCUMENT_MAX_BYTES, messages.demandes.files.tooLarge) }))
    .mutation(({ ctx, input }) => publishDocument({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, input)),
  withdrawDocument: adminNoTx
    .input(z.object({ documentId: z.uuid() }))
    .mutation(({ ctx, input }) => withdrawDocument({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, input)),
  saveProfile: admin.input(profileInput).mutation(({ ctx, input }) => saveCommuneProfile(ctx.scope, input)),
});
