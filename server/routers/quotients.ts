import { z } from "zod";
import { cafQuotientInput, familyQuotients, fiscalQuotientInput, householdQuotients, recordCafQuotient, recordFiscalQuotient } from "@/server/domain/billing/quotients";
import { parentProcedure, router, staffProcedure } from "@/server/trpc";

/** Quotients familiaux: the front desk records them; a family reads its own. */
const frontDesk = staffProcedure("admin", "agent");

export const quotientsRouter = router({
  /** A household's history, and how the commune counts parts for a QF computed from tax data. */
  ofHousehold: frontDesk.input(z.object({ householdId: z.uuid() })).query(({ ctx, input }) => householdQuotients(ctx.scope, input)),

  recordCaf: frontDesk.input(cafQuotientInput).mutation(({ ctx, input }) => recordCafQuotient(ctx.scope, input)),

  recordFiscal: frontDesk.input(fiscalQuotientInput).mutation(({ ctx, input }) => recordFiscalQuotient(ctx.scope, input)),

  /** The caller's own households' QF history, read-only. */
  mine: parentProcedure.query(({ ctx }) => familyQuotients(ctx.scope)),
});
