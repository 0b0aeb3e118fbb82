import { emptyHealth, type HealthRecord } from "@/common/family-file";
import { isSealed, openJson, sealJson } from "@/server/lib/health-crypto";

/**
 * A child's health record, sealed in `children.health` with the commune and the child as context.
 * (The plaintext `children.allergies` of earlier versions was sealed at start-up, then dropped.)
 */

export const childHealthContext = (tenantId: string, childId: string) => `${tenantId}:child:${childId}`;

/** Legacy free text « Arachide, lactose » as a list (severity unknown: « modérée » until the family says). */
export function allergiesFromText(text: string | null | undefined): HealthRecord["allergies"] {
  return (text ?? "")
    .split(/[,;\n]/)
    .map((a) => a.trim().slice(0, 80))
    .filter(Boolean)
    .map((allergen) => ({ allergen, severity: "moderee" as const, note: "" }));
}

export function readHealth(tenantId: string, row: { id: string; health: string | null }): HealthRecord {
  if (isSealed(row.health)) return { ...emptyHealth, ...openJson<Partial<HealthRecord>>(row.health, childHealthContext(tenantId, row.id)) };
  return emptyHealth;
}

/** The columns to write for a record: sealed, with the clear flags the kitchen counts need. */
export function healthColumns(tenantId: string, childId: string, record: HealthRecord, hasPai: boolean) {
  return { health: sealJson(record, childHealthContext(tenantId, childId)), hasAllergies: record.allergies.length > 0, hasPai };
}
