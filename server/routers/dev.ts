import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { getLocalMail, listLocalMail } from "@/server/domain/dev/mailbox";
import { devToolsEnabled } from "@/config/env";
import { messages } from "@/common/messages";
import { publicProcedure, router } from "@/server/trpc";

/**
 * Only in development and test, while e-mail stays on this machine (config/env.ts), and only to a
 * browser on this machine (never through a proxy): gone in production, not found for anyone else.
 */
const localOnly = publicProcedure.use(({ ctx, next }) => {
  if (!devToolsEnabled() || !ctx.loopback) {
    throw new TRPCError({ code: "NOT_FOUND", message: messages.errors.NOT_FOUND });
  }
  return next();
});

export const devRouter = router({
  mailbox: localOnly.query(() => listLocalMail()),
  mail: localOnly.input(z.object({ id: z.uuid() })).query(async ({ input }) => {
    const mail = await getLocalMail(input.id);
    if (!mail) throw new TRPCError({ code: "NOT_FOUND", message: messages.errors.NOT_FOUND });
    return mail;
  }),
});
