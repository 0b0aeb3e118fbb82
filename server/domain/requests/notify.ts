import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { guardians, memberships, users } from "@/db/schema";
import { env } from "@/config/env";
import { queueEmails } from "@/server/email/outbox";
import type { Scope } from "@/server/domain/scope";

/**
 * Who hears of a step: the other side, through the outbox (sent only if the step commits). E-mails
 * say what happened and link to the portal, never the message itself.
 */

/** The addresses of a household's guardians: their account's, else the one on the family file. */
export async function familyAddresses(scope: Scope, householdIds: string[]): Promise<Map<string, string[]>> {
  const byHousehold = new Map<string, string[]>();
  if (!householdIds.length) return byHousehold;
  const rows = await scope.tx
    .select({ householdId: guardians.householdId, email: sql<string | null>`coalesce(${users.email}, ${guardians.email})` })
    .from(guardians)
    .leftJoin(users, eq(users.id, guardians.userId))
    .where(and(eq(guardians.tenantId, scope.tenant.id), inArray(guardians.householdId, householdIds)));
  for (const r of rows) {
    if (!r.email) continue;
    const list = byHousehold.get(r.householdId) ?? [];
    if (!list.includes(r.email)) list.push(r.email);
    byHousehold.set(r.householdId, list);
  }
  return byHousehold;
}

/** The staff who handle it: the assignee alone when there is one, else the roles that handle the category. */
async function staffAddresses(scope: Scope, input: { handledBy: "admin" | "agent"; assigneeUserId: string | null }): Promise<string[]> {
  const roles = input.handledBy === "admin" ? (["admin"] as const) : (["admin", "agent"] as const);
  const rows = await scope.tx
    .selectDistinct({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, scope.tenant.id),
        input.assigneeUserId ? eq(memberships.userId, input.assigneeUserId) : inArray(memberships.role, [...roles]),
        isNotNull(users.email),
      ),
    );
  return rows.map((r) => r.email);
}

const url = (path: string) => `${env().appUrl}${path}`;

export async function notifyFamily(scope: Scope, input: { householdId: string; subject: string; text: string; path: string; button: string }) {
  const to = (await familyAddresses(scope, [input.householdId])).get(input.householdId) ?? [];
  await queueEmails(
    scope.tx,
    "portal-notice",
    to.map((address) => ({ to: address, props: { subject: input.subject, text: input.text, url: url(input.path), button: input.button } })),
  );
}

export async function notifyStaff(
  scope: Scope,
  input: { handledBy: "admin" | "agent"; assigneeUserId: string | null; subject: string; text: string; path: string; button: string },
) {
  const to = await staffAddresses(scope, input);
  await queueEmails(
    scope.tx,
    "portal-notice",
    to.map((address) => ({ to: address, props: { subject: input.subject, text: input.text, url: url(input.path), button: input.button } })),
  );
}
