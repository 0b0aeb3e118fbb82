import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { getLocalMail, listLocalMail } from "@/server/domain/dev/mailbox";
import { devToolsEnabled } from "@/config/env";
import { messages } from "@/common/messages";
import { publicProcedure, router } from "@/server/trpc";

/** Only in development and test, while e-mail stays on this machine (config/env.ts): gone in production. */
const localOnly = publicProcedure.use(({ next }) => {
  if (!devToolsEnabled()) {
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
