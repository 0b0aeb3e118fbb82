import { and, asc, eq, inArray } from "drizzle-orm";
import { guardians } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { allergiesLine } from "@/common/family-file";
import { logHealthViews } from "./file";
import { readHealth } from "./health";

interface HealthRow {
  childId: string;
  householdId: string;
  health: string | null;
  hasPai: boolean;
}

/**
 * What a staff list shows of each child's health (« Arachide (sévère) »), decrypted for this list
 * only; each child whose health data is shown is logged as a health view.
 */
export async function allergiesForList(scope: Scope, rows: HealthRow[], via: string): Promise<Map<string, string | null>> {
  const lines = new Map<string, string | null>();
  const shown = new Map<string, string>();
  for (const row of rows) {
    if (lines.has(row.childId)) continue;
    const list = readHealth(scope.tenant.id, { id: row.childId, health: row.health }).allergies;
    lines.set(row.childId, list.length ? allergiesLine(list) : null);
    if (list.length || row.hasPai) shown.set(row.childId, row.householdId);
  }
  for (const [childId, householdId] of shown) await logHealthViews(scope, householdId, [childId], via);
  return lines;
}

/** The guardians' phones of these households, for the site agents' lists (tap to call). */
export async function guardianPhones(scope: Scope, householdIds: string[]): Promise<Map<string, { name: string; phone: string }[]>> {
  const byHousehold = new Map<string, { name: string; phone: string }[]>();
  if (!householdIds.length) return byHousehold;
  const rows = await scope.tx
    .select({ householdId: guardians.householdId, firstName: guardians.firstName, lastName: guardians.lastName, phone: guardians.phone })
    .from(guardians)
    .where(and(eq(guardians.tenantId, scope.tenant.id), inArray(guardians.householdId, [...new Set(householdIds)])))
    .orderBy(asc(guardians.lastName), asc(guardians.firstName));
  for (const g of rows) {
    if (!g.phone) continue;
    byHousehold.set(g.householdId, [...(byHousehold.get(g.householdId) ?? []), { name: `${g.firstName} ${g.lastName}`, phone: g.phone }]);
  }
  return byHousehold;
}
