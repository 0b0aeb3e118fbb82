import { eq } from "drizzle-orm";
import { familyFileSettings } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";
import { alwaysReviewed, dietCatalogue, defaultReviewedSections, type FileSection, type FileSettingsInput } from "@/common/family-file";

export interface FileSettings {
  offeredDiets: string[];
  /** Sections whose changes by a family wait for staff (always includes a new child). */
  reviewedSections: FileSection[];
}

/** The commune's choices, or the defaults while its admin has not chosen. */
export async function fileSettings(scope: Scope): Promise<FileSettings> {
  const [row] = await scope.tx.select().from(familyFileSettings).where(eq(familyFileSettings.tenantId, scope.tenant.id));
  const reviewed = (row?.reviewedSections as FileSection[] | undefined) ?? defaultReviewedSections;
  return { offeredDiets: row?.offeredDiets ?? [...dietCatalogue], reviewedSections: [...new Set([...alwaysReviewed, ...reviewed])] };
}

export async function setFileSettings(scope: Scope, input: FileSettingsInput): Promise<FileSettings> {
  const values = { offeredDiets: [...new Set(input.offeredDiets)], reviewedSections: [...new Set(input.reviewedSections)], updatedAt: scope.now };
  await scope.tx
    .insert(familyFileSettings)
    .values({ tenantId: scope.tenant.id, ...values })
    .onConflictDoUpdate({ target: familyFileSettings.tenantId, set: values });
  await recordAudit(scope, { action: "family.settings_changed", detail: { reviewed: values.reviewedSections.join(","), diets: values.offeredDiets.join(",") } });
  return fileSettings(scope);
}
