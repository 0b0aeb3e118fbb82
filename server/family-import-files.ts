import { z } from "zod";
import { messages } from "@/common/messages";
import { importFamilies, type ImportMode } from "./domain/family/import/import-families";
import { MAX_IMPORT_BYTES } from "./domain/family/import/read-csv";
import { staffActor, withScope } from "./domain/scope";
import { findTenantWithAccess } from "./domain/tenants/tenants";
import { jsonAnswer, refusal, refusalOf } from "./lib/route-answers";

/**
 * The admin's family import takes the CSV as the request body and streams it into the same domain
 * function as the CLI (`npm run import:families`): a 10 Mo export of the previous software is never
 * held whole nor squeezed through a tRPC body. `?etape=apercu` previews and writes nothing;
 * `?etape=importer&lignes=toutes|valides` imports. The answer is the import report as JSON.
 */
const step = z.object({ etape: z.enum(["apercu", "importer"]), lignes: z.enum(["toutes", "valides"]).default("toutes") });

/** POST /api/familles/{commune}/import: the commune's admins only; anyone else gets the 404 of a missing page. */
export async function familyImportUpload(userId: string | null, params: { commune: string }, request: Request): Promise<Response> {
  if (!userId) return refusal(401, messages.errors.UNAUTHORIZED);
  const found = params.commune.length <= 100 ? await findTenantWithAccess(params.commune, userId) : null;
  if (!found || !found.access.staffRoles.includes("admin")) return refusal(404, messages.errors.NOT_FOUND);
  const { tenant, access } = found;
  if (tenant.status !== "active") return refusal(403, messages.tenant.suspended);
  const query = step.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return refusal(400, messages.errors.BAD_REQUEST);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) {
    return refusal(413, `${messages.fields.file} : ${messages.familyImport.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024)}`, "file");
  }
  if (!request.body) return refusal(400, `${messages.fields.file} : ${messages.familyImport.empty}`, "file");
  const mode: ImportMode = query.data.lignes === "valides" ? "validOnly" : "all";
  const body = request.body;
  try {
    const report = await withScope(tenant, staffActor(userId, access.staffRoles), (scope) =>
      importFamilies(scope, { source: body as unknown as AsyncIterable<Uint8Array>, dryRun: query.data.etape === "apercu", mode }),
    );
    return jsonAnswer(200, report);
  } catch (error) {
    return refusalOf(error);
  }
}
