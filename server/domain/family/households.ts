import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { children, guardians, households, memberships, tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { notFound } from "@/server/errors";
import type { Scope } from "@/server/domain/scope";
import { allergiesForList } from "@/server/domain/family-file/lists";

/**
 * A parent's home across communes: the households they are a guardian of and the communes where
 * they are staff. Platform path, filtered by the signed-in user only.
 */
export async function listCommunesOfUser(userId: string) {
  return withPlatform(async (tx) => {
    const families = await tx
      .select({
        tenantSlug: tenants.slug,
        tenantName: tenants.name,
        tenantStatus: tenants.status,
        householdId: households.id,
        householdName: households.name,
        reference: households.reference,
        children: sql<string[]>`coalesce((select array_agg(c.first_name order by c.birth_date) from ${children} c
          where c.tenant_id = ${households.tenantId} and c.household_id = ${households.id}), '{}')`,
      })
      .from(guardians)
      .innerJoin(households, and(eq(households.tenantId, guardians.tenantId), eq(households.id, guardians.householdId)))
      .innerJoin(tenants, eq(tenants.id, guardians.tenantId))
      .where(eq(guardians.userId, userId))
      .orderBy(asc(tenants.name));
    const staff = await tx
      .select({ tenantSlug: tenants.slug, tenantName: tenants.name, role: memberships.role })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(tenants.name));
    return { families, staff };
  });
}

/** The family file as its guardians see it; `householdIds` come from the caller's access, never from input. */
export async function getFamilyFiles(scope: Scope) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdIds } = scope.actor;
  if (householdIds.length === 0) return [];
  const rows = await tx
    .select()
    .from(households)
    .where(and(eq(households.tenantId, tenantId), inArray(households.id, householdIds)))
    .orderBy(asc(households.name));
  return Promise.all(rows.map((h) => withMembers(scope, h)));
}

export async function listHouseholds(scope: Scope) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  return tx
    .select({
      id: households.id,
      reference: households.reference,
      name: households.name,
      city: households.city,
      // Drizzle leaves columns unqualified in a single-table select; inside a subquery they would bind to c/g.
      childCount: sql<number>`(select count(*)::int from ${children} c where c.tenant_id = ${households}.tenant_id and c.household_id = ${households}.id)`,
      guardianNames: sql<string[]>`coalesce((select array_agg(g.first_name || ' ' || g.last_name order by g.last_name, g.first_name)
        from ${guardians} g where g.tenant_id = ${households}.tenant_id and g.household_id = ${households}.id), '{}')`,
    })
    .from(households)
    .where(eq(households.tenantId, tenantId))
    .orderBy(asc(households.name), asc(households.reference));
}

export async function getHousehold(scope: Scope, input: { householdId: string }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdId } = input;
  const [row] = await tx
    .select()
    .from(households)
    .where(and(eq(households.tenantId, tenantId), eq(households.id, householdId)));
  if (!row) throw notFound();
  return withMembers(scope, row);
}

/**
 * The household with its guardians and children; a child's health data is decrypted to one line of
 * allergies (never the sealed record itself), and a staff read of it is logged.
 */
async function withMembers(scope: Scope, household: typeof households.$inferSelect) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const [guardianRows, childRows] = await Promise.all([
    tx
      .select({
        id: guardians.id,
        firstName: guardians.firstName,
        lastName: guardians.lastName,
        email: guardians.email,
        phone: guardians.phone,
        relationship: guardians.relationship,
        /** Linked to an account (the front desk sees who still needs the activation code). */
        hasAccount: sql<boolean>`${guardians.userId} is not null`,
      })
      .from(guardians)
      .where(and(eq(guardians.tenantId, tenantId), eq(guardians.householdId, household.id)))
      .orderBy(asc(guardians.lastName)),
    tx
      .select()
      .from(children)
      .where(and(eq(children.tenantId, tenantId), eq(children.householdId, household.id)))
      .orderBy(asc(children.birthDate)),
  ]);
  const allergies = await allergiesForList(scope, childRows.map((c) => ({ ...c, childId: c.id })), "family_file");
  const kids = childRows.map(({ health: _sealed, ...c }) => ({ ...c, allergies: allergies.get(c.id) ?? null }));
  return { ...household, guardians: guardianRows, children: kids };
}
