import { z } from "zod";
import { setChildPhoto } from "@/server/domain/family/child-photo";
import { householdAccess, regenerateActivationCode } from "@/server/domain/family/activation";
import { setHouseholdResident } from "@/server/domain/family/household-events";
import { getHousehold, listHouseholds } from "@/server/domain/family/households";
import { householdSearchInput, searchHouseholds } from "@/server/domain/family/household-search";
import { householdOverrides } from "@/server/domain/booking/overrides";
import { router, staffProcedure, staffProcedureNoTx } from "@/server/trpc";
import { now as clockNow } from "@/common/clock";
import { photoInput } from "./family";

const frontDesk = staffProcedure("admin", "agent");
const household = z.object({ householdId: z.uuid() });

/** The front desk's family files. */
export const householdsRouter = router({
  list: frontDesk.query(({ ctx }) => listHouseholds(ctx.scope)),

  /** The families list: search, filters, one page (the CSV export is /api/familles/{commune}/csv with the same filters). */
  search: frontDesk.input(householdSearchInput).query(({ ctx, input }) => searchHouseholds(ctx.scope, input)),

  get: frontDesk.input(household).query(({ ctx, input }) => getHousehold(ctx.scope, input)),

  /** The household's portal activation code (issued on first need) and who of its guardians has an account. */
  access: frontDesk.input(household).query(({ ctx, input }) => householdAccess(ctx.scope, input)),

  /** "Régénérer": the printed code stops working, a new one is printed on the next invoices. */
  regenerateActivationCode: frontDesk.input(household).mutation(({ ctx, input }) => regenerateActivationCode(ctx.scope, input)),

  /** Resident or not: prices bookings made from now on; recorded in the file's history. */
  setResident: frontDesk.input(household.extend({ isResident: z.boolean() })).mutation(({ ctx, input }) => setHouseholdResident(ctx.scope, input)),

  /** The household's bookings and cancellations made by staff past the rules, with who, when and why. */
  overrides: frontDesk.input(household).query(({ ctx, input }) => householdOverrides(ctx.scope, input)),

  /** The front desk adds, replaces or removes a child's photo in the family file. */
  setChildPhoto: staffProcedureNoTx("admin", "agent")
    .input(photoInput)
    .mutation(({ ctx, input }) => setChildPhoto({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, input)),
});
