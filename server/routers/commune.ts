import { router, tenantProcedure } from "@/server/trpc";

export const communeRouter = router({
  /** What the current commune's pages need to know about the caller; NOT_FOUND without access. */
  access: tenantProcedure.query(({ ctx }) => ({
    tenant: { slug: ctx.tenant.slug, name: ctx.tenant.name, billingMode: ctx.tenant.billingMode, timeZone: ctx.tenant.timeZone },
    staffRoles: ctx.access.staffRoles,
    isParent: ctx.access.householdIds.length > 0,
  })),
});
