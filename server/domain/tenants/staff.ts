import { asc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { memberships, users } from "@/db/schema";

export async function listStaff(tx: Tx, tenantId: string) {
  return tx
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(users.email), asc(memberships.role));
}
