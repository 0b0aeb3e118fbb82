import { listStaff } from "@/server/domain/tenants/staff";
import { router, staffProcedure } from "@/server/trpc";

/** The commune's team (admins only). */
export const staffRouter = router({
  list: staffProcedure("admin").query(({ ctx }) => listStaff(ctx.scope)),
});
