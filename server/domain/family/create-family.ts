import { randomUUID } from "node:crypto";
import { emptyHealth } from "@/common/family-file";
import { allergiesFromText, healthColumns } from "@/server/domain/family-file/health";
import { and, eq, like } from "drizzle-orm";
import { children, guardians, households, users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { env } from "@/config/env";
import { normalizeEmail } from "@/server/domain/auth/password";
import { issueToken } from "@/server/domain/auth/tokens";
import type { Scope } from "@/server/domain/scope";
import { queueEmail } from "@/server/email/outbox";
import { AppError } from "@/server/errors";
import { todayIn } from "@/common/dates";
import type { NewFamilyInput } from "@/common/family-input";
import { messages } from "@/common/messages";
import { activationCodeOf } from "./activation";

/** "JOL-00043": the commune's prefix and the next number after the highest one in use. */
async function nextReference(scope: Scope): Promise<string> {
  const prefix = scope.tenant.slug.replace(/[^a-z]/gi, "").slice(0, 3).toUpperCase() || "FAM";
  const rows = await scope.tx
    .select({ reference: households.reference })
    .from(households)
    .where(and(eq(households.tenantId, scope.tenant.id), like(households.reference, `${prefix}-%`)));
  const highest = Math.max(0, ...rows.map((r) => Number(/^[A-Z]+-(\d+)$/.exec(r.reference)?.[1] ?? 0)));
  return `${prefix}-${String(highest + 1).padStart(5, "0")}`;
}

/** A date of birth after today (in the commune's time zone) is a typing mistake. */
export function assertBirthDatesPast(scope: Scope, birthDates: string[], field: (index: number) => string) {
  const today = todayIn(scope.tenant.timeZone, scope.now);
  const index = birthDates.findIndex((d) => d > today);
  if (index >= 0) throw new AppError("BAD_REQUEST", `${messages.fields.birthDate} : ${messages.familyCreation.birthDateFuture}`, field(index));
}

/**
 * The account for a guardian invited by e-mail: linked at once to the file (staff typed the address
 * the family gave them); a new account gets an activation link, an existing one a notice.
 */
export async function inviteGuardian(scope: Scope, input: { email: string; name: string; householdName: string; reference: string }) {
  const email = normalizeEmail(input.email);
  return withPlatform(async (p) => {
    const [found] = await p.select({ id: users.id }).from(users).where(eq(users.email, email));
    const user = found ?? (await p.insert(users).values({ email, name: input.name }).returning({ id: users.id }))[0]!;
    const activationUrl = found ? null : `${env().appUrl}/activation?jeton=${await issueToken(p, user.id, "activation")}`;
    await queueEmail(p, email, "family-invitation", {
      communeName: scope.tenant.name,
      householdName: input.householdName,
      reference: input.reference,
      activationUrl,
      signInUrl: `${env().appUrl}/connexion`,
    });
    return user.id;
  });
}

/**
 * « Nouvelle famille »: the household, its guardians and children in one transaction, with the
 * family's activation code; guardians chosen for it are invited by e-mail.
 */
export async function createFamily(scope: Scope, input: NewFamilyInput) {
  const { tx, tenant } = scope;
  assertBirthDatesPast(scope, input.children.map((c) => c.birthDate), (i) => `children.${i}.birthDate`);
  const reference = input.reference || (await nextReference(scope));
  const [taken] = await tx.select({ id: households.id }).from(households).where(and(eq(households.tenantId, tenant.id), eq(households.reference, reference)));
  if (taken) throw new AppError("CONFLICT", messages.familyCreation.referenceTaken, "reference");
  const [household] = await tx
    .insert(households)
    .values({ tenantId: tenant.id, reference, name: input.name, addressLine: input.addressLine, postalCode: input.postalCode, city: input.city, isResident: input.isResident })
    .returning({ id: households.id });
  const householdId = household!.id;
  const invited: string[] = [];
  for (const g of input.guardians) {
    const userId =
      g.invite === "email" ? await inviteGuardian(scope, { email: g.email, name: `${g.firstName} ${g.lastName}`, householdName: input.name, reference }) : null;
    if (userId) invited.push(g.email);
    await tx.insert(guardians).values({
      tenantId: tenant.id,
      householdId,
      userId,
      firstName: g.firstName,
      lastName: g.lastName,
      email: g.email ? normalizeEmail(g.email) : null,
      phone: g.phone || null,
    });
  }
  if (input.children.length) {
    await tx.insert(children).values(
      input.children.map((c) => {
        const id = randomUUID();
        return {
          tenantId: tenant.id,
          id,
          householdId,
          firstName: c.firstName,
          lastName: c.lastName,
          birthDate: c.birthDate,
          school: c.school || null,
          classLevel: c.classLevel || null,
          diet: c.diet,
          // Health data is sealed at rest (server/domain/family-file/health.ts).
          ...healthColumns(tenant.id, id, { ...emptyHealth, allergies: allergiesFromText(c.allergies) }, false),
        };
      }),
    );
  }
  const { code } = await activationCodeOf(tx, tenant.id, householdId);
  return { householdId, reference, code, invited, needsCode: input.guardians.some((g) => g.invite === "code") };
}
