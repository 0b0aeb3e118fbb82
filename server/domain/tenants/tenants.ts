import { asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { guardians, households, memberships, tenants, users, type StaffRole } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { normalizeEmail } from "@/server/domain/auth/password";
import { issueToken } from "@/server/domain/auth/tokens";
import { insertStarterCategories } from "@/server/domain/requests/categories";
import { queueEmail } from "@/server/email/outbox";
import { env } from "@/config/env";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import type { CommuneContact } from "./commune-settings";

export type Tenant = typeof tenants.$inferSelect;

export async function findTenantBySlug(slug: string): Promise<Tenant | null> {
  const [tenant] = await withPlatform((tx) => tx.select().from(tenants).where(eq(tenants.slug, slug)));
  return tenant ?? null;
}

export interface TenantAccess {
  staffRoles: StaffRole[];
  householdIds: string[];
}

/**
 * The commune named by the URL and what the user may do there (staff roles, the households they are
 * a guardian of), in one query on the privileged path: every commune procedure starts with it.
 * (The subqueries name `tenants.id` in full: drizzle would print it bare, which inside them means the
 * subquery's own `id`.)
 */
export async function findTenantWithAccess(slug: string, userId: string): Promise<{ tenant: Tenant; access: TenantAccess } | null> {
  const [row] = await withPlatform((tx) =>
    tx
      .select({
        tenant: tenants,
        roles: sql<string[]>`coalesce((select array_agg(m.role::text order by m.role) from ${memberships} m
          where m.tenant_id = tenants.id and m.user_id = ${userId}), '{}')::text[]`,
        householdIds: sql<string[]>`coalesce((select array_agg(distinct g.household_id::text) from ${guardians} g
          where g.tenant_id = tenants.id and g.user_id = ${userId}), '{}')::text[]`,
      })
      .from(tenants)
      .where(eq(tenants.slug, slug)),
  );
  if (!row) return null;
  return { tenant: row.tenant, access: { staffRoles: row.roles as StaffRole[], householdIds: row.householdIds } };
}

export const roleLabels: Record<StaffRole, string> = {
  admin: "administrateur",
  agent: "agent du guichet unique",
  site_agent: "agent de site",
};

export interface NewTenant {
  name: string;
  slug: string;
  holidayZone: string;
  timeZone: string;
  /** "FR" (metropole), "FR-57"/"FR-67"/"FR-68" (Alsace-Moselle) or an overseas region (see public-holidays.ts). */
  publicHolidayRegion: string;
  billingMode: "prepaid" | "invoice";
  adminEmail: string;
  adminName: string;
  /** Printed on its invoices; may be completed later by the commune's admin. */
  contact?: Partial<CommuneContact>;
}

/** Onboards a commune and invites its first admin, in one transaction with the invitation e-mail. */
export async function createTenant(input: NewTenant): Promise<Tenant> {
  const email = normalizeEmail(input.adminEmail);
  return withPlatform(async (tx) => {
    const [taken] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, input.slug));
    if (taken) throw new AppError("CONFLICT", messages.tenant.slugTaken, "slug");
    const [tenant] = await tx
      .insert(tenants)
      .values({
        name: input.name,
        slug: input.slug,
        holidayZone: input.holidayZone,
        timeZone: input.timeZone,
        publicHolidayRegion: input.publicHolidayRegion,
        billingMode: input.billingMode,
        ...input.contact,
      })
      .returning();
    let [admin] = await tx.select().from(users).where(eq(users.email, email));
    admin ??= (await tx.insert(users).values({ email, name: input.adminName }).returning())[0]!;
    await tx.insert(memberships).values({ tenantId: tenant!.id, userId: admin.id, role: "admin" });
    await insertStarterCategories(tx, tenant!.id);
    if (!admin.passwordHash) {
      const token = await issueToken(tx, admin.id, "activation");
      await queueEmail(tx, email, "account-activation", {
        url: `${env().appUrl}/activation?jeton=${token}`,
        communeName: input.name,
        roleLabel: roleLabels.admin,
      });
    }
    return tenant!;
  });
}

/**
 * A commune's public-holiday region, set by its own admin: `tenants` is a platform table, so this
 * runs on the privileged path (withTenant's `platformFirst`, with the bookings it cancels), and
 * touches that commune's row only. Callers check the region.
 */
export async function setPublicHolidayRegion(tx: Tx, tenantId: string, region: string): Promise<void> {
  const [row] = await tx.update(tenants).set({ publicHolidayRegion: region }).where(eq(tenants.id, tenantId)).returning({ id: tenants.id });
  if (!row) throw new AppError("NOT_FOUND");
}

export async function setTenantStatus(tenantId: string, status: Tenant["status"]): Promise<void> {
  await withPlatform(async (tx) => {
    const [row] = await tx.update(tenants).set({ status }).where(eq(tenants.id, tenantId)).returning({ id: tenants.id });
    if (!row) throw new AppError("NOT_FOUND");
  });
}

export async function listTenants() {
  return withPlatform((tx) =>
    tx
      .select({
        id: tenants.id,
        slug: tenants.slug,
        name: tenants.name,
        holidayZone: tenants.holidayZone,
        publicHolidayRegion: tenants.publicHolidayRegion,
        timeZone: tenants.timeZone,
        billingMode: tenants.billingMode,
        status: tenants.status,
        createdAt: tenants.createdAt,
        // Qualified by hand: drizzle leaves columns unqualified in a single-table select.
        households: sql<number>`(select count(*)::int from ${households} h where h.tenant_id = ${tenants}.id)`,
        admins: sql<string[]>`coalesce((select array_agg(u.email order by u.email) from ${memberships} m
          join ${users} u on u.id = m.user_id where m.tenant_id = ${tenants}.id and m.role = 'admin'), '{}')`,
      })
      .from(tenants)
      .orderBy(asc(tenants.name)),
  );
}
