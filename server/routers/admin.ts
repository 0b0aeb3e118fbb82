import { z } from "zod";
import { withTenant } from "@/db/transaction";
import { applyBookingChanges } from "@/server/domain/booking/bookings";
import { decideEnrolment, listEnrolments } from "@/server/domain/booking/enrolments";
import { householdOverrides } from "@/server/domain/booking/overrides";
import { getPlanning } from "@/server/domain/booking/planning";
import { activationCodeOf, regenerateActivationCode } from "@/server/domain/family/activation";
import { householdHistory, setHouseholdResident } from "@/server/domain/family/household-events";
import { setChildPhoto } from "@/server/domain/family/child-photo";
import { getHousehold, listHouseholds } from "@/server/domain/family/households";
import { staffDashboard } from "@/server/domain/tenants/dashboard";
import { listStaff } from "@/server/domain/tenants/staff";
import { router, staffProcedure, staffProcedureNoTx } from "@/server/trpc";
import { now as clockNow } from "@/common/clock";
import { photoInput } from "./family";
import { bookingChange, dayRange } from "./reservations";

const frontDesk = staffProcedure("admin", "agent");
const staffActor = (userId: string) => ({ userId, role: "staff" as const, householdIds: [] });

export const adminRouter = router({
  /**
   * The staff home page's figures. Site agents get today's activities and meals only: requests
   * and billing are the front desk's (the same roles as the pages they link to). `todayOnly`: the
   * site lists ask for today's part alone.
   */
  dashboard: staffProcedure("admin", "agent", "site_agent")
    .input(z.object({ todayOnly: z.boolean().optional() }).optional())
    .query(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) =>
        staffDashboard(tx, ctx.tenant, { frontDesk: !input?.todayOnly && ctx.access.staffRoles.some((r) => r === "admin" || r === "agent") }),
      ),
    ),

  households: frontDesk.query(({ ctx }) => withTenant(ctx.tenant.id, (tx) => listHouseholds(tx, ctx.tenant.id))),

  household: frontDesk
    .input(z.object({ householdId: z.uuid() }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => getHousehold(tx, ctx.tenant.id, input.householdId))),

  /** The household's portal activation code (issued on first need) and who of its guardians has an account. */
  householdAccess: frontDesk.input(z.object({ householdId: z.uuid() })).query(({ ctx, input }) =>
    withTenant(ctx.tenant.id, async (tx) => ({
      activation: await activationCodeOf(tx, ctx.tenant.id, input.householdId),
      history: await householdHistory(tx, ctx.tenant.id, input.householdId),
    })),
  ),

  /** "Régénérer": the printed code stops working, a new one is printed on the next invoices. */
  regenerateActivationCode: frontDesk
    .input(z.object({ householdId: z.uuid() }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => regenerateActivationCode(tx, ctx.tenant.id, ctx.user.id, input.householdId))),

  /** Resident or not: prices bookings made from now on; recorded in the file's history. */
  setResident: frontDesk
    .input(z.object({ householdId: z.uuid(), isResident: z.boolean() }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => setHouseholdResident(tx, ctx.tenant.id, ctx.user.id, input.householdId, input.isResident))),
  /** The household's bookings and cancellations made by staff past the rules, with who, when and why. */
  householdOverrides: frontDesk
    .input(z.object({ householdId: z.uuid() }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => householdOverrides(tx, ctx.tenant.id, input.householdId))),

  /** The front desk adds, replaces or removes a child's photo in the family file. */
  setChildPhoto: staffProcedureNoTx("admin", "agent")
    .input(photoInput)
    .mutation(({ ctx, input }) => setChildPhoto({ tenant: ctx.tenant, actor: ctx.actor, now: clockNow() }, input)),

  staff: staffProcedure("admin").query(({ ctx }) => withTenant(ctx.tenant.id, (tx) => listStaff(tx, ctx.tenant.id))),

  enrolments: frontDesk
    .input(z.object({ status: z.enum(["pending", "accepted", "refused", "withdrawn"]).optional() }))
    .query(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => listEnrolments(tx, ctx.tenant.id, { status: input.status }))),

  decideEnrolment: frontDesk
    .input(z.object({ enrolmentId: z.uuid(), decision: z.enum(["accepted", "refused"]), reason: z.string().max(500).optional() }))
    .mutation(({ ctx, input }) => withTenant(ctx.tenant.id, (tx) => decideEnrolment(tx, ctx.tenant, ctx.user.id, input))),

  /** A child's planning as the front desk sees it, to book on the family's behalf. */
  childPlanning: frontDesk
    .input(z.object({ childId: z.uuid() }).and(dayRange))
    .query(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) => getPlanning(tx, ctx.tenant, staffActor(ctx.user.id), input.childId, input.from, input.to)),
    ),

  /** Bookings on a family's behalf; past the deadline only with a reason, recorded with the agent's name. */
  applyBookings: frontDesk
    .input(z.object({ changes: z.array(bookingChange).min(1).max(400), overrideReason: z.string().trim().max(300).optional() }))
    .mutation(({ ctx, input }) =>
      withTenant(ctx.tenant.id, (tx) =>
        applyBookingChanges(tx, ctx.tenant, staffActor(ctx.user.id), input.changes, { overrideReason: input.overrideReason || undefined }),
      ),
    ),
});
