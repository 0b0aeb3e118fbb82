import { z } from "zod";
import { activateAccount, changePassword, linkIsUsable, requestPasswordReset, resetPassword } from "@/server/domain/auth/account";
import { emailSchema, passwordSchema, typedPasswordSchema } from "@/server/domain/auth/password";
import { signOutEverywhere } from "@/server/domain/auth/sessions";
import { messages } from "@/common/messages";
import { authedProcedure, publicProcedure, router } from "@/server/trpc";

const newPassword = z
  .object({ newPassword: passwordSchema, confirmPassword: z.string().max(1024) })
  .refine((v) => v.newPassword === v.confirmPassword, { message: messages.auth.passwordMismatch, path: ["confirmPassword"] });

/** Links carry 43 characters of base64url; anything much longer is not one of ours. */
const linkToken = z.string().min(1).max(200);

export const authRouter = router({
  requestPasswordReset: publicProcedure
    .input(z.object({ email: emailSchema }))
    .mutation(({ ctx, input }) => requestPasswordReset(input.email, ctx.ip)),

  /** Lets the page of an e-mailed link say at once that it has been used or has expired. */
  linkStatus: publicProcedure
    .input(z.object({ token: linkToken, purpose: z.enum(["reset", "activation"]) }))
    .query(async ({ input }) => ({ usable: await linkIsUsable(input.token, input.purpose) })),

  resetPassword: publicProcedure
    .input(z.object({ token: linkToken }).and(newPassword))
    .mutation(({ ctx, input }) => resetPassword({ token: input.token, password: input.newPassword, ip: ctx.ip })),

  activate: publicProcedure
    .input(z.object({ token: linkToken }).and(newPassword))
    .mutation(async ({ ctx, input }) => {
      await activateAccount({ token: input.token, password: input.newPassword, ip: ctx.ip });
    }),

  /** Ends every session of the account, the current one included. */
  changePassword: authedProcedure
    .input(z.object({ currentPassword: typedPasswordSchema }).and(newPassword))
    .mutation(({ ctx, input }) => changePassword(ctx.user.id, input.currentPassword, input.newPassword)),

  /** « Se déconnecter partout »: every device, the current one included, must sign in again. */
  signOutEverywhere: authedProcedure.mutation(async ({ ctx }) => {
    await signOutEverywhere(ctx.user.id);
    return { message: messages.auth.signedOutEverywhere };
  }),
});
