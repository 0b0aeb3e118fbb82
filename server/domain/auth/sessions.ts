import { randomBytes } from "node:crypto";
import { eq, lt, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { revokedSessions, users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";

/** Sessions last 30 days; a signed-out session id is remembered as long. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** What a session token carries to be checked on each request. */
export interface SessionClaims {
  uid?: string;
  /** The account's session version when the session was opened. */
  sv?: number;
  /** This session's own id, so that signing out on a device kills copies of its cookie. */
  sid?: string;
}

/** Claims for a session being opened now. */
export async function openSession(userId: string): Promise<Required<SessionClaims> & { isOperator: boolean }> {
  const [user] = await withPlatform((tx) =>
    tx.select({ sv: users.sessionVersion, isOperator: users.isOperator }).from(users).where(eq(users.id, userId)),
  );
  return { uid: userId, sv: user?.sv ?? 0, sid: randomBytes(18).toString("base64url"), isOperator: user?.isOperator ?? false };
}

/**
 * Whether a session may still be used: its account exists, its version is the account's current
 * one, and it was not signed out. One read by primary keys, on every request.
 */
export async function sessionIsCurrent(claims: SessionClaims): Promise<boolean> {
  if (!claims.uid || claims.sv === undefined || !claims.sid) return false;
  const [row] = await withPlatform((tx) =>
    tx
      .select({ sv: users.sessionVersion, revoked: sql<boolean>`${revokedSessions.sessionId} is not null` })
      .from(users)
      .leftJoin(revokedSessions, eq(revokedSessions.sessionId, claims.sid!))
      .where(eq(users.id, claims.uid!)),
  );
  return Boolean(row) && row!.sv === claims.sv && !row!.revoked;
}

/** Sign-out on one device: that session, and any copy of its cookie, stops working. */
export async function endSession(claims: SessionClaims, now = new Date()): Promise<void> {
  if (!claims.sid) return;
  await withPlatform(async (tx) => {
    await tx
      .insert(revokedSessions)
      .values({ sessionId: claims.sid!, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) })
      .onConflictDoNothing();
    await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
  });
}

/** Ends every session of the account (password change or reset, "sign out everywhere", staff removal). */
export async function endAllSessions(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

export function signOutEverywhere(userId: string): Promise<void> {
  return withPlatform((tx) => endAllSessions(tx, userId));
}
