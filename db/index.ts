import { env } from "@/config/env";
import { openDatabase, type DatabaseHandle, type Db } from "./client";
import { runMigrations } from "./migrate";

export type { Db, Tx, DatabaseHandle } from "./client";

// One instance per process, kept on globalThis so hot reload never opens PGlite twice.
const store = globalThis as typeof globalThis & { __recreDatabase?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  store.__recreDatabase ??= prepare().catch((error: unknown) => {
    store.__recreDatabase = undefined;
    throw error;
  });
  return store.__recreDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Tests and scripts hand in the database they opened themselves. */
export function useDatabase(handle: DatabaseHandle): void {
  store.__recreDatabase = Promise.resolve(handle);
}

async function prepare(): Promise<DatabaseHandle> {
  const e = env();
  const handle = openDatabase(e.DATABASE_URL ? { url: e.DATABASE_URL } : { dataDir: e.pgliteDir });
  await runMigrations(handle);
  return handle;
}
