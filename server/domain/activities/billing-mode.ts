import type { Tenant } from "@/server/domain/tenants/tenants";

export type BillingMode = "prepaid" | "invoice";

/** An activity follows the commune's billing mode unless it sets its own (a property of the activity, read by booking and billing alike). */
export function effectiveBillingMode(tenant: Pick<Tenant, "billingMode">, activity: { billingMode: BillingMode | null }): BillingMode {
  return activity.billingMode ?? tenant.billingMode;
}
