import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { children } from "@/db/schema";
import { emptyHealth } from "@/common/family-file";
import { allergiesFromText, healthColumns } from "./health";

/**
 * Start-up data migration: allergies that earlier versions kept in plaintext (`children.allergies`)
 * are sealed into `children.health`, and the plaintext cleared. Row by row, idempotent (a row moves
 * only while its old column is set and its new one empty); until it has run, reads fall back to the
 * old column (health.ts), so nothing is ever missing from a list.
 */
export async function sealLegacyHealth(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'recre_platform', true)`);
    const rows = await tx
      .select({ tenantId: children.tenantId, id: children.id, allergies: children.allergies, hasPai: children.hasPai })
      .from(children)
      .where(and(isNotNull(children.allergies), isNull(children.health)));
    for (const row of rows) {
      const record = { ...emptyHealth, allergies: allergiesFromText(row.allergies) };
      await tx
        .update(children)
        .set(healthColumns(row.tenantId, row.id, record, row.hasPai))
        .where(and(eq(children.tenantId, row.tenantId), eq(children.id, row.id), isNull(children.health)));
    }
    if (rows.length) console.info(`[recre] ${rows.length} dossier(s) santé chiffré(s)`);
    return rows.length;
  });
}
