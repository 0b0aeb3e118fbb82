import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";

/** An account's e-mail preferences (platform-wide: one account, every commune). */
export async function emailPreferences(userId: string) {
  const [row] = await withPlatform((tx) => tx.select({ bookingEmails: users.bookingEmails }).from(users).where(eq(users.id, userId)));
  return { bookingEmails: row?.bookingEmails ?? true };
}

/** The signed-in user's own row only. */
export async function setEmailPreferences(userId: string, input: { bookingEmails: boolean }) {
  await withPlatform((tx) => tx.update(users).set({ bookingEmails: input.bookingEmails }).where(eq(users.id, userId)));
  return { bookingEmails: input.bookingEmails };
}
