import { env } from "@/config/env";
import { getDatabase, type DatabaseHandle } from "@/db";
import { runMigrations } from "@/db/migrate";
import { moveLegacyUploads } from "@/server/domain/files/legacy-uploads";
import { sealLegacyHealth } from "@/server/domain/family-file/legacy-health";
import { sealClearMandates } from "@/server/domain/collection/mandate-secrets";
import { seedDemoIfEmpty } from "./seed";

/**
 * What every start does to the database: apply the migrations, move uploads still kept in table
 * rows into storage, seal plaintext health data and SEPA mandates' IBANs, then (when enabled) load the demo data into a database that has no commune
 * yet. Returns whether it seeded.
 */
export async function prepareDatabase(handle: DatabaseHandle, options: { seedDemo: boolean }): Promise<boolean> {
  await runMigrations(handle);
  await moveLegacyUploads(handle.db);
  await sealLegacyHealth(handle.db);
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
