import { env } from "@/config/env";
import { getDatabase, type DatabaseHandle } from "@/db";
import { runMigrations } from "@/db/migrate";
import { sealClearMandates } from "@/server/domain/collection/mandate-secrets";
import { seedDemoIfEmpty } from "./seed";

/**
 * What every start does to the database: apply the migrations, seal SEPA mandates' IBANs still in
 * clear, then (when enabled) load the demo data into a database that has no commune yet. Returns
 * whether it seeded.
 */
export async function prepareDatabase(handle: DatabaseHandle, options: { seedDemo: boolean }): Promise<boolean> {
  await runMigrations(handle);
  await sealClearMandates(handle.db);
  if (!options.seedDemo) return false;
  return seedDemoIfEmpty(handle.db);
}

/** The app's start: the process's database, migrated, with the demo data when the settings ask for it. */
export async function prepareAppDatabase(): Promise<DatabaseHandle> {
  const handle = await getDatabase();
  await prepareDatabase(handle, { seedDemo: env().seedDemo });
  return handle;
}
