/**
 * `npm run retention -- [--dry-run] [<commune-slug>]`: runs the retention job now (docs/rgpd.md), for
 * every active commune or one, and prints what it did (or, with --dry-run, what it would do, changing
 * nothing). A real run counts as the commune's run of the day: the scheduler then skips it.
 */
import path from "node:path";
import { loadEnvConfig } from "@next/env";

loadEnvConfig(path.resolve(__dirname, ".."), false);

const usage = "Usage : npm run retention -- [--dry-run] [<identifiant-commune>]";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--dry-run");
  const [slug, ...extra] = args.filter((a) => !a.startsWith("--"));
  if (unknown.length || extra.length) {
    console.error(`${unknown.length ? `Option inconnue : ${unknown.join(", ")}\n` : ""}${usage}`);
    return 2;
  }
  const dryRun = args.includes("--dry-run");
  // Imported after the environment is loaded: the settings are read when these modules load.
  const { prepareAppDatabase } = await import("../server/demo/prepare");
  const { runRetention } = await import("../server/domain/rgpd/retention");
  const handle = await prepareAppDatabase();
  try {
    const outcomes = await runRetention({ dryRun, slug });
    if (slug && !outcomes.length) {
      console.error(`Aucune commune active n'a l'identifiant « ${slug} ».`);
      return 2;
    }
    console.log(dryRun ? "Simulation : rien n'est modifié." : "Conservation des données : traitement effectué.");
    for (const { slug: commune, report } of outcomes) {
      if (!report) {
        console.log(`${commune} : déjà traitée aujourd'hui, rien à faire.`);
        continue;
      }
      const would = dryRun ? "à effacer" : "effacée(s)";
      console.log(`${commune} :`);
      console.log(`  familles sans activité ${would} : ${report.erasedFamilies.length}${report.erasedFamilies.length ? ` (${report.erasedFamilies.map((f) => f.reference).join(", ")})` : ""}`);
      console.log(`  enfants partis dont les données de santé sont ${dryRun ? "à effacer" : "effacées"} : ${report.healthErasedChildren}`);
      console.log(`  entrées du journal ${dryRun ? "à purger" : "purgées"} : ${report.auditEventsPurged}`);
      if (!dryRun) console.log(`  fichiers supprimés du stockage : ${report.filesDeleted}`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
