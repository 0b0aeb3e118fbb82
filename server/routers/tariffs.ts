import { z } from "zod";
import { addTariff, deleteTariff, listTariffs, tariffInput } from "@/server/domain/billing/tariffs";
import { router, staffProcedure } from "@/server/trpc";

/** An activity's prices from a date: the front desk reads them, admins set them. */
const reader = staffProcedure("admin", "agent");
const writer = staffProcedure("admin");

export const tariffsRouter = router({
  list: reader.input(z.object({ activityId: z.uuid() })).query(({ ctx, input }) => listTariffs(ctx.scope, input)),

  add: writer.input(tariffInput).mutation(({ ctx, input }) => addTariff(ctx.scope, input)),

  delete: writer.input(z.object({ tariffId: z.uuid() })).mutation(({ ctx, input }) => deleteTariff(ctx.scope, input)),
});
