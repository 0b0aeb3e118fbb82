import { z } from "zod";
import { importFamilies } from "@/server/domain/family/import/import-families";
import { MAX_IMPORT_BYTES } from "@/server/domain/family/import/read-csv";
import { messages } from "@/common/messages";
import { router, staffProcedure } from "@/server/trpc";

const admins = staffProcedure("admin");
/** The file's text as the browser read it; a larger file is refused before it is read at all. */
const file = z
  .string()
  .min(1, messages.familyImport.empty)
  .max(MAX_IMPORT_BYTES, messages.familyImport.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024));

/** Families from the previous software's CSV export (the CLI `npm run import:families` runs the same domain function). */
export const familyImportRouter = router({
  preview: admins.input(z.object({ file })).mutation(({ ctx, input }) => importFamilies(ctx.scope, { source: [input.file], dryRun: true, mode: "all" })),
  run: admins
    .input(z.object({ file, mode: z.enum(["all", "validOnly"]) }))
    .mutation(({ ctx, input }) => importFamilies(ctx.scope, { source: [input.file], dryRun: false, mode: input.mode })),
});
