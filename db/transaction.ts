import { AsyncLocalStorage } from "node:async_hooks";
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
const open = new AsyncLocalStorage<{ tenantId: string; tx: Tx }>();

/** Whether this code runs inside a tenant transaction: outside services are never called from there. */
export function insideTenantTransaction(): boolean {
  return open.getStore() !== undefined;
}

/**
 * A procedure's middleware opens the transaction; domain code called from it that asks for the same
 * commune again joins that transaction instead of opening a second one (which would wait on the first
 * with one embedded connection). Another commune inside it is a bug.
 */
export async function withTenant<T>(
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
  options: { platformFirst?: (tx: Tx) => Promise<void> } = {},
): Promise<T> {
  const current = open.getStore();
  if (current) {
    if (current.tenantId !== tenantId) throw new Error("withTenant : une transaction d'une autre commune est déjà ouverte");
    if (options.platformFirst) {
      await asPlatform(current.tx);
      await options.platformFirst(current.tx);
      await current.tx.execute(sql`select set_config('role', 'recre_app', true)`);
    }
    return fn(current.tx);
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (options.platformFirst) {
      await asPlatform(tx);
      await options.platformFirst(tx);
    }
    // One round trip: the tenant and the role (as SET LOCAL ROLE) for the rest of this transaction.
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'recre_app', true)`);
    return open.run({ tenantId, tx }, () => fn(tx));
  });
}

/**
 * The explicit privileged path, for work that spans communes: operator console, a parent's
 * home across communes, sign-in. Runs as `recre_platform`, which bypasses row-level security.
 */
export async function withPlatform<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const current = open.getStore();
  if (current) {
    // Inside a procedure's tenant transaction: the privileged role for this call only, then back.
    await asPlatform(current.tx);
    try {
      return await open.exit(() => fn(current.tx));
    } finally {
      await current.tx.execute(sql`select set_config('role', 'recre_app', true)`);
    }
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    await asPlatform(tx);
    return fn(tx);
  });
}
