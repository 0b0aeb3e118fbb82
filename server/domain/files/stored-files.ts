import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { storedFiles } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { storage } from "@/server/adapters/storage";
import type { StoredObject } from "@/server/adapters/storage/types";
import type { TenantAccess } from "@/server/domain/tenants/tenants";
import { staffActor, type TenantRef } from "@/server/domain/scope";
import { recordAuditIn } from "@/server/domain/audit/audit";
import { now } from "@/common/clock";
import { extensionOf, type CheckedUpload } from "@/server/lib/uploads";

/**
 * Files people upload, kept in storage (server/adapters/storage) and described by a `stored_files`
 * row: whose they are (the household) and what they are. Bytes are written before the transaction
 * that records the row, and removed again when it fails; a replaced or removed file's bytes are
 * deleted once the change has committed.
 */

export type StoredFileKind = (typeof storedFiles.$inferSelect)["kind"];

/** Bytes already in storage, not yet recorded. */
export interface PendingFile {
  key: string;
  name: string;
  contentType: string;
  sizeBytes: number;
}

/** Writes a checked upload to storage under a fresh key of ours. Outside any transaction. */
export async function putUpload(tenantId: string, kind: StoredFileKind, upload: CheckedUpload): Promise<PendingFile> {
  const key = `${tenantId}/${kind}/${randomUUID()}.${extensionOf[upload.type]}`;
  const { sizeBytes } = await storage().put(key, upload.bytes, { contentType: upload.type });
  return { key, name: upload.name, contentType: upload.type, sizeBytes };
}

/** Best effort: bytes whose row never committed, or whose row is gone. */
export async function discardStored(key: string | null | undefined) {
  if (!key) return;
  await storage()
    .delete(key)
    .catch((error: unknown) => console.error(`[recre] fichier ${key} non supprimé`, error));
}

/** Records bytes already stored as a household's file; returns its id. */
export async function recordFile(tx: Tx, tenantId: string, input: { householdId: string; kind: StoredFileKind; file: PendingFile }): Promise<string> {
  const [row] = await tx
    .insert(storedFiles)
    .values({ tenantId, householdId: input.householdId, kind: input.kind, key: input.file.key, contentType: input.file.contentType, sizeBytes: input.file.sizeBytes, name: input.file.name })
    .returning({ id: storedFiles.id });
  return row!.id;
}

/** Deletes a file's row; returns its key, whose bytes the caller deletes after the commit. */
export async function forgetFile(tx: Tx, tenantId: string, fileId: string | null): Promise<string | null> {
  if (!fileId) return null;
  const [row] = await tx.delete(storedFiles).where(and(eq(storedFiles.tenantId, tenantId), eq(storedFiles.id, fileId))).returning({ key: storedFiles.key });
  return row?.key ?? null;
}

/**
 * Stores `upload` (if any), runs `change` in the commune's transaction with what was stored, then
 * deletes the bytes `change` says it replaced; if `change` fails, the new bytes are deleted.
 */
export async function withStoredUpload<T>(
  tenant: TenantRef,
  kind: StoredFileKind,
  upload: CheckedUpload | null,
  change: (tx: Tx, file: PendingFile | null) => Promise<{ result: T; replacedKey?: string | null }>,
): Promise<T> {
  const file = upload ? await putUpload(tenant.id, kind, upload) : null;
  let outcome: { result: T; replacedKey?: string | null };
  try {
    outcome = await withTenant(tenant.id, (tx) => change(tx, file));
  } catch (error) {
    await discardStored(file?.key);
    throw error;
  }
  await discardStored(outcome.replacedKey);
  return outcome.result;
}

/** `withStoredUpload` for several files at once (a request and its attachments): all stored, or none kept. */
export async function withStoredUploads<T>(
  tenant: TenantRef,
  kind: StoredFileKind,
  uploads: CheckedUpload[],
  change: (tx: Tx, files: PendingFile[]) => Promise<T>,
): Promise<T> {
  const files: PendingFile[] = [];
  try {
    for (const upload of uploads) files.push(await putUpload(tenant.id, kind, upload));
    return await withTenant(tenant.id, (tx) => change(tx, files));
  } catch (error) {
    for (const file of files) await discardStored(file.key);
    throw error;
  }
}

export interface ReadableFile {
  name: string;
  contentType: string;
  kind: StoredFileKind;
  object: StoredObject;
}

/** Files that are health data (a PAI, vaccination pages, a medical certificate): a staff download is written to the audit log. */
export const HEALTH_FILE_KINDS: readonly StoredFileKind[] = ["pai_document", "vaccination_record", "absence_certificate"];

/**
 * A stored file for a reader of this commune, or null (404) for anyone who may not read it: the
 * family it belongs to; the commune's admins and front desk; site agents for children's photos
 * (they see every site's lists: sites are not assigned to agents yet). Nobody else. A staff member
 * reading a health document is recorded in the audit log (`health.document_downloaded`), in the
 * same transaction that found the file, like any other read of health data.
 */
export async function readStoredFile(tenant: TenantRef, access: TenantAccess & { userId: string }, fileId: string): Promise<ReadableFile | null> {
  const file = await withTenant(tenant.id, async (tx) => {
    const [row] = await tx
      .select()
      .from(storedFiles)
      .where(and(eq(storedFiles.tenantId, tenant.id), eq(storedFiles.id, fileId)));
    if (!row) return null;
    const family = access.householdIds.includes(row.householdId);
    const frontDesk = access.staffRoles.some((r) => r === "admin" || r === "agent");
    const siteAgent = access.staffRoles.includes("site_agent") && row.kind === "child_photo";
    if (!family && !frontDesk && !siteAgent) return null;
    if (!family && HEALTH_FILE_KINDS.includes(row.kind)) {
      await recordAuditIn(tx, tenant.id, staffActor(access.userId, access.staffRoles), now(), {
        action: "health.document_downloaded",
        householdId: row.householdId,
        detail: { kind: row.kind, fileId: row.id },
      });
    }
    return row;
  });
  if (!file) return null;
  // Storage is an outside service: read once the transaction (and its audit row) has committed.
  const object = await storage().get(file.key);
  if (!object) return null;
  return { name: file.name, contentType: file.contentType, kind: file.kind, object };
}
