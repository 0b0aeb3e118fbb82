import { and, eq, not, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { sepaMandates } from "@/db/schema";
import { maskIban } from "@/common/collection-input";
import { isSealed, openHealth, sealHealth } from "@/server/lib/health-crypto";

/**
 * A mandate's bank details at rest: the IBAN, and the signed text that names it, are sealed like health
 * data (AES-256-GCM under HEALTH_DATA_KEY, server/lib/health-crypto.ts) with the mandate's own context
 * as associated data, so a value copied onto another mandate does not decrypt. Only the pain.008 export
 * reads the full IBAN; screens and e-mails get `maskedIbanOf`.
 */

export const mandateContext = (tenantId: string, mandateId: string) => `${tenantId}:sepa_mandate:${mandateId}`;

type MandateRow = { tenantId: string; id: string; iban: string; mandateText?: string };

export const sealMandateValue = (plain: string, tenantId: string, mandateId: string) => sealHealth(plain, mandateContext(tenantId, mandateId));

/** A sealed value read back; a value still in clear (written before encryption, until the start-up migration) as is. */
const openValue = (value: string, row: MandateRow) => (isSealed(value) ? openHealth(value, mandateContext(row.tenantId, row.id)) : value);

/** The full IBAN: for the debit file only. */
export const ibanOf = (row: MandateRow) => openValue(row.iban, row);

export const maskedIbanOf = (row: MandateRow) => maskIban(ibanOf(row));

/** The text as signed, with its IBAN masked, for screens. */
export function maskedMandateText(row: MandateRow & { mandateText: string }) {
  const iban = ibanOf(row);
  return openValue(row.mandateText, row).replaceAll(iban, maskIban(iban));
}

/**
 * Start-up data migration: mandates signed before encryption keep their IBAN and text in clear; they
 * are sealed here, row by row, on the privileged path. Idempotent: a row is rewritten only while its
 * IBAN is still in clear.
 */
export async function sealClearMandates(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'recre_platform', true)`);
    const rows = await tx
      .select({ tenantId: sepaMandates.tenantId, id: sepaMandates.id, iban: sepaMandates.iban, mandateText: sepaMandates.mandateText })
      .from(sepaMandates)
      .where(not(sql`${sepaMandates.iban} like 'h1.%'`));
    for (const row of rows) {
      const seal = (value: string) => (isSealed(value) ? value : sealMandateValue(value, row.tenantId, row.id));
      await tx
        .update(sepaMandates)
        .set({ iban: seal(row.iban), mandateText: seal(row.mandateText) })
        .where(and(eq(sepaMandates.tenantId, row.tenantId), eq(sepaMandates.id, row.id), eq(sepaMandates.iban, row.iban)));
    }
    if (rows.length) console.info(`[recre] ${rows.length} mandat(s) SEPA chiffré(s)`);
    return rows.length;
  });
}
