import { z } from "zod";
import { confirmSignup, requestSignup, signupInput } from "@/server/domain/auth/signup";
import { publicProcedure, router } from "@/server/trpc";

const token = z.string().min(1).max(200);

/** Parent accounts created on `/inscription`, verified by an e-mailed link. */
export const signupRouter = router({
  request: publicProcedure.input(signupInput).mutation(({ ctx, input }) => requestSignup({ ...input, ip: ctx.ip })),
  confirm: publicProcedure.input(z.object({ token })).mutation(({ input }) => confirmSignup(input.token)),
});
