import { and, count, eq, gt, lt } from "drizzle-orm";
import type { Tx } from "@/db";
import { signInFailures } from "@/db/schema";

export type ThrottledAction = "sign_in" | "password_reset" | "magic_link" | "activation_code";

const WINDOW_MS = 15 * 60 * 1000;

/**
 * Attempts allowed per account and per IP within the window. Sign-in counts failures; a reset or
 * magic link counts every request (each one sends an e-mail), a few per address being plenty.
 */
export const THROTTLE: Record<ThrottledAction, { windowMs: number; perAccount: number; perIp: number }> = {
  sign_in: { windowMs: WINDOW_MS, perAccount: 5, perIp: 30 },
  password_reset: { windowMs: WINDOW_MS, perAccount: 3, perIp: 20 },
  magic_link: { windowMs: WINDOW_MS, perAccount: 3, perIp: 20 },
  // Wrong activation codes typed on /compte, keyed by account: the same budget as passwords.
  activation_code: { windowMs: WINDOW_MS, perAccount: 5, perIp: 30 },
};

/** True when too many recent attempts of this kind came for this account or from this address. */
export async function isThrottled(tx: Tx, action: ThrottledAction, email: string, ip: string, now = new Date()): Promise<boolean> {
  const limits = THROTTLE[action];
  const recent = and(eq(signInFailures.action, action), gt(signInFailures.at, new Date(now.getTime() - limits.windowMs)));
  const [byAccount] = await tx.select({ n: count() }).from(signInFailures).where(and(recent, eq(signInFailures.email, email)));
  if ((byAccount?.n ?? 0) >= limits.perAccount) return true;
  const [byIp] = await tx.select({ n: count() }).from(signInFailures).where(and(recent, eq(signInFailures.ip, ip)));
  return (byIp?.n ?? 0) >= limits.perIp;
}

export async function recordAttempt(tx: Tx, action: ThrottledAction, email: string, ip: string, now = new Date()) {
  await tx.insert(signInFailures).values({ action, email, ip, at: now });
  // Keep the table small: older rows no longer count.
  await tx.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - 2 * WINDOW_MS)));
}

/** A success clears the account's failures of that kind (not the address's, nor link requests). */
export async function clearFailures(tx: Tx, email: string, action: ThrottledAction = "sign_in") {
  await tx.delete(signInFailures).where(and(eq(signInFailures.action, action), eq(signInFailures.email, email)));
}
