import { and, eq } from "drizzle-orm";
import { households } from "@/db/schema";
import { recordFile, withStoredUpload } from "@/server/domain/files/stored-files";
import type { ScopeOutsideTx } from "@/server/domain/scope";
import { notFound } from "@/server/errors";
import { checkUpload, type UploadInput } from "@/server/lib/uploads";
import { DOCUMENT_MAX_BYTES, type DocumentKind } from "@/common/family-file";
import { messages } from "@/common/messages";

/**
 * A document for the family file (PAI, vaccination record, insurance certificate, proof of address),
 * checked by content and kept in storage. It joins the file when a change names it (changes.ts checks
 * it belongs to the same household and kind).
 */
export async function uploadDocument(scope: ScopeOutsideTx, input: { householdId: string; kind: DocumentKind; document: UploadInput }) {
  const { tenant, actor } = scope;
  if (actor.role === "parent" && !actor.householdIds.includes(input.householdId)) throw notFound();
  const checked = checkUpload(input.document, { types: ["application/pdf", "image/jpeg", "image/png"], maxBytes: DOCUMENT_MAX_BYTES, field: "document", messages: messages.familyFile.document });
  return withStoredUpload(tenant, input.kind, checked, async (tx, file) => {
    const [h] = await tx.select({ id: households.id }).from(households).where(and(eq(households.tenantId, tenant.id), eq(households.id, input.householdId)));
    if (!h) throw notFound();
    const fileId = await recordFile(tx, tenant.id, { householdId: h.id, kind: input.kind, file: file! });
    return { result: { fileId, name: file!.name } };
  });
}
