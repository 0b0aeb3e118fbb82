import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { absenceReports, bookings, children } from "@/db/schema";
import { detectType, safeName, uploadTypes, type UploadType } from "@/server/lib/uploads";
import { discardStored, putUpload, recordFile, type PendingFile, type StoredFileKind } from "./stored-files";

/**
 * Start-up data migration (migration 0022 added storage): photos and certificates that earlier
 * versions kept in table rows (base64) are written to storage, recorded in `stored_files`, and
 * cleared from their rows. Row by row, idempotent: a row is only moved while its old column is set
 * and its new one empty, so an interrupted start finishes the job on the next. SQL migrations cannot
 * write files, hence this step; the old columns are dropped by a later migration.
 */
export async function moveLegacyUploads(db: Db): Promise<number> {
  const privileged = <T>(fn: (tx: Tx) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'recre_platform', true)`);
      return fn(tx);
    });
  let moved = 0;

  const photos = await privileged((tx) =>
    tx
      .select({ tenantId: children.tenantId, id: children.id, householdId: children.householdId, content: children.photo, name: sql<string>`${children.firstName}` })
      .from(children)
      .where(and(isNotNull(children.photo), isNull(children.photoFileId))),
  );
  for (const row of photos) {
    const ok = await moveOne(privileged, row, "child_photo", row.name, async (tx, fileId) => {
      const done = await tx
        .update(children)
        .set({ photoFileId: fileId, photo: null })
        .where(and(eq(children.tenantId, row.tenantId), eq(children.id, row.id), isNull(children.photoFileId)))
        .returning({ id: children.id });
      return done.length > 0;
    });
    if (ok) moved++;
  }

  const certificates = await privileged((tx) =>
    tx
      .select({ tenantId: absenceReports.tenantId, id: absenceReports.id, householdId: children.householdId, content: absenceReports.certificate, name: absenceReports.certificateName })
      .from(absenceReports)
      .innerJoin(bookings, and(eq(bookings.tenantId, absenceReports.tenantId), eq(bookings.id, absenceReports.bookingId)))
      .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
      .where(and(isNotNull(absenceReports.certificate), isNull(absenceReports.certificateFileId))),
  );
  for (const row of certificates) {
    const ok = await moveOne(privileged, row, "absence_certificate", row.name ?? "certificat", async (tx, fileId, file) => {
      const done = await tx
        .update(absenceReports)
        .set({ certificateFileId: fileId, certificate: null, certificateName: file?.name ?? null, certificateType: file?.contentType ?? null })
        .where(and(eq(absenceReports.tenantId, row.tenantId), eq(absenceReports.id, row.id), isNull(absenceReports.certificateFileId)))
        .returning({ id: absenceReports.id });
      return done.length > 0;
    });
    if (ok) moved++;
  }
  if (moved) console.info(`[recre] ${moved} fichier(s) déplacé(s) des tables vers le stockage`);
  return moved;
}

/** One row: decode, check the content's type, store, then point the row at it (or clear content we cannot recognise). */
async function moveOne(
  privileged: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  row: { tenantId: string; householdId: string; content: string | null },
  kind: StoredFileKind,
  name: string,
  link: (tx: Tx, fileId: string | null, file: PendingFile | null) => Promise<boolean>,
): Promise<boolean> {
  const bytes = Buffer.from((row.content ?? "").replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, ""), "base64");
  const type: UploadType | null = detectType(bytes);
  const allowed = type && (kind === "absence_certificate" ? uploadTypes.includes(type) : type !== "application/pdf");
  // Content that is not what it claimed was never servable safely: it is dropped, not moved.
  const file = allowed ? await putUpload(row.tenantId, kind, { name: safeName(name, type), type, bytes }) : null;
  try {
    const linked = await privileged(async (tx) => {
      const fileId = file ? await recordFile(tx, row.tenantId, { householdId: row.householdId, kind, file }) : null;
      if (await link(tx, fileId, file)) return true;
      throw new Error("déjà déplacé");
    });
    return linked;
  } catch {
    await discardStored(file?.key);
    return false;
  }
}
