import { eq } from "drizzle-orm";
import { z } from "zod";
import { tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { messages } from "@/common/messages";

const between = (min: number, max: number) => {
  const text = messages.rgpd.retention.settingInvalid(min, max);
  return z.number({ error: text }).int(text).min(min, text).max(max, text);
};

/** The commune's retention periods (docs/rgpd.md); the bounds keep a typo from erasing everyone tomorrow. */
export const retentionSettingsInput = z.object({
  familyRetentionYears: between(1, 10),
  healthRetentionMonths: between(1, 60),
  auditRetentionMonths: between(6, 36),
});
export type RetentionSettings = z.infer<typeof retentionSettingsInput>;

export const retentionSettingsOf = (t: Pick<Tenant, keyof RetentionSettings>): RetentionSettings => ({
  familyRetentionYears: t.familyRetentionYears,
  healthRetentionMonths: t.healthRetentionMonths,
  auditRetentionMonths: t.auditRetentionMonths,
});

/** `tenants` is a platform table: written on the privileged path, for this one commune. */
export async function setRetentionSettings(tenantId: string, input: RetentionSettings): Promise<RetentionSettings> {
  const values = retentionSettingsInput.parse(input);
  await withPlatform((tx) => tx.update(tenants).set(values).where(eq(tenants.id, tenantId)));
  return values;
}
