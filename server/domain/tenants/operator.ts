import { and, eq, sql } from "drizzle-orm";
import { memberships, tenants, users } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { withPlatform } from "@/db/transaction";
import { normalizeEmail } from "@/server/domain/auth/password";
import { withScope, type Actor } from "@/server/domain/scope";
import { changeStaffRole, deactivateStaff, inviteStaff } from "@/server/domain/team/team";
import { AppError, notFound } from "@/server/errors";
import { monthRange, todayIn } from "@/common/dates";
import type { Tenant } from "./tenants";

/**
 * The operator's console for one commune: its settings, its admins, its usage. Settings are the
 * commune's row of the platform table; admins are memberships written through the team's own rules
 * (invitation e-mail, the last admin kept) in the commune's transaction, by the operator.
 */

async function tenantById(tenantId: string): Promise<Tenant> {
  const [tenant] = await withPlatform((tx) => tx.select().from(tenants).where(eq(tenants.id, tenantId)));
  if (!tenant) throw notFound();
  return tenant;
}

const operatorActor = (userId: string): Actor => ({ userId, role: "system", householdIds: [], staffRoles: [] });

export async function updateTenantSettings(input: { tenantId: string; name: string; holidayZone: string; timeZone: string }) {
  const [row] = await withPlatform((tx) =>
    tx.update(tenants).set({ name: input.name, holidayZone: input.holidayZone, timeZone: input.timeZone }).where(eq(tenants.id, input.tenantId)).returning(),
  );
  if (!row) throw notFound();
  return row;
}

/** A new admin (invited by e-mail), or a member of the team made admin. */
export async function addTenantAdmin(operatorId: string, input: { tenantId: string; email: string; name: string }) {
  const tenant = await tenantById(input.tenantId);
  const email = normalizeEmail(input.email);
  return withScope(tenant, operatorActor(operatorId), async (scope) => {
    const [member] = await scope.tx
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenant.id), eq(users.email, email)));
    if (member?.role === "admin") throw new AppError("CONFLICT", "Cette personne est déjà administrateur de la commune.", "email");
    if (member) {
      await changeStaffRole(scope, { userId: member.userId, role: "admin", siteIds: [] });
      return { userId: member.userId };
    }
    return inviteStaff(scope, { email, name: input.name, role: "admin", siteIds: [] });
  });
}

/** « Remplacer » : the new admin is invited, then the old one leaves the team (their sessions end). */
export async function replaceTenantAdmin(operatorId: string, input: { tenantId: string; formerUserId: string; email: string; name: string }) {
  const tenant = await tenantById(input.tenantId);
  return withScope(tenant, operatorActor(operatorId), async (scope) => {
    const [former] = await scope.tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, input.formerUserId), eq(memberships.role, "admin")));
    if (!former) throw notFound();
    const added = await addTenantAdmin(operatorId, input);
    await deactivateStaff(scope, { userId: input.formerUserId });
    return added;
  });
}

/** What the commune uses the platform for: families, this month's bookings, invoices and payments. */
export async function tenantUsage(input: { tenantId: string }, now: Date) {
  const tenant = await tenantById(input.tenantId);
  const { from, to } = monthRange(todayIn(tenant.timeZone, now).slice(0, 7));
  const [row] = await withPlatform(async (tx) =>
    rowsOf<Record<string, number | string | null>>(
      await tx.execute(sql`select
        (select count(*)::int from households where tenant_id = ${tenant.id}) as households,
        (select count(*)::int from children where tenant_id = ${tenant.id}) as children,
        (select count(*)::int from bookings where tenant_id = ${tenant.id} and status = 'confirmed' and date between ${from} and ${to}) as bookings_this_month,
        (select count(*)::int from invoices where tenant_id = ${tenant.id}) as invoices,
        (select coalesce(sum(total_cents), 0)::bigint from invoices where tenant_id = ${tenant.id}) as invoiced_cents,
        (select count(*)::int from payments where tenant_id = ${tenant.id} and status = 'succeeded') as payments,
        (select coalesce(sum(amount_cents), 0)::bigint from payments where tenant_id = ${tenant.id} and status = 'succeeded') as paid_cents,
        (select count(*)::int from applications where tenant_id = ${tenant.id} and status = 'submitted') as pending_applications`),
    ),
  );
  const n = (key: string) => Number(row?.[key] ?? 0);
  const admins = await withPlatform((tx) =>
    tx
      .select({ userId: users.id, email: users.email, name: users.name, activated: sql<boolean>`(${users.passwordHash} is not null or ${users.emailVerified} is not null)` })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.role, "admin")))
      .orderBy(users.email),
  );
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, holidayZone: tenant.holidayZone, timeZone: tenant.timeZone, status: tenant.status },
    month: from.slice(0, 7),
    usage: {
      households: n("households"),
      children: n("children"),
      bookingsThisMonth: n("bookings_this_month"),
      invoices: n("invoices"),
      invoicedCents: n("invoiced_cents"),
      payments: n("payments"),
      paidCents: n("paid_cents"),
      pendingApplications: n("pending_applications"),
    },
    admins,
  };
}
