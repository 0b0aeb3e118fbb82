import { endAllSessions } from "@/server/domain/auth/sessions";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { activities, membershipSites, memberships, sites, staffRoles, users, type StaffRole } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { env } from "@/config/env";
import { normalizeEmail } from "@/server/domain/auth/password";
import { issueToken } from "@/server/domain/auth/tokens";
import type { Scope } from "@/server/domain/scope";
import { roleLabels } from "@/server/domain/tenants/tenants";
import { queueEmail } from "@/server/email/outbox";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";

/** One role per team member; a site agent also gets the sites they look after. */
export const teamRoleInput = z.object({
  role: z.enum(staffRoles),
  siteIds: z.array(z.uuid()).max(200).default([]),
});
export const inviteStaffInput = teamRoleInput.extend({
  email: z.email().max(254),
  name: z.string().trim().min(2).max(120),
});
export type InviteStaffInput = z.infer<typeof inviteStaffInput>;
export type TeamRoleInput = z.infer<typeof teamRoleInput>;

export interface TeamMember {
  userId: string;
  name: string | null;
  email: string;
  role: StaffRole;
  siteIds: string[];
  /** False until the invited person has chosen a password (or opened a sign-in link). */
  activated: boolean;
}

/** The commune's team and its sites (for the site agents' choice). */
export async function listTeam(scope: Scope): Promise<{ members: TeamMember[]; sites: { id: string; name: string }[] }> {
  const { tx, tenant } = scope;
  const rows = await tx
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenant.id))
    .orderBy(asc(users.name), asc(users.email), asc(memberships.role));
  const siteRows = await tx.select({ userId: membershipSites.userId, siteId: membershipSites.siteId }).from(membershipSites).where(eq(membershipSites.tenantId, tenant.id));
  const userIds = [...new Set(rows.map((r) => r.userId))];
  // Whether an account is activated reads credentials, which only the privileged path may.
  const activated = new Set(
    userIds.length
      ? (
          await withPlatform((p) =>
            p
              .select({ id: users.id })
              .from(users)
              .where(and(inArray(users.id, userIds), sql`(${users.passwordHash} is not null or ${users.emailVerified} is not null)`)),
          )
        ).map((r) => r.id)
      : [],
  );
  // A member with several roles (older data) shows once, with the widest.
  const byUser = new Map<string, TeamMember>();
  for (const r of rows) {
    const current = byUser.get(r.userId);
    if (current && staffRoles.indexOf(current.role) <= staffRoles.indexOf(r.role)) continue;
    byUser.set(r.userId, {
      ...r,
      siteIds: siteRows.filter((s) => s.userId === r.userId).map((s) => s.siteId),
      activated: activated.has(r.userId),
    });
  }
  const siteList = await tx
    .select({ id: sites.id, name: sites.name })
    .from(sites)
    .where(and(eq(sites.tenantId, tenant.id), eq(sites.archived, false)))
    .orderBy(asc(sites.name));
  return { members: [...byUser.values()], sites: siteList };
}

/** A site agent needs at least one site of this commune; other roles keep none. */
async function checkedSites(scope: Scope, input: TeamRoleInput): Promise<string[]> {
  if (input.role !== "site_agent") return [];
  const wanted = [...new Set(input.siteIds)];
  if (!wanted.length) throw new AppError("BAD_REQUEST", `${messages.fields.siteIds} : ${messages.team.sitesRequired}`, "siteIds");
  const found = await scope.tx
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.tenantId, scope.tenant.id), inArray(sites.id, wanted), eq(sites.archived, false)));
  if (found.length !== wanted.length) throw new AppError("BAD_REQUEST", `${messages.fields.siteIds} : ${messages.team.unknownSite}`, "siteIds");
  return wanted;
}

async function rolesOf(scope: Scope, userId: string): Promise<StaffRole[]> {
  const rows = await scope.tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.tenantId, scope.tenant.id), eq(memberships.userId, userId)));
  return rows.map((r) => r.role);
}

/** Refuses to leave the commune without an admin; the admins' rows are locked so two admins removing each other cannot both pass. */
async function assertAnotherAdmin(scope: Scope, userId: string) {
  const others = await scope.tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, scope.tenant.id), eq(memberships.role, "admin"), ne(memberships.userId, userId)))
    .for("update");
  if (!others.length) throw new AppError("CONFLICT", messages.team.lastAdmin);
}

async function writeRole(scope: Scope, userId: string, role: StaffRole, siteIds: string[]) {
  const { tx, tenant } = scope;
  await tx.delete(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, userId)));
  await tx.delete(membershipSites).where(and(eq(membershipSites.tenantId, tenant.id), eq(membershipSites.userId, userId)));
  await tx.insert(memberships).values({ tenantId: tenant.id, userId, role });
  if (siteIds.length) await tx.insert(membershipSites).values(siteIds.map((siteId) => ({ tenantId: tenant.id, userId, siteId })));
}

/** Sends an activation link to an account without a password yet, or says where to sign in to one that has. */
async function sendInvitation(scope: Scope, user: { id: string; email: string; activated: boolean }, role: StaffRole) {
  await withPlatform(async (p) => {
    if (user.activated) {
      await queueEmail(p, user.email, "staff-added", { communeName: scope.tenant.name, roleLabel: roleLabels[role], signInUrl: `${env().appUrl}/connexion` });
      return;
    }
    const token = await issueToken(p, user.id, "activation");
    await queueEmail(p, user.email, "account-activation", {
      url: `${env().appUrl}/activation?jeton=${token}`,
      communeName: scope.tenant.name,
      roleLabel: roleLabels[role],
    });
  });
}

