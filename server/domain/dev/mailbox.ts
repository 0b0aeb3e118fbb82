import { desc, eq } from "drizzle-orm";
import { emailOutbox } from "@/db/schema";
import { withPlatform } from "@/db/transaction";

/** The local mailbox: e-mails handled by the local transport, newest first. */
export async function listLocalMail(limit = 100) {
  return withPlatform((tx) =>
    tx
      .select({
        id: emailOutbox.id,
        to: emailOutbox.to,
        subject: emailOutbox.subject,
        status: emailOutbox.status,
        createdAt: emailOutbox.createdAt,
        sentAt: emailOutbox.sentAt,
      })
      .from(emailOutbox)
      .orderBy(desc(emailOutbox.createdAt))
      .limit(limit),
  );
}

export async function getLocalMail(id: string) {
  const [mail] = await withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.id, id)));
  return mail ?? null;
}
