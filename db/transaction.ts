import { sql } from "drizzle-orm";
import { getDb } from "./index";
import type { Tx } from "./client";

/**
 * The one way into tenant data: a transaction running as `recre_app` (row-level security
 * forced) with `app.tenant_id` set for this transaction only.
 */
export async function withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One round trip: the tenant and the role (as SET LOCAL ROLE) for this transaction only.
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'recre_app', true)`);
    return fn(tx);
  });
}

/**
 * The explicit privileged path, for work that spans communes: operator console, a parent's
 * home across communes, sign-in. Runs as `recre_platform`, which bypasses row-level security.
 */
export async function withPlatform<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'recre_platform', true)`);
    return fn(tx);
  });
}
