/**
 * `npm run health:rotate-key`: re-encrypts every sealed health value with the current HEALTH_DATA_KEY
 * (former keys in HEALTH_DATA_KEYS). See docs/security.md. Safe to run again; prints the count.
 */
import path from "node:path";
import { loadEnvConfig } from "@next/env";

loadEnvConfig(path.resolve(__dirname, ".."), false);

async function main(): Promise<number> {
  // Imported after the environment is loaded: the settings are read when these modules load.
  const { prepareAppDatabase } = await import("../server/demo/prepare");
  const { rotateHealthKey } = await import("../server/domain/family-file/rotate-key");
  const handle = await prepareAppDatabase();
  try {
    const count = await rotateHealthKey(handle.db);
    console.info(`${count} valeur(s) de santé rechiffrée(s) avec la clé actuelle.`);
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
