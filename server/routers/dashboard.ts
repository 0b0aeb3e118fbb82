import { z } from "zod";
import { staffDashboard } from "@/server/domain/dashboard/dashboard";
import { router, staffProcedure } from "@/server/trpc";

export const dashboardRouter = router({
  /**
   * The staff home page's figures. Site agents get today's activities and meals only (the domain
   * decides by the caller's roles); `todayOnly`: the site lists ask for today's part alone.
   */
  get: staffProcedure("admin", "agent", "site_agent")
    .input(z.object({ todayOnly: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => staffDashboard(ctx.scope, input)),
});
