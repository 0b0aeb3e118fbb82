import { randomInt, timingSafeEqual } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { guardians, householdActivationCodes, householdEvents, households, tenants, users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { normalizeEmail } from "@/server/domain/auth/password";
import { clearFailures, isThrottled, recordAttempt } from "@/server/domain/auth/throttle";
import { AppError, notFound } from "@/server/errors";
import { now as clockNow } from "@/common/clock";
import { messages } from "@/common/messages";
import { parentActor, type Scope } from "@/server/domain/scope";
import { recordAudit, recordAuditIn } from "@/server/domain/audit/audit";
import { householdHistory } from "./household-events";

/**
 * Household activation codes: the code printed on a family's invoices lets a guardian link their
 * own account to the family file from `/compte`. 12 characters from 31 (no 0/O/1/I/L, so it reads
 * aloud and types without doubt): about 59 bits, and attempts are throttled, so guessing is hopeless.
 */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH = 12;

export function newActivationCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join("")).join("-");
}

/** What a person may type: any case, with or without dashes and spaces. */
export const normalizeCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, "");

function sameCode(typed: string, stored: string): boolean {
  const a = Buffer.from(normalizeCode(typed));
  const b = Buffer.from(normalizeCode(stored));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The household's current code, issued on first need (households created before codes existed). */
export async function activationCodeOf(tx: Tx, tenantId: string, householdId: string): Promise<{ code: string; issuedAt: Date }> {
  const [row] = await tx
    .select({ code: householdActivationCodes.code, issuedAt: householdActivationCodes.issuedAt })
    .from(householdActivationCodes)
    .where(and(eq(householdActivationCodes.tenantId, tenantId), eq(householdActivationCodes.householdId, householdId)));
  if (row) return row;
  const [household] = await tx.select({ id: households.id }).from(households).where(and(eq(households.tenantId, tenantId), eq(households.id, householdId)));
  if (!household) throw notFound();
  // Two readers at once: the second insert does nothing and both read the first one's code.
  await tx.insert(householdActivationCodes).values({ tenantId, householdId, code: newActivationCode() }).onConflictDoNothing();
  return activationCodeOf(tx, tenantId, householdId);
}

/** The household's portal activation code (issued on first need) and its file's history (who linked an account, when). */
export async function householdAccess(scope: Scope, input: { householdId: string }) {
  return {
    activation: await activationCodeOf(scope.tx, scope.tenant.id, input.householdId),
    history: await householdHistory(scope, input),
  };
}

/** "Régénérer": the old code stops working at once (a lost invoice, a separated parent). */
export async function regenerateActivationCode(scope: Scope, input: { householdId: string }) {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const staffUserId = scope.actor.userId;
  const { householdId } = input;
  await activationCodeOf(tx, tenantId, householdId);
  const [row] = await tx
    .update(householdActivationCodes)
    .set({ code: newActivationCode(), issuedAt: now, issuedBy: staffUserId })
    .where(and(eq(householdActivationCodes.tenantId, tenantId), eq(householdActivationCodes.householdId, householdId)))
    .returning({ code: householdActivationCodes.code, issuedAt: householdActivationCodes.issuedAt });
  await tx.insert(householdEvents).values({ tenantId, householdId, kind: "activation_code_regenerated", at: now, by: staffUserId });
  await recordAudit(scope, { action: "family.activation_code_regenerated", householdId });
  return row!;
}

export const linkHouseholdInput = z.object({
  communeSlug: z.string().trim().min(1).max(100),
  familyReference: z.string().trim().min(1, messages.activation.referenceRequired).max(50),
  code: z.string().trim().min(1, messages.activation.codeRequired).max(50),
});
export type LinkHouseholdInput = z.infer<typeof linkHouseholdInput>;

type LinkOutcome =
  | { ok: true; tenantSlug: string; tenantName: string; householdName: string; reference: string; guardianName: string }
  | { ok: false; reason: "throttled" | "invalid" | "already" | "noGuardian" | "suspended" };

/** Failures count apart from sign-in failures (their own action in the same table: 5 per account, 30 per address, 15 minutes). */
const throttleKeys = (userId: string, ip: string) => ({ account: `famille:${userId}`, ip });

/**
 * "Ajouter un dossier famille" from `/compte`: the household with this reference in this commune,
 * if the code is its current one. The account is linked to the guardian whose e-mail is the
 * account's, else to the first guardian without an account (in the file's order); the code is then
 * replaced, so a printed code works once, even by two accounts at the same instant (the replacement
 * is conditional on the code checked). Every refusal before the code is checked says the same
 * thing, so the form tells nobody which communes or references exist. Cross-commune by nature:
 * the privileged path, filtered here by commune and household.
 */
export async function linkHouseholdByCode(userId: string, ip: string, input: LinkHouseholdInput, now = clockNow()) {
  const keys = throttleKeys(userId, ip);
  // The throttle window is real time, as for sign-in failures (the business clock may be pinned for a demo).
  const attemptAt = new Date();
  const outcome = await withPlatform(async (tx): Promise<LinkOutcome> => {
    if (await isThrottled(tx, "activation_code", keys.account, keys.ip, attemptAt)) return { ok: false, reason: "throttled" };
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    const [found] = await tx
      .select({
        tenantId: tenants.id,
        tenantSlug: tenants.slug,
        tenantName: tenants.name,
        status: tenants.status,
        householdId: households.id,
        householdName: households.name,
        reference: households.reference,
        code: householdActivationCodes.code,
      })
      .from(households)
      .innerJoin(tenants, eq(tenants.id, households.tenantId))
      .innerJoin(householdActivationCodes, and(eq(householdActivationCodes.tenantId, households.tenantId), eq(householdActivationCodes.householdId, households.id)))
      .where(and(eq(tenants.slug, input.communeSlug), sql`upper(${households.reference}) = ${input.familyReference.trim().toUpperCase()}`));
    if (!user || !found || !sameCode(input.code, found.code)) {
      await recordAttempt(tx, "activation_code", keys.account, keys.ip, attemptAt);
      return { ok: false, reason: "invalid" };
    }
    if (found.status !== "active") return { ok: false, reason: "suspended" };
    const people = await tx
      .select({ id: guardians.id, userId: guardians.userId, email: guardians.email, firstName: guardians.firstName, lastName: guardians.lastName })
      .from(guardians)
      .where(and(eq(guardians.tenantId, found.tenantId), eq(guardians.householdId, found.householdId)))
      .orderBy(asc(guardians.lastName), asc(guardians.firstName), asc(guardians.id))
      .for("update");
    if (people.some((g) => g.userId === userId)) return { ok: false, reason: "already" };
    const free = people.filter((g) => g.userId === null);
    const guardian = free.find((g) => g.email && normalizeEmail(g.email) === normalizeEmail(user.email)) ?? free[0];
    if (!guardian) return { ok: false, reason: "noGuardian" };
    await tx
      .update(guardians)
      .set({ userId })
      .where(and(eq(guardians.tenantId, found.tenantId), eq(guardians.id, guardian.id), isNull(guardians.userId)));
    const guardianName = `${guardian.firstName} ${guardian.lastName}`;
    // The code is used up only if it is still the one checked above: a link racing this one (same
    // code, another account) that committed first has replaced it, and this statement, waiting for
    // that row, then matches nothing. Refused with the neutral message, the guardian link rolled back.
    const [consumed] = await tx
      .update(householdActivationCodes)
      .set({ code: newActivationCode(), issuedAt: now, issuedBy: null })
      .where(
        and(
          eq(householdActivationCodes.tenantId, found.tenantId),
          eq(householdActivationCodes.householdId, found.householdId),
          eq(householdActivationCodes.code, found.code),
        ),
      )
      .returning({ householdId: householdActivationCodes.householdId });
    if (!consumed) throw new AppError("BAD_REQUEST", messages.activation.invalid);
    await tx.insert(householdEvents).values({
      tenantId: found.tenantId,
      householdId: found.householdId,
      kind: "account_linked",
      data: { guardianName, email: user.email },
      at: now,
      by: null,
    });
    await recordAuditIn(tx, found.tenantId, parentActor(userId, [found.householdId]), now, { action: "family.account_linked", householdId: found.householdId });
    await clearFailures(tx, keys.account, "activation_code");
    return { ok: true, tenantSlug: found.tenantSlug, tenantName: found.tenantName, householdName: found.householdName, reference: found.reference, guardianName };
  });
  // Thrown after the transaction, so the failure it recorded stays counted.
  if (outcome.ok) return outcome;
  switch (outcome.reason) {
    case "throttled":
      throw new AppError("TOO_MANY_REQUESTS", messages.activation.throttled);
    case "invalid":
      throw new AppError("BAD_REQUEST", messages.activation.invalid);
    case "already":
      throw new AppError("CONFLICT", messages.activation.alreadyLinked);
    case "noGuardian":
      throw new AppError("CONFLICT", messages.activation.noGuardianLeft);
    case "suspended":
      throw new AppError("FORBIDDEN", messages.tenant.suspended);
  }
}

/** The communes a parent may choose from when adding a family file. */
export async function linkableCommunes() {
  return withPlatform((tx) => tx.select({ slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.status, "active")).orderBy(asc(tenants.name)));
}
