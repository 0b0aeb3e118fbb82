import { and, eq } from "drizzle-orm";
import { children } from "@/db/schema";
import { forgetFile, recordFile, withStoredUpload } from "@/server/domain/files/stored-files";
import type { ScopeOutsideTx } from "@/server/domain/scope";
import { notFound } from "@/server/errors";
import { checkUpload, type UploadInput } from "@/server/lib/uploads";
import { messages } from "@/common/messages";

export const PHOTO_TYPES = ["image/jpeg", "image/png"] as const;
/** Shown on the site agents' daily list, many to a page: a small picture is enough. */
export const PHOTO_MAX_BYTES = 1024 * 1024;

/**
 * Sets, replaces or (with null) removes a child's photo. A parent may only touch their own
 * children (another family's child is NOT_FOUND, as if it did not exist); the front desk any child
 * of the commune. Checked by content, then kept in storage (stored_files), never in the child's row;
 * it is written before the transaction and removed again if the change is refused.
 */
export async function setChildPhoto(scope: ScopeOutsideTx, input: { childId: string; photo: UploadInput | null }) {
  const { tenant, actor } = scope;
  const checked = input.photo ? checkUpload(input.photo, { types: PHOTO_TYPES, maxBytes: PHOTO_MAX_BYTES, field: "photo", messages: messages.childPhoto }) : null;
  return withStoredUpload(tenant, "child_photo", checked, async (tx, file) => {
    const where = and(eq(children.tenantId, tenant.id), eq(children.id, input.childId));
    const [child] = await tx.select({ householdId: children.householdId, photoFileId: children.photoFileId }).from(children).where(where).for("update");
    if (!child || (actor.role === "parent" && !actor.householdIds.includes(child.householdId))) throw notFound();
    const photoFileId = file ? await recordFile(tx, tenant.id, { householdId: child.householdId, kind: "child_photo", file }) : null;
    await tx.update(children).set({ photoFileId }).where(where);
    const replacedKey = await forgetFile(tx, tenant.id, child.photoFileId);
    return { result: { id: input.childId, photoFileId }, replacedKey };
  });
}
