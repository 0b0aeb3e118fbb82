import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { queueEmail } from "@/server/email/outbox";
import { env } from "@/config/env";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import { hashPassword, normalizeEmail, verifyPassword } from "./password";
import { clearFailures, isThrottled, recordAttempt } from "./throttle";
import { consumeToken, issueToken, tokenIsUsable } from "./tokens";

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  isOperator: boolean;
}

export type AuthenticateResult = { ok: true; user: SignedInUser } | { ok: false; reason: "invalid" | "throttled" };

/** Password sign-in, throttled per account and per IP; a throttled attempt does not even check the password. */
export async function authenticate(input: { email: string; password: string; ip: string }): Promise<AuthenticateResult> {
  const email = normalizeEmail(input.email);
  return withPlatform(async (tx) => {
    if (await isThrottled(tx, "sign_in", email, input.ip)) return { ok: false, reason: "throttled" } as const;
    const [user] = await tx.select().from(users).where(eq(users.email, email));
    if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
      await recordAttempt(tx, "sign_in", email, input.ip);
      return { ok: false, reason: "invalid" } as const;
    }
    await clearFailures(tx, email);
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, isOperator: user.isOperator } } as const;
  });
}

export async function findUserById(id: string): Promise<SignedInUser | null> {
  const [user] = await withPlatform((tx) =>
    tx
      .select({ id: users.id, email: users.email, name: users.name, isOperator: users.isOperator })
      .from(users)
      .where(eq(users.id, id)),
  );
  return user ?? null;
}

/**
 * Always answers the same sentence, whether the address has an account, is unknown, or has
 * asked too often (per address and per IP: then nothing is sent), so it reveals nothing.
 */
export async function requestPasswordReset(rawEmail: string, ip: string): Promise<{ message: string }> {
  const email = normalizeEmail(rawEmail);
  await withPlatform(async (tx) => {
    if (await isThrottled(tx, "password_reset", email, ip)) return;
    await recordAttempt(tx, "password_reset", email, ip);
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) return;
    const token = await issueToken(tx, user.id, "reset");
    await queueEmail(tx, email, "password-reset", { url: `${env().appUrl}/connexion/nouveau-mot-de-passe?jeton=${token}` });
  });
  return { message: messages.auth.resetRequested };
}

/** Whether an e-mailed reset or activation link can still be used. */
export async function linkIsUsable(token: string, purpose: "reset" | "activation"): Promise<boolean> {
  return withPlatform((tx) => tokenIsUsable(tx, token, purpose));
}

export async function resetPassword(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await withPlatform(async (tx) => {
    const userId = await consumeToken(tx, token, "reset");
    if (!userId) throw new AppError("BAD_REQUEST", messages.auth.invalidToken, "token");
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
  });
}

export async function activateAccount(token: string, password: string): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return withPlatform(async (tx) => {
    const userId = await consumeToken(tx, token, "activation");
    if (!userId) throw new AppError("BAD_REQUEST", messages.auth.invalidToken, "token");
    const [user] = await tx
      .update(users)
      .set({ passwordHash, emailVerified: new Date() })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    return { email: user!.email };
  });
}

export async function changePassword(userId: string, current: string, next: string): Promise<void> {
  const passwordHash = await hashPassword(next);
  await withPlatform(async (tx) => {
    const [user] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
    if (!user || !(await verifyPassword(user.hash, current))) {
      throw new AppError("BAD_REQUEST", messages.auth.wrongCurrentPassword, "currentPassword");
    }
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
  });
}

/**
 * Auth.js hands us the magic link; it is sent only to existing accounts, through the outbox, and
 * not at all past a few requests per address or per IP. The page then says the same either way.
 */
export async function sendMagicLink(rawEmail: string, url: string, ip: string): Promise<void> {
  const email = normalizeEmail(rawEmail);
  await withPlatform(async (tx) => {
    if (await isThrottled(tx, "magic_link", email, ip)) return;
    await recordAttempt(tx, "magic_link", email, ip);
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (user) await queueEmail(tx, email, "magic-link", { url });
  });
}
