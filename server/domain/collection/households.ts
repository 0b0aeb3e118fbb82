import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { households } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { Scope } from "@/server/domain/scope";

/**
 * The household a call is about: a parent's own (the one named, else their first in the commune),
 * or for staff any household of the commune. Anything else is NOT_FOUND.
 */
export async function householdFor(scope: Scope, householdId?: string) {
  const { actor } = scope;
  const id = householdId ?? (actor.role === "parent" ? actor.householdIds[0] : undefined);
  if (!id || (actor.role === "parent" && !actor.householdIds.includes(id))) throw notFound();
  const [row] = await scope.tx
    .select({ id: households.id, reference: households.reference, name: households.name, addressLine: households.addressLine, postalCode: households.postalCode, city: households.city })
    .from(households)
    .where(and(eq(households.tenantId, scope.tenant.id), eq(households.id, id)));
  if (!row) throw notFound();
  return row;
}

/** Where a household's e-mails go: each guardian's account address, else the address on file, once each. */
export async function householdRecipients(tx: Tx, tenantId: string, householdIds: string[]) {
  if (!householdIds.length) return [];
  return rowsOf<{ household_id: string; email: string; first_name: string }>(
    await tx.execute(sql`select distinct on (g.household_id, lower(coalesce(u.email, g.email))) g.household_id, coalesce(u.email, g.email) as email, g.first_name
      from guardians g left join users u on u.id = g.user_id
      where g.tenant_id = ${tenantId} and coalesce(u.email, g.email) is not null
        and g.household_id in (${sql.join(
          householdIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
      order by g.household_id, lower(coalesce(u.email, g.email)), g.first_name`),
  );
}
