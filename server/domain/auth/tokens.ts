import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { authTokens, verificationTokens } from "@/db/schema";

type Purpose = "reset" | "activation";
const lifetimeMs: Record<Purpose, number> = { reset: 60 * 60 * 1000, activation: 7 * 24 * 60 * 60 * 1000 };

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Returns the raw token for the link; only its hash is stored. A link's life is real time, never the
 * business clock (pinned in demos and tests), as it is checked against real time when used.
 */
export async function issueToken(tx: Tx, userId: string, purpose: Purpose): Promise<string> {
  const now = new Date();
  const token = randomBytes(32).toString("base64url");
  await tx.insert(authTokens).values({
    tokenHash: hash(token),
    userId,
    purpose,
    expiresAt: new Date(now.getTime() + lifetimeMs[purpose]),
  });
  return token;
}

/** Whether the link would still work (known, unused, not expired), without using it: a page says so before the form. */
export async function tokenIsUsable(tx: Tx, token: string, purpose: Purpose, now = new Date()): Promise<boolean> {
  const [row] = await tx
    .select({ userId: authTokens.userId })
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hash(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)));
  return Boolean(row);
}

/** Marks the token used and returns its user, or null when unknown, expired or already used. */
export async function consumeToken(tx: Tx, token: string, purpose: Purpose, now = new Date()): Promise<string | null> {
  const [row] = await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(authTokens.tokenHash, hash(token)),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
      ),
    )
    .returning({ userId: authTokens.userId });
  return row?.userId ?? null;
}

/**
 * Every reset and activation link of the account still outstanding stops working, and its magic
 * links too: after a password change, an older e-mailed link must not open the account.
 */
export async function revokeOutstandingTokens(tx: Tx, user: { id: string; email: string }, now = new Date()): Promise<void> {
  await tx.update(authTokens).set({ usedAt: now }).where(and(eq(authTokens.userId, user.id), isNull(authTokens.usedAt)));
  await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, user.email));
}
