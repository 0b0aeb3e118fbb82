import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { signupRequests, users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { env } from "@/config/env";
import { queueEmail } from "@/server/email/outbox";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import { hashPassword, normalizeEmail, passwordSchema } from "./password";
import { isThrottled, recordAttempt } from "./throttle";

const LIFETIME_MS = 24 * 60 * 60 * 1000;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** `/inscription`: an address, then a password (twice) or the choice of e-mailed sign-in links only. */
export const signupInput = z
  .discriminatedUnion("method", [
    z.object({ method: z.literal("password"), email: z.email().max(254), newPassword: passwordSchema, confirmPassword: z.string().max(1024) }),
    z.object({ method: z.literal("link"), email: z.email().max(254) }),
  ])
  .refine((v) => v.method === "link" || v.newPassword === v.confirmPassword, { message: messages.auth.passwordMismatch, path: ["confirmPassword"] });
export type SignupInput = z.infer<typeof signupInput>;

/**
 * Answers the same sentence, after the same work (a password hash, one e-mail rendered), whether the
 * address is new, already has an account (then the e-mail says so and offers sign-in or reset), or
 * asked too often (then nothing is sent): the page reveals nothing. The account itself is created only
 * when the e-mailed link is opened (`confirmSignup`).
 */
export async function requestSignup(input: SignupInput & { ip: string }): Promise<{ message: string }> {
  const email = normalizeEmail(input.email);
  // Hashed even on the paths that discard it, so that they take as long as the one that keeps it.
  const passwordHash = await hashPassword(input.method === "password" ? input.newPassword : randomBytes(16).toString("hex"));
  const attemptAt = new Date();
  // Sign-ups share the magic-link budget (each one sends an e-mail), under their own per-address key.
  const key = `inscription:${email}`;
  await withPlatform(async (tx) => {
    if (await isThrottled(tx, "magic_link", key, input.ip, attemptAt)) return;
    await recordAttempt(tx, "magic_link", key, input.ip, attemptAt);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) {
      await queueEmail(tx, email, "signup-existing", {
        signInUrl: `${env().appUrl}/connexion`,
        resetUrl: `${env().appUrl}/connexion/mot-de-passe-oublie`,
      });
      return;
    }
    const token = randomBytes(32).toString("base64url");
    await tx.insert(signupRequests).values({
      tokenHash: hash(token),
      email,
      passwordHash: input.method === "password" ? passwordHash : null,
      expiresAt: new Date(attemptAt.getTime() + LIFETIME_MS),
    });
    await queueEmail(tx, email, "signup-confirm", { url: `${env().appUrl}/inscription/confirmer?jeton=${token}` });
  });
  return { message: messages.signup.requested };
}

/**
 * The e-mailed link: creates the account, its address verified, with the password chosen on the form
 * (none for link-only sign-in). Another request of the same address confirmed first has created it:
 * this one then only marks the address verified, never changing the password. Every request of that
 * address is used up.
 */
export async function confirmSignup(token: string, now = new Date()): Promise<{ email: string; hasPassword: boolean }> {
  return withPlatform(async (tx) => {
    const [request] = await tx
      .update(signupRequests)
      .set({ usedAt: now })
      .where(and(eq(signupRequests.tokenHash, hash(token)), isNull(signupRequests.usedAt), gt(signupRequests.expiresAt, now)))
      .returning({ email: signupRequests.email, passwordHash: signupRequests.passwordHash });
    if (!request) throw new AppError("BAD_REQUEST", messages.signup.invalidLink, "token");
    await tx.update(signupRequests).set({ usedAt: now }).where(and(eq(signupRequests.email, request.email), isNull(signupRequests.usedAt)));
    const [created] = await tx
      .insert(users)
      .values({ email: request.email, passwordHash: request.passwordHash, emailVerified: now })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (created) return { email: request.email, hasPassword: request.passwordHash !== null };
    await tx.update(users).set({ emailVerified: now }).where(and(eq(users.email, request.email), isNull(users.emailVerified)));
    const [user] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.email, request.email));
    return { email: request.email, hasPassword: Boolean(user?.hash) };
  });
}

/** Whether a confirmation link still works, so its page can say so before anything else. */
export async function signupLinkIsUsable(token: string, now = new Date()): Promise<boolean> {
  const [row] = await withPlatform((tx) =>
    tx
      .select({ email: signupRequests.email })
      .from(signupRequests)
      .where(and(eq(signupRequests.tokenHash, hash(token)), isNull(signupRequests.usedAt), gt(signupRequests.expiresAt, now))),
  );
  return Boolean(row);
}
