import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { applicationDocumentTypes, applicationDocuments, applications } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { storage } from "@/server/adapters/storage";
import { discardStored } from "@/server/domain/files/stored-files";
import type { ReadableFile } from "@/server/domain/files/stored-files";
import type { Scope, ScopeOutsideTx } from "@/server/domain/scope";
import type { TenantAccess } from "@/server/domain/tenants/tenants";
import { AppError } from "@/server/errors";
import { checkUpload, extensionOf, type UploadInput } from "@/server/lib/uploads";
import { messages } from "@/common/messages";
import { APPLICATION_DOCUMENT_MAX_BYTES, APPLICATION_DOCUMENT_TYPES } from "@/common/preregistration";
import { editableApplication } from "./applications";

const text = messages.preregistration;

/** The field a document's refusal is shown under, and its label in the message. */
export const documentField = (documentTypeId: string) => `documents.${documentTypeId}`;

async function documentTypeOf(scope: Scope, documentTypeId: string) {
  const [type] = await scope.tx
    .select()
    .from(applicationDocumentTypes)
    .where(and(eq(applicationDocumentTypes.tenantId, scope.tenant.id), eq(applicationDocumentTypes.id, documentTypeId), eq(applicationDocumentTypes.archived, false)));
  if (!type) throw new AppError("BAD_REQUEST", `${text.documentField} : ${text.documentUnknown}`, "documentTypeId");
  return type;
}

/** "« Justificatif de domicile » : le fichier ne doit pas dépasser 5 Mo": each message names the document. */
export function documentMessages(label: string) {
  const named = (m: string) => `« ${label} » : ${m}`;
  const m = text.document;
  return { name: named(m.name), type: named(m.type), size: named(m.size), empty: named(m.empty), mismatch: named(m.mismatch) };
}

/** The label of one of the commune's document types, for a refusal worded before the file is read (too large). */
export async function documentLabel(scope: Scope, documentTypeId: string): Promise<string> {
  return (await documentTypeOf(scope, documentTypeId)).label;
}

/**
 * Adds (or replaces) one document of the caller's open application: checked by content (PDF, JPEG,
 * PNG, 5 MB), written to storage before the transaction that records it; the replaced bytes are
 * deleted once that commits, the new ones if it fails.
 */
export async function uploadApplicationDocument(scope: ScopeOutsideTx, input: { documentTypeId: string; file: UploadInput }) {
  const { tenant } = scope;
  const label = await withTenant(tenant.id, async (tx) => {
    await editableApplication({ ...scope, tx });
    return documentLabel({ ...scope, tx }, input.documentTypeId);
  });
  const checked = checkUpload(input.file, {
    types: APPLICATION_DOCUMENT_TYPES,
    maxBytes: APPLICATION_DOCUMENT_MAX_BYTES,
    field: documentField(input.documentTypeId),
    messages: documentMessages(label),
  });
  const key = `${tenant.id}/application_document/${randomUUID()}.${extensionOf[checked.type]}`;
  const { sizeBytes } = await storage().put(key, checked.bytes, { contentType: checked.type });
  try {
    const { document, replacedKey } = await withTenant(tenant.id, async (tx) => {
      const inner = { ...scope, tx };
      const application = await editableApplication(inner);
      await documentTypeOf(inner, input.documentTypeId);
      const where = and(eq(applicationDocuments.tenantId, tenant.id), eq(applicationDocuments.applicationId, application.id), eq(applicationDocuments.documentTypeId, input.documentTypeId));
      const [previous] = await tx.delete(applicationDocuments).where(where).returning({ key: applicationDocuments.key });
      const [row] = await tx
        .insert(applicationDocuments)
        .values({ tenantId: tenant.id, applicationId: application.id, documentTypeId: input.documentTypeId, key, contentType: checked.type, sizeBytes, name: checked.name, createdAt: scope.now })
        .returning({ id: applicationDocuments.id, documentTypeId: applicationDocuments.documentTypeId, name: applicationDocuments.name, sizeBytes: applicationDocuments.sizeBytes });
      await tx.update(applications).set({ updatedAt: scope.now }).where(and(eq(applications.tenantId, tenant.id), eq(applications.id, application.id)));
      return { document: row!, replacedKey: previous?.key ?? null };
    });
    await discardStored(replacedKey);
    return document;
  } catch (error) {
    await discardStored(key);
    throw error;
  }
}

/** Withdraws one document from the caller's open application. */
export async function removeApplicationDocument(scope: ScopeOutsideTx, input: { documentTypeId: string }) {
  const removed = await withTenant(scope.tenant.id, async (tx) => {
    const application = await editableApplication({ ...scope, tx });
    const [row] = await tx
      .delete(applicationDocuments)
      .where(and(eq(applicationDocuments.tenantId, scope.tenant.id), eq(applicationDocuments.applicationId, application.id), eq(applicationDocuments.documentTypeId, input.documentTypeId)))
      .returning({ key: applicationDocuments.key });
    return row?.key ?? null;
  });
  await discardStored(removed);
  return { removed: removed !== null };
}

/**
 * A document of an application for a reader of this commune, or null (404): the account that applied,
 * and the commune's admins and front desk. Nobody else (site agents, other families, other communes).
 */
export async function readApplicationDocument(scope: ScopeOutsideTx & { userId: string; access: TenantAccess }, documentId: string): Promise<ReadableFile | null> {
  const [doc] = await withTenant(scope.tenant.id, (tx) =>
    tx
      .select({ key: applicationDocuments.key, name: applicationDocuments.name, contentType: applicationDocuments.contentType, userId: applications.userId })
      .from(applicationDocuments)
      .innerJoin(applications, and(eq(applications.tenantId, applicationDocuments.tenantId), eq(applications.id, applicationDocuments.applicationId)))
      .where(and(eq(applicationDocuments.tenantId, scope.tenant.id), eq(applicationDocuments.id, documentId))),
  );
  if (!doc) return null;
  const frontDesk = scope.access.staffRoles.some((r) => r === "admin" || r === "agent");
  if (!frontDesk && doc.userId !== scope.userId) return null;
  const object = await storage().get(doc.key);
  if (!object) return null;
  // The kind only matters to the photo rules of stored_files; a document is always served as an attachment.
  return { name: doc.name, contentType: doc.contentType, kind: "absence_certificate", object };
}
