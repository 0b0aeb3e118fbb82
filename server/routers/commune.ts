import { withTenant } from "@/db/transaction";
import { modesInUse } from "@/server/domain/billing/billing-mode";
import { router, tenantProcedure } from "@/server/trpc";

export const communeRouter = router({
  /** What the current commune's pages need to know about the caller; NOT_FOUND without access. */
  access: tenantProcedure.query(async ({ ctx }) => ({
    tenant: { slug: ctx.tenant.slug, name: ctx.tenant.name, billingMode: ctx.tenant.billingMode, timeZone: ctx.tenant.timeZone },
    /** Billing modes its activities use: a basket link, invoice runs, or both. */
    billingModes: await withTenant(ctx.tenant.id, (tx) => modesInUse(tx, ctx.tenant)),
    staffRoles: ctx.access.staffRoles,
    isParent: ctx.access.householdIds.length > 0,
  })),
});
