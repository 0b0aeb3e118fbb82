import { z } from "zod";
import { activateAccount, changePassword, linkIsUsable, requestPasswordReset, resetPassword } from "@/server/domain/auth/account";
import { passwordSchema } from "@/server/domain/auth/password";
import { messages } from "@/common/messages";
import { authedProcedure, publicProcedure, router } from "@/server/trpc";

const newPassword = z
  .object({ newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { message: messages.auth.passwordMismatch, path: ["confirmPassword"] });

export const authRouter = router({
  requestPasswordReset: publicProcedure
    .input(z.object({ email: z.email() }))
    .mutation(({ ctx, input }) => requestPasswordReset(input.email, ctx.ip)),

  /** Lets the page of an e-mailed link say at once that it has been used or has expired. */
  linkStatus: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200), purpose: z.enum(["reset", "activation"]) }))
    .query(async ({ input }) => ({ usable: await linkIsUsable(input.token, input.purpose) })),

  resetPassword: publicProcedure
    .input(z.object({ token: z.string().min(1) }).and(newPassword))
    .mutation(({ input }) => resetPassword(input.token, input.newPassword)),

  activate: publicProcedure
    .input(z.object({ token: z.string().min(1) }).and(newPassword))
    .mutation(async ({ input }) => {
      await activateAccount(input.token, input.newPassword);
    }),

  changePassword: authedProcedure
    .input(z.object({ currentPassword: z.string().min(1) }).and(newPassword))
    .mutation(({ ctx, input }) => changePassword(ctx.user.id, input.currentPassword, input.newPassword)),
});
