import { and, count, eq, gt, lt } from "drizzle-orm";
import type { Tx } from "@/db";
import { signInFailures } from "@/db/schema";

export const THROTTLE = { windowMs: 15 * 60 * 1000, perAccount: 5, perIp: 30 } as const;

/** True when too many recent failures came for this account or from this address. */
export async function isThrottled(tx: Tx, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const [byAccount] = await tx
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, email), gt(signInFailures.at, since)));
  if ((byAccount?.n ?? 0) >= THROTTLE.perAccount) return true;
  const [byIp] = await tx
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(signInFailures.ip, ip), gt(signInFailures.at, since)));
  return (byIp?.n ?? 0) >= THROTTLE.perIp;
}

export async function recordFailure(tx: Tx, email: string, ip: string, now = new Date()) {
  await tx.insert(signInFailures).values({ email, ip, at: now });
  // Keep the table small: older rows no longer count.
  await tx.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - 2 * THROTTLE.windowMs)));
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function clearFailures(tx: Tx, email: string) {
  await tx.delete(signInFailures).where(eq(signInFailures.email, email));
}
