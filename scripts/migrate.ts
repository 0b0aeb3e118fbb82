/** `npm run db:migrate`: applies the migrations (and the demo seed when enabled) to the configured database, then exits. */
import { getDatabase } from "../db";

async function main() {
  const handle = await getDatabase();
  await handle.close();
  console.log("Base de données à jour.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
