import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { collectionSettings } from "@/db/schema";
import { collectionSettingsInput, type CollectionSettingsInput } from "@/common/collection-input";
import type { Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";
import { parseOrRefuse } from "./refuse";

export type CollectionSettings = Omit<typeof collectionSettings.$inferSelect, "tenantId" | "updatedAt">;

export const defaultCollectionSettings: CollectionSettings = {
  creditorId: "",
  creditorIban: "",
  creditorBic: "",
  debitDay: 5,
  rejectFeeCents: 0,
  reminderDays: [],
};

/** The commune's settings, or the defaults (no direct debit, no reminders) until its admin saves them. */
export async function settingsOf(tx: Tx, tenantId: string): Promise<CollectionSettings> {
  const [row] = await tx.select().from(collectionSettings).where(eq(collectionSettings.tenantId, tenantId));
  if (!row) return defaultCollectionSettings;
  const { tenantId: _t, updatedAt: _u, ...settings } = row;
  return settings;
}

/** Direct debit is offered once the commune has its creditor identifier and account. */
export const debitOffered = (s: CollectionSettings) => Boolean(s.creditorId && s.creditorIban && s.creditorBic);

export async function collectionSettingsFor(scope: Scope) {
  const settings = await settingsOf(scope.tx, scope.tenant.id);
  return { ...settings, debitOffered: debitOffered(settings) };
}

/** Admin: direct-debit and reminder settings of the commune. */
export async function setCollectionSettings(scope: Scope, input: CollectionSettingsInput) {
  const values = parseOrRefuse(collectionSettingsInput, input);
  await scope.tx
    .insert(collectionSettings)
    .values({ tenantId: scope.tenant.id, ...values, updatedAt: scope.now })
    .onConflictDoUpdate({ target: collectionSettings.tenantId, set: { ...values, updatedAt: scope.now } });
  await recordAudit(scope, { action: "collection.settings_changed", detail: { debit: Boolean(values.creditorId), reminderSteps: values.reminderDays.length } });
  return values;
}
