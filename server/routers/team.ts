import { z } from "zod";
import { changeStaffRole, deactivateStaff, inviteStaff, inviteStaffInput, listTeam, resendInvitation, teamRoleInput } from "@/server/domain/team/team";
import { router, staffProcedure } from "@/server/trpc";

const admins = staffProcedure("admin");
const member = z.object({ userId: z.uuid() });

/** The commune's team (« Équipe »): admins invite, change roles and remove members. */
export const teamRouter = router({
  list: admins.query(({ ctx }) => listTeam(ctx.scope)),
  invite: admins.input(inviteStaffInput).mutation(({ ctx, input }) => inviteStaff(ctx.scope, input)),
  resendInvitation: admins.input(member).mutation(({ ctx, input }) => resendInvitation(ctx.scope, input)),
  changeRole: admins.input(member.extend(teamRoleInput.shape)).mutation(({ ctx, input }) => changeStaffRole(ctx.scope, input)),
  deactivate: admins.input(member).mutation(({ ctx, input }) => deactivateStaff(ctx.scope, input)),
});
