import { z } from "zod";
import { withTenant } from "@/db/transaction";
import { messages } from "@/common/messages";
import { now as clockNow } from "@/common/clock";
import { APPLICATION_DOCUMENT_MAX_BYTES } from "@/common/preregistration";
import { downloadHeaders } from "./domain/files/download";
import { documentField, documentLabel, documentMessages, readApplicationDocument, uploadApplicationDocument } from "./domain/preregistration/documents";
import { parentActor } from "./domain/scope";
import { findTenantWithAccess } from "./domain/tenants/tenants";
import { readBodyCapped, uploadOf } from "./lib/request-body";
import { jsonAnswer, refusal, refusalOf } from "./lib/route-answers";

/**
 * A pre-registration's documents go through route handlers, not tRPC: a scan or a phone photo is
 * larger than a tRPC body may be. The upload is the file's bytes as the request body (its type in
 * Content-Type, its name in X-File-Name), refused by its announced or streamed size before it is
 * read in full; the answer is JSON, `{ document }` or `{ message, field }` in French.
 */

const uuid = z.uuid();

async function applicantOf(userId: string | null, commune: string) {
  if (!userId) return null;
  const found = commune.length <= 100 ? await findTenantWithAccess(commune, userId) : null;
  if (!found || found.tenant.status !== "active") return null;
  return { tenant: found.tenant, access: found.access, actor: parentActor(userId, found.access.householdIds), now: clockNow() };
}

/** POST /api/preinscription/{commune}/depot/{documentTypeId}: adds or replaces one document of the caller's open application. */
export async function applicationDocumentUpload(userId: string | null, params: { commune: string; documentTypeId: string }, request: Request): Promise<Response> {
  if (!userId) return refusal(401, messages.errors.UNAUTHORIZED);
  const scope = await applicantOf(userId, params.commune);
  if (!scope) return refusal(404, messages.errors.NOT_FOUND);
  const field = documentField(params.documentTypeId);
  if (!uuid.safeParse(params.documentTypeId).success) return refusal(400, `${messages.preregistration.documentField} : ${messages.preregistration.documentUnknown}`, "documentTypeId");
  try {
    const tooLarge = async () => {
      const label = await withTenant(scope.tenant.id, (tx) => documentLabel({ ...scope, tx }, params.documentTypeId));
      return refusal(413, documentMessages(label).size, field);
    };
    const bytes = await readBodyCapped(request, APPLICATION_DOCUMENT_MAX_BYTES);
    if (!bytes) return await tooLarge();
    const document = await uploadApplicationDocument(scope, { documentTypeId: params.documentTypeId, file: uploadOf(request, bytes) });
    return jsonAnswer(200, { document });
  } catch (error) {
    return refusalOf(error);
  }
}

const notFound = () => new Response(messages.errors.NOT_FOUND, { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" } });

/** GET /api/preinscription/{commune}/pieces/{documentId}: for the applicant and the commune's front desk; 404 for anyone else. */
export async function applicationDocumentDownload(userId: string | null, params: { commune: string; documentId: string }): Promise<Response> {
  if (!uuid.safeParse(params.documentId).success) return notFound();
  const scope = await applicantOf(userId, params.commune);
  if (!scope) return notFound();
  const file = await readApplicationDocument({ ...scope, userId: userId!, access: scope.access }, params.documentId);
  if (!file) return notFound();
  const headers = downloadHeaders(file);
  headers.set("content-disposition", headers.get("content-disposition")!.replace(/^inline/, "attachment"));
  return new Response(file.object.body, { status: 200, headers });
}
