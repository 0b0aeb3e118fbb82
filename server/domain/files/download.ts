import { findTenantWithAccess } from "@/server/domain/tenants/tenants";
import { readStoredFile, type ReadableFile } from "./stored-files";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The download route's question: may this signed-in user read this file of this commune? Null for
 * anything else (no session, unknown commune, no access there, another family's file, a staff role
 * that does not read this kind), so that the route answers the same 404 to all of them.
 */
export async function fileForReader(input: { userId: string | null; commune: string; fileId: string }): Promise<ReadableFile | null> {
  if (!input.userId || !UUID.test(input.fileId) || input.commune.length > 100) return null;
  const found = await findTenantWithAccess(input.commune, input.userId);
  if (!found || found.tenant.status === "suspended") return null;
  return readStoredFile(found.tenant, { ...found.access, userId: input.userId }, input.fileId);
}

/** Only pictures are ever shown inline (as an <img>), and only types we detected ourselves. */
const INLINE_TYPES = new Set(["image/jpeg", "image/png"]);

/** The headers of a stored file's answer: attachment unless a safe image, never sniffed, never cached by others. */
export function downloadHeaders(file: Pick<ReadableFile, "name" | "contentType" | "object">): Headers {
  const disposition = INLINE_TYPES.has(file.contentType) ? "inline" : "attachment";
  const ascii = file.name.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "") || "fichier";
  return new Headers({
    "content-type": file.contentType,
    "content-length": String(file.object.sizeBytes),
    "content-disposition": `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
    "content-security-policy": "default-src 'none'; sandbox",
    "referrer-policy": "no-referrer",
  });
}
