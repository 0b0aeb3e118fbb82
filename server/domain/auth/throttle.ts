import { and, count, eq, gt, lt, max } from "drizzle-orm";
import type { Tx } from "@/db";
import { signInFailures } from "@/db/schema";

export type ThrottledAction = "sign_in" | "password_reset" | "magic_link" | "activation_code" | "link_token";

const WINDOW_MS = 15 * 60 * 1000;

/**
 * Attempts allowed per account and per IP within the window, for everything but passwords (see
 * SIGN_IN). A reset or magic link counts every request (each one sends an e-mail); `link_token`
 * counts unknown or used tokens sent to the reset and activation forms, per IP only.
 */
export const THROTTLE = {
  password_reset: { windowMs: WINDOW_MS, perAccount: 3, perIp: 20 },
  magic_link: { windowMs: WINDOW_MS, perAccount: 3, perIp: 20 },
  // Wrong activation codes typed on /compte, keyed by account.
  activation_code: { windowMs: WINDOW_MS, perAccount: 5, perIp: 30 },
  link_token: { windowMs: WINDOW_MS, perAccount: null, perIp: 20 },
} as const satisfies Record<Exclude<ThrottledAction, "sign_in">, { windowMs: number; perAccount: number | null; perIp: number }>;

/**
 * Wrong passwords slow down the pair (account, address) with growing delays, so an attacker cannot
 * lock the real user out from elsewhere; a looser cap per address stops one machine trying many
 * accounts, well above what a town hall's shared address produces.
 */
export const SIGN_IN = { windowMs: WINDOW_MS, freeFailures: 3, firstDelayMs: 2_000, maxDelayMs: WINDOW_MS, perIp: 100 };

/** The wait imposed after `failures` wrong passwords for one (account, address): 0, 0, 0, 2 s, 4 s, 8 s… up to 15 min. */
export function signInDelayMs(failures: number): number {
  if (failures < SIGN_IN.freeFailures) return 0;
  return Math.min(SIGN_IN.maxDelayMs, SIGN_IN.firstDelayMs * 2 ** (failures - SIGN_IN.freeFailures));
}

/** True while this address must wait before trying this account's password again. */
export async function signInIsThrottled(tx: Tx, email: string, ip: string, now = new Date()): Promise<boolean> {
  const recent = and(eq(signInFailures.action, "sign_in"), gt(signInFailures.at, new Date(now.getTime() - SIGN_IN.windowMs)));
  const [pair] = await tx
    .select({ n: count(), last: max(signInFailures.at) })
    .from(signInFailures)
    .where(and(recent, eq(signInFailures.email, email), eq(signInFailures.ip, ip)));
  const failures = pair?.n ?? 0;
  if (pair?.last && now.getTime() < new Date(pair.last).getTime() + signInDelayMs(failures)) return true;
  const [byIp] = await tx.select({ n: count() }).from(signInFailures).where(and(recent, eq(signInFailures.ip, ip)));
  return (byIp?.n ?? 0) >= SIGN_IN.perIp;
}

/** True when too many recent attempts of this kind came for this account or from this address. */
export async function isThrottled(tx: Tx, action: Exclude<ThrottledAction, "sign_in">, email: string, ip: string, now = new Date()): Promise<boolean> {
  const limits: { windowMs: number; perAccount: number | null; perIp: number } = THROTTLE[action];
  const recent = and(eq(signInFailures.action, action), gt(signInFailures.at, new Date(now.getTime() - limits.windowMs)));
  if (limits.perAccount !== null) {
    const [byAccount] = await tx.select({ n: count() }).from(signInFailures).where(and(recent, eq(signInFailures.email, email)));
    if ((byAccount?.n ?? 0) >= limits.perAccount) return true;
  }
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
