import { asc, eq } from "drizzle-orm";
import { memberships, users } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";

export async function listStaff(scope: Scope) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  return tx
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(users.email), asc(memberships.role));
}
