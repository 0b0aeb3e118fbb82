import { z } from "zod";
import { withTenant } from "@/db/transaction";
import {
  cafQuotientInput,
  fiscalQuotientInput,
  householdQuotients,
  listQuotients,
  recordCafQuotient,
  recordFiscalQuotient,
} from "@/server/domain/billing/quotients";
import { addTariff, deleteTariff, listTariffs, tariffInput } from "@/server/domain/billing/tariffs";
import { parentProcedure, router, staffProcedure } from "@/server/trpc";

/** Tariffs: the front desk reads them, admins set them. Quotients: the front desk records them; a family reads its own. */
const reader = staffProcedure("admin", "agent");
const writer = staffProcedure("admin");
const frontDesk = staffProcedure("admin", "agent");

export const billingSettingsRouter = router({
  list: reader
    .input(z.object({ activityId: z.uuid() }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => listTariffs(tx, ctx.tenant, input.activityId))),

  add: writer.input(tariffInput).mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => addTariff(tx, ctx.tenant, ctx.user.id, input))),

  delete: writer
    .input(z.object({ tariffId: z.uuid() }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => deleteTariff(tx, ctx.tenant, input.tariffId))),

  quotients: frontDesk
    .input(z.object({ householdId: z.uuid() }))
    .query(async ({ ctx, input }) => ({
      /** How the commune counts parts for a QF computed from tax data: the form asks for parts, or adults and children. */
      partsRule: ctx.tenant.qfPartsRule,
      history: await withTenant(ctx.tenant.id, (tx) => householdQuotients(tx, ctx.tenant, input.householdId)),
    })),

  recordCafQuotient: frontDesk
    .input(cafQuotientInput)
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => recordCafQuotient(tx, ctx.tenant, ctx.user.id, input))),

  recordFiscalQuotient: frontDesk
    .input(fiscalQuotientInput)
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => recordFiscalQuotient(tx, ctx.tenant, ctx.user.id, input))),

  /** The caller's own households' QF history, read-only. */
  myQuotients: parentProcedure.query(({ ctx }) => withTenant(ctx.tenant.id, (tx) => listQuotients(tx, ctx.tenant, ctx.access.householdIds))),
});
