import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { children, familyChanges, sepaMandates } from "@/db/schema";
import { mandateContext } from "@/server/domain/collection/mandate-secrets";
import { currentHealthKeyId, isSealed, openHealth, sealHealth, sealedKeyId } from "@/server/lib/health-crypto";
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
 * current one (children's health, the file's history, SEPA mandates' bank details), row by row on the privileged path. Idempotent: run it again after an interruption.
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
  // SEPA mandates' IBAN and signed text are sealed with the same keys (collection/mandate-secrets.ts).
  const mandates = await privileged((tx) => tx.select({ tenantId: sepaMandates.tenantId, id: sepaMandates.id, iban: sepaMandates.iban, mandateText: sepaMandates.mandateText }).from(sepaMandates));
  for (const row of mandates) {
    const context = mandateContext(row.tenantId, row.id);
    const iban = isSealed(row.iban) ? reseal(row.iban, context) : null;
    const mandateText = isSealed(row.mandateText) ? reseal(row.mandateText, context) : null;
    if (!iban && !mandateText) continue;
    await privileged((tx) =>
      tx
        .update(sepaMandates)
        .set({ ...(iban ? { iban } : {}), ...(mandateText ? { mandateText } : {}) })
        .where(and(eq(sepaMandates.tenantId, row.tenantId), eq(sepaMandates.id, row.id))),
    );
    done += (iban ? 1 : 0) + (mandateText ? 1 : 0);
  }
  return done;
}
