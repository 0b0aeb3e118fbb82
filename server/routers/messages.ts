import { z } from "zod";
import { familyInbox, markRead, sendToFamilies, staffMessages, unreadMessagesByCommune, writeToCommune } from "@/server/domain/messages/messages";
import { authedProcedure, parentProcedure, router, staffProcedure } from "@/server/trpc";

/** Messages between the commune and its families (server/domain/messages). */

const frontDesk = staffProcedure("admin", "agent");
const subject = z.string().max(200);
const body = z.string().max(5000);
const audience = z.union([z.object({ householdId: z.uuid() }), z.object({ activityId: z.uuid() }), z.object({ siteId: z.uuid() })]);

export const messagesRouter = router({
  /** The parent's home, across communes: unread messages per commune. */
  unreadEverywhere: authedProcedure.query(({ ctx }) => unreadMessagesByCommune(ctx.user.id)),

  mine: parentProcedure.query(({ ctx }) => familyInbox(ctx.scope)),
  write: parentProcedure
    .input(z.object({ householdId: z.uuid().optional(), subject, body }))
    .mutation(({ ctx, input }) => writeToCommune(ctx.scope, input)),
  markRead: parentProcedure.input(z.object({ messageId: z.uuid() })).mutation(({ ctx, input }) => markRead(ctx.scope, input)),

  /** Staff: to one family, or all families of an activity or a site. */
  send: frontDesk.input(z.object({ audience, subject, body })).mutation(({ ctx, input }) => sendToFamilies(ctx.scope, input)),
  staffList: frontDesk.input(z.object({ householdId: z.uuid().nullish() }).default({})).query(({ ctx, input }) => staffMessages(ctx.scope, input)),
  staffMarkRead: frontDesk.input(z.object({ messageId: z.uuid() })).mutation(({ ctx, input }) => markRead(ctx.scope, input)),
});