async function accountFor(email: string, name: string) {
  return withPlatform(async (p) => {
    const [found] = await p
      .select({ id: users.id, email: users.email, activated: sql<boolean>`(${users.passwordHash} is not null or ${users.emailVerified} is not null)` })
      .from(users)
      .where(eq(users.email, email));
    if (found) return found;
    const [created] = await p.insert(users).values({ email, name }).returning({ id: users.id, email: users.email });
    return { ...created!, activated: false };
  });
}

/** « Inviter » : a new member with one role, e-mailed an activation link (or told where to sign in if the account exists). */
export async function inviteStaff(scope: Scope, input: InviteStaffInput): Promise<{ userId: string }> {
  const siteIds = await checkedSites(scope, input);
  const user = await accountFor(normalizeEmail(input.email), input.name);
  if ((await rolesOf(scope, user.id)).length) throw new AppError("CONFLICT", messages.team.alreadyMember, "email");
  await writeRole(scope, user.id, input.role, siteIds);
  await sendInvitation(scope, user, input.role);
  return { userId: user.id };
}

async function memberAccount(scope: Scope, userId: string) {
  const roles = await rolesOf(scope, userId);
  if (!roles.length) throw new AppError("NOT_FOUND", messages.team.notMember);
  const [user] = await withPlatform((p) =>
    p
      .select({ id: users.id, email: users.email, activated: sql<boolean>`(${users.passwordHash} is not null or ${users.emailVerified} is not null)` })
      .from(users)
      .where(eq(users.id, userId)),
  );
  return { roles, user: user! };
}

/** A new activation link for a member who has not activated their account yet (the old links keep working until they expire). */
export async function resendInvitation(scope: Scope, input: { userId: string }): Promise<void> {
  const { roles, user } = await memberAccount(scope, input.userId);
  if (user.activated) throw new AppError("CONFLICT", messages.team.alreadyActive);
  await sendInvitation(scope, user, roles[0]!);
}

/** Another role (and, for a site agent, other sites); the commune keeps at least one admin. */
export async function changeStaffRole(scope: Scope, input: TeamRoleInput & { userId: string }): Promise<void> {
  const { roles } = await memberAccount(scope, input.userId);
  const siteIds = await checkedSites(scope, input);
  if (roles.includes("admin") && input.role !== "admin") await assertAnotherAdmin(scope, input.userId);
  await writeRole(scope, input.userId, input.role, siteIds);
}

/**
 * « Retirer de l'équipe » : every role and site of the member in this commune goes, so their next
 * request finds no access (access is read from the database on every call, not from the session).
 */
export async function deactivateStaff(scope: Scope, input: { userId: string }): Promise<void> {
  const { roles } = await memberAccount(scope, input.userId);
  if (roles.includes("admin")) await assertAnotherAdmin(scope, input.userId);
  const { tx, tenant } = scope;
  await tx.delete(membershipSites).where(and(eq(membershipSites.tenantId, tenant.id), eq(membershipSites.userId, input.userId)));
  await tx.delete(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, input.userId)));
  // Their sessions end everywhere at once (the account itself lives on the platform path).
  await withPlatform((platformTx) => endAllSessions(platformTx, input.userId));
}

/**
 * The sites this staff member may open: null for every site (admins, front desk), else the ones
 * given to the site agent.
 */
export async function allowedSiteIds(scope: Scope): Promise<string[] | null> {
  const { actor, tx, tenant } = scope;
  if (actor.role !== "staff") return [];
  if (actor.staffRoles.includes("admin") || actor.staffRoles.includes("agent")) return null;
  if (!actor.userId) return [];
  const rows = await tx
    .select({ siteId: membershipSites.siteId })
    .from(membershipSites)
    .where(and(eq(membershipSites.tenantId, tenant.id), eq(membershipSites.userId, actor.userId)));
  return rows.map((r) => r.siteId);
}

/** Refuses a site agent a site that is not theirs: NOT_FOUND, worded as for a site of another commune. */
export async function assertSiteAllowed(scope: Scope, siteId: string): Promise<void> {
  const allowed = await allowedSiteIds(scope);
  if (allowed && !allowed.includes(siteId)) throw notFound();
}

/** The site of an activity, for the same check on pointage (an activity of another commune is NOT_FOUND). */
export async function assertActivityAllowed(scope: Scope, activityId: string): Promise<void> {
  const allowed = await allowedSiteIds(scope);
  if (!allowed) return;
  const [row] = await scope.tx
    .select({ siteId: activities.siteId })
    .from(activities)
    .where(and(eq(activities.tenantId, scope.tenant.id), eq(activities.id, activityId)));
  if (!row || !allowed.includes(row.siteId)) throw notFound();
}

/** Keeps only the sites this staff member may open from a list of sites or of per-site rows. */
export async function onlyAllowedSites<T extends { siteId?: string; id?: string }>(scope: Scope, rows: T[], key: "id" | "siteId"): Promise<T[]> {
  const allowed = await allowedSiteIds(scope);
  return allowed ? rows.filter((r) => allowed.includes(r[key] ?? "")) : rows;
}
