import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { queueEmail } from "@/server/email/outbox";
import { env } from "@/config/env";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import { hashPassword, normalizeEmail, verifyPassword } from "./password";
import { endAllSessions } from "./sessions";
import { clearFailures, isThrottled, recordAttempt, signInIsThrottled } from "./throttle";
import { consumeToken, issueToken, revokeOutstandingTokens, tokenIsUsable } from "./tokens";

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  isOperator: boolean;
}

export type AuthenticateResult = { ok: true; user: SignedInUser } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Password sign-in. Wrong passwords slow down the (account, address) pair that sent them, never the
 * account for everyone; a throttled attempt does not even check the password. The password is
 * checked exactly once whether the account exists or not, so the timing says nothing either.
 */
export async function authenticate(input: { email: string; password: string; ip: string; now?: Date }): Promise<AuthenticateResult> {
  const email = normalizeEmail(input.email);
  const now = input.now ?? new Date();
  return withPlatform(async (tx) => {
    if (await signInIsThrottled(tx, email, input.ip, now)) return { ok: false, reason: "throttled" } as const;
    const [user] = await tx.select().from(users).where(eq(users.email, email));
    const valid = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !valid) {
      await recordAttempt(tx, "sign_in", email, input.ip, now);
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

/**
 * Sets a new password from an e-mailed link. The link is checked before the (costly) hash, and
 * unknown or used links are counted per address; success ends every session of the account and
 * every other link still outstanding.
 */
export async function resetPassword(input: { token: string; password: string; ip: string }): Promise<void> {
  await setPasswordFromLink({ ...input, purpose: "reset" });
}

export async function activateAccount(input: { token: string; password: string; ip: string }): Promise<{ email: string }> {
  return setPasswordFromLink({ ...input, purpose: "activation" });
}

async function setPasswordFromLink(input: { token: string; password: string; ip: string; purpose: "reset" | "activation" }): Promise<{ email: string }> {
  const usable = await withPlatform(async (tx) => {
    if (await isThrottled(tx, "link_token", "", input.ip)) throw new AppError("TOO_MANY_REQUESTS", messages.auth.tooManyLinkAttempts);
    if (await tokenIsUsable(tx, input.token, input.purpose)) return true;
    await recordAttempt(tx, "link_token", "", input.ip);
    return false;
  });
  if (!usable) throw new AppError("BAD_REQUEST", messages.auth.invalidToken, "token");
  const passwordHash = await hashPassword(input.password);
  return withPlatform(async (tx) => {
    // Consumed only now, atomically: of two forms sent with one link, one wins.
    const userId = await consumeToken(tx, input.token, input.purpose);
    if (!userId) throw new AppError("BAD_REQUEST", messages.auth.invalidToken, "token");
    const verified = input.purpose === "activation" ? { emailVerified: new Date() } : {};
    const [user] = await tx
      .update(users)
      .set({ passwordHash, ...verified })
      .where(eq(users.id, userId))
      .returning({ id: users.id, email: users.email });
    await afterPasswordChange(tx, user!);
    return { email: user!.email };
  });
}

/** Checks the current password before hashing the new one; success ends every session and outstanding link. */
export async function changePassword(userId: string, current: string, next: string): Promise<void> {
  const [user] = await withPlatform((tx) => tx.select({ id: users.id, email: users.email, hash: users.passwordHash }).from(users).where(eq(users.id, userId)));
  if (!(await verifyPassword(user?.hash, current)) || !user) {
    throw new AppError("BAD_REQUEST", messages.auth.wrongCurrentPassword, "currentPassword");
  }
  const passwordHash = await hashPassword(next);
  await withPlatform(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await afterPasswordChange(tx, user);
  });
}

async function afterPasswordChange(tx: Tx, user: { id: string; email: string }) {
  await revokeOutstandingTokens(tx, user);
  await endAllSessions(tx, user.id);
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
