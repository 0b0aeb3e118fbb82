import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { withTenant } from "@/db/transaction";
import { rowsOf } from "@/db/client";
import type { Tenant } from "@/server/domain/tenants/tenants";
import type { BillingMode } from "@/server/domain/activities/billing-mode";

export { effectiveBillingMode, type BillingMode } from "@/server/domain/activities/billing-mode";

/** SQL for the effective mode of activity alias `a` (same rule as effectiveBillingMode). */
export const billingModeSql = (tenant: Pick<Tenant, "billingMode">, alias = "a") => sql`coalesce(${sql.raw(alias)}.billing_mode, ${tenant.billingMode})`;

export interface ModesInUse {
  /** Some activity is paid through the basket (the family pages show "Panier"). */
  prepaid: boolean;
  /** Some activity is billed at month's end (the admin pages show invoice runs). */
  invoice: boolean;
}

/** Which billing modes the commune's live activities use, whatever its default. */
export async function modesInUse(tx: Tx, tenant: Pick<Tenant, "id" | "billingMode">): Promise<ModesInUse> {
  const rows = rowsOf<{ mode: BillingMode }>(
    await tx.execute(sql`select distinct ${billingModeSql(tenant)} as mode from activities a where a.tenant_id = ${tenant.id} and not a.archived`),
  );
  const modes = new Set(rows.map((r) => r.mode));
  // A commune without activities yet still shows its default.
  if (!modes.size) modes.add(tenant.billingMode);
  return { prepaid: modes.has("prepaid"), invoice: modes.has("invoice") };
}

/** The same, in a transaction of its own: for a procedure open to staff and families alike (no scope). */
export function communeModesInUse(tenant: Pick<Tenant, "id" | "billingMode">): Promise<ModesInUse> {
  return withTenant(tenant.id, (tx) => modesInUse(tx, tenant));
}
