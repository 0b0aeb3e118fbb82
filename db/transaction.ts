import { sql } from "drizzle-orm";
import { getDb } from "./index";
import type { Tx } from "./client";

const asPlatform = (tx: Tx) => tx.execute(sql`select set_config('role', 'recre_platform', true)`);

/**
 * The one way into tenant data: a transaction running as `recre_app` (row-level security
 * forced) with `app.tenant_id` set for this transaction only.
 *
 * `platformFirst` runs before, in the same transaction, on the privileged path (as withPlatform):
 * for a change to this commune's own row of a platform table (`tenants`) whose consequences in its
 * tenant data must commit, or fail, with it. It must touch that commune's row only.
 */
export async function withTenant<T>(
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
  options: { platformFirst?: (tx: Tx) => Promise<void> } = {},
): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (options.platformFirst) {
      await asPlatform(tx);
      await options.platformFirst(tx);
    }
    // One round trip: the tenant and the role (as SET LOCAL ROLE) for the rest of this transaction.
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
    await asPlatform(tx);
    return fn(tx);
  });
}
