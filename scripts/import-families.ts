/**
 * `npm run import:families -- <commune-slug> <file.csv> [--dry-run] [--valid-only]`: imports families
 * from the previous software's CSV export into a commune (docs/import.md), through the same domain
 * function as the admin's page. Prints created / updated / rejected counts and every rejected row;
 * exits with 1 when a row was rejected (or the file could not be read), 0 otherwise.
 */
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";

loadEnvConfig(path.resolve(__dirname, ".."), false);

const usage = "Usage : npm run import:families -- <identifiant-commune> <fichier.csv> [--dry-run] [--valid-only]";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith("--")));
  const [slug, file] = args.filter((a) => !a.startsWith("--"));
  const unknown = [...flags].filter((f) => f !== "--dry-run" && f !== "--valid-only");
  if (!slug || !file || unknown.length) {
    console.error(unknown.length ? `Option inconnue : ${unknown.join(", ")}\n${usage}` : usage);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`Fichier introuvable : ${file}`);
    return 2;
  }
  // Imported after the environment is loaded: the settings are read when these modules load.
  const { prepareAppDatabase } = await import("../server/demo/prepare");
  const { withTenant } = await import("../db/transaction");
  const { findTenantBySlug } = await import("../server/domain/tenants/tenants");
  const { importFamilies } = await import("../server/domain/family/import/import-families");
  const { systemActor } = await import("../server/domain/scope");
  const { now } = await import("../common/clock");
  const { AppError } = await import("../server/errors");
  const handle = await prepareAppDatabase();
  try {
    const tenant = await findTenantBySlug(slug);
    if (!tenant) {
      console.error(`Aucune commune n'a l'identifiant « ${slug} ».`);
      return 2;
    }
    const dryRun = flags.has("--dry-run");
    const report = await withTenant(tenant.id, (tx) =>
      importFamilies({ tx, tenant, actor: systemActor, now: now() }, { source: createReadStream(file), dryRun, mode: flags.has("--valid-only") ? "validOnly" : "all" }),
    );
    const verb = report.written ? "" : " (rien n'a été écrit)";
    console.log(`${tenant.name} — ${report.rows.total} lignes lues${verb}`);
    console.log(`Familles : ${report.families.created} créées, ${report.families.updated} mises à jour, ${report.families.unchanged} inchangées`);
    console.log(`Enfants : ${report.children.created} créés, ${report.children.updated} mis à jour, ${report.children.unchanged} inchangés`);
    console.log(`Lignes rejetées : ${report.rows.rejected}`);
    for (const issue of report.issues) console.log(`  ligne ${issue.line}${issue.column ? `, colonne ${issue.column}` : ""} : ${issue.message}`);
    if (report.issueCount > report.issues.length) console.log(`  … et ${report.issueCount - report.issues.length} autres erreurs`);
    if (!report.written && !dryRun && report.issueCount) console.log("Le fichier contient des erreurs : corrigez-les, ou relancez avec --valid-only pour importer les familles sans erreur.");
    return report.rows.rejected > 0 || report.issueCount > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
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
