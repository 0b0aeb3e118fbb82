import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { children, familyChanges } from "@/db/schema";
import { currentHealthKeyId, openHealth, sealHealth, sealedKeyId } from "@/server/lib/health-crypto";
import { changeContext } from "./file";
import { childHealthContext } from "./health";

/** Re-seals one value with the current key when another key sealed it. */
function reseal(value: string | null, context: string): string | null {
  if (!value || sealedKeyId(value) === currentHealthKeyId()) return null;
  return sealHealth(openHealth(value, context), context);
}

/**
 * Key rotation (docs/security.md): every sealed health value not written with the current
 * HEALTH_DATA_KEY is decrypted with its former key (HEALTH_DATA_KEYS) and sealed again with the
 * current one, row by row on the privileged path. Idempotent: run it again after an interruption.
 * Returns how many values were re-sealed; afterwards the former key can be removed.
 */
export async function rotateHealthKey(db: Db): Promise<number> {
  const privileged = <T>(fn: (tx: Tx) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'recre_platform', true)`);
      return fn(tx);
    });
  let done = 0;
  const kids = await privileged((tx) => tx.select({ tenantId: children.tenantId, id: children.id, health: children.health }).from(children).where(isNotNull(children.health)));
  for (const row of kids) {
    const health = reseal(row.health, childHealthContext(row.tenantId, row.id));
    if (!health) continue;
    await privileged((tx) => tx.update(children).set({ health }).where(and(eq(children.tenantId, row.tenantId), eq(children.id, row.id), eq(children.health, row.health!))));
    done++;
  }
  const changes = await privileged((tx) => tx.select({ tenantId: familyChanges.tenantId, id: familyChanges.id, before: familyChanges.before, after: familyChanges.after }).from(familyChanges));
  for (const row of changes) {
    const context = changeContext(row.tenantId, row.id);
    const before = reseal(row.before, context);
    const after = reseal(row.after, context);
    if (!before && !after) continue;
    await privileged((tx) =>
      tx
        .update(familyChanges)
        .set({ ...(before ? { before } : {}), ...(after ? { after } : {}) })
        .where(and(eq(familyChanges.tenantId, row.tenantId), eq(familyChanges.id, row.id))),
    );
    done += (before ? 1 : 0) + (after ? 1 : 0);
  }
  return done;
}
