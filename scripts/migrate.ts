/** `npm run db:migrate`: applies the migrations (and the demo seed when enabled) to the configured database, then exits. */
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { prepareAppDatabase } from "../server/demo/prepare";

// The .env files `npm start` reads (.env.local, .env…; the environment wins), so both use the same DATABASE_URL.
loadEnvConfig(path.resolve(__dirname, ".."), false);

async function main() {
  const handle = await prepareAppDatabase();
  await handle.close();
  console.log("Base de données à jour.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
