import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { storage } from "@/server/adapters/storage";
import type { TenantRef } from "@/server/domain/scope";
import { discardStored } from "@/server/domain/files/stored-files";
import { checkUpload, extensionOf, type UploadInput } from "@/server/lib/uploads";
import { messages } from "@/common/messages";

export const LOGO_TYPES = ["image/png", "image/jpeg"] as const;
/** Printed a few centimetres wide at the top of an invoice. */
export const LOGO_MAX_BYTES = 500 * 1024;

/**
 * Sets, replaces or (null) removes the commune's logo: checked by content, written to storage before
 * the commune's row points at it (outside any transaction), the replaced bytes deleted after.
 */
export async function setCommuneLogo(tenant: TenantRef, logo: UploadInput | null): Promise<{ hasLogo: boolean }> {
  const checked = logo ? checkUpload(logo, { types: LOGO_TYPES, maxBytes: LOGO_MAX_BYTES, field: "logo", messages: messages.everyday.logo }) : null;
  const key = checked ? `${tenant.id}/logo/${randomUUID()}.${extensionOf[checked.type]}` : null;
  if (checked && key) await storage().put(key, checked.bytes, { contentType: checked.type });
  let previous: string | null = null;
  try {
    previous = await withPlatform(async (tx) => {
      const [row] = await tx.select({ logoKey: tenants.logoKey }).from(tenants).where(eq(tenants.id, tenant.id)).for("update");
      await tx.update(tenants).set({ logoKey: key }).where(eq(tenants.id, tenant.id));
      return row?.logoKey ?? null;
    });
  } catch (error) {
    await discardStored(key);
    throw error;
  }
  await discardStored(previous);
  return { hasLogo: key !== null };
}

/** The logo's bytes for a PDF, or null; read from storage, so never from inside a transaction. */
export async function readCommuneLogo(tenant: Pick<TenantRef, "logoKey">): Promise<Buffer | null> {
  if (!tenant.logoKey) return null;
  const object = await storage().get(tenant.logoKey);
  if (!object) return null;
  return Buffer.from(await new Response(object.body).arrayBuffer());
}
