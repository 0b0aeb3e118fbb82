import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { children } from "@/db/schema";
import type { Actor } from "@/server/domain/scope";
import { notFound } from "@/server/errors";
import { checkUpload, type UploadInput } from "@/server/lib/uploads";
import { messages } from "@/common/messages";

export const PHOTO_TYPES = ["image/jpeg", "image/png"] as const;
/** Shown on the site agents' daily list, many to a page: a small picture is enough. */
export const PHOTO_MAX_BYTES = 1024 * 1024;

/**
 * Sets, replaces or (with null) removes a child's photo. A parent may only touch their own
 * children (another family's child is NOT_FOUND, as if it did not exist); the front desk any child
 * of the commune. Stored in the child's row as a data URL, checked like an absence certificate.
 */
export async function setChildPhoto(tx: Tx, tenantId: string, actor: Pick<Actor, "role" | "householdIds">, childId: string, photo: UploadInput | null) {
  const [child] = await tx
    .select({ householdId: children.householdId })
    .from(children)
    .where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  if (!child || (actor.role === "parent" && !actor.householdIds.includes(child.householdId))) throw notFound();
  const checked = photo ? checkUpload(photo, { types: PHOTO_TYPES, maxBytes: PHOTO_MAX_BYTES, field: "photo", messages: messages.childPhoto }) : null;
  const [row] = await tx
    .update(children)
    .set({ photo: checked ? `data:${checked.type};base64,${checked.base64}` : null })
    .where(and(eq(children.tenantId, tenantId), eq(children.id, childId)))
    .returning({ id: children.id, photo: children.photo });
  return row!;
}
