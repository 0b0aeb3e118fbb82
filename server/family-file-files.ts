import { z } from "zod";
import { messages } from "@/common/messages";
import { now as clockNow } from "@/common/clock";
import { DOCUMENT_MAX_BYTES, documentKinds, type DocumentKind } from "@/common/family-file";
import { uploadDocument } from "./domain/family-file/documents";
import { parentActor, staffActor } from "./domain/scope";
import { findTenantWithAccess } from "./domain/tenants/tenants";
import { readBodyCapped, uploadOf } from "./lib/request-body";
import { jsonAnswer, refusal, refusalOf } from "./lib/route-answers";

/**
 * The family file's documents (PAI, vaccination record, insurance certificate, proof of address) go
 * through this route, not tRPC: a scanned certificate is larger than a tRPC body may be. Like the
 * pre-registration's (server/preregistration-files.ts): the file's bytes as the body, refused by
 * their announced or streamed size before they are read in full, then the same content checks
 * (server/lib/uploads.ts) in `uploadDocument`; the answer is JSON, `{ fileId, name }` or
 * `{ message, field }` in French.
 */

const uuid = z.uuid();
const kind = z.enum(documentKinds);

/**
 * POST /api/dossier/{commune}/{householdId}/pieces/{kind}: the front desk (admins, agents) for any
 * family of the commune, a guardian for their own; anyone else gets the 404 of a file that does not exist.
 */
export async function familyDocumentUpload(userId: string | null, params: { commune: string; householdId: string; kind: string }, request: Request): Promise<Response> {
  if (!userId) return refusal(401, messages.errors.UNAUTHORIZED);
  const found = params.commune.length <= 100 && uuid.safeParse(params.householdId).success ? await findTenantWithAccess(params.commune, userId) : null;
  if (!found) return refusal(404, messages.errors.NOT_FOUND);
  const { tenant, access } = found;
  const frontDesk = access.staffRoles.some((r) => r === "admin" || r === "agent");
  if (!frontDesk && !access.householdIds.includes(params.householdId)) return refusal(404, messages.errors.NOT_FOUND);
  if (tenant.status !== "active") return refusal(403, messages.tenant.suspended);
  if (!kind.safeParse(params.kind).success) return refusal(400, messages.familyFile.document.kind, "document");
  const actor = frontDesk ? staffActor(userId, access.staffRoles) : parentActor(userId, access.householdIds);
  try {
    const bytes = await readBodyCapped(request, DOCUMENT_MAX_BYTES);
    if (!bytes) return refusal(413, messages.familyFile.document.size, "document");
    const stored = await uploadDocument({ tenant, actor, now: clockNow() }, { householdId: params.householdId, kind: params.kind as DocumentKind, document: uploadOf(request, bytes) });
    return jsonAnswer(200, stored);
  } catch (error) {
    return refusalOf(error);
  }
}
