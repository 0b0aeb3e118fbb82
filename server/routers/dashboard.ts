import { z } from "zod";
import { staffDashboard } from "@/server/domain/dashboard/dashboard";
import { setupChecklist } from "@/server/domain/dashboard/setup-checklist";
import { router, staffProcedure } from "@/server/trpc";

export const dashboardRouter = router({
  /**
   * The staff home page's figures. Site agents get today's activities and meals only (the domain
   * decides by the caller's roles); `todayOnly`: the site lists ask for today's part alone.
   */
  get: staffProcedure("admin", "agent", "site_agent")
    .input(z.object({ todayOnly: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => staffDashboard(ctx.scope, input)),

  /** Admins: what a new commune still has to set up (school year, holidays, sites, activities, tariffs, team, families). */
  setup: staffProcedure("admin").query(({ ctx }) => setupChecklist(ctx.scope)),
});
