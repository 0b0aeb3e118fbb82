/**
 * Importing a commune's families from the previous software's CSV: F families (3 in 5 with two
 * children: about 1.6 F children) through the real path (importFamilies, as the CLI and the admin's
 * page run it, one transaction), then the same file again, which must create nothing.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/recre_bench_families node --import tsx bench/import.ts [families]
 *
 * Prints the time and peak memory (RSS sampled every 20 ms) of both imports and, measured in the same
 * run, the time PostgreSQL takes to insert the same rows by hand-written multi-row inserts (the ceiling).
 */
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import postgres from "postgres";
import { openDatabase } from "../db/client";
import { useDatabase } from "../db/index";
import { runMigrations } from "../db/migrate";
import { withTenant } from "../db/transaction";
import { importFamilies, type ImportReport } from "../server/domain/family/import/import-families";
import { systemActor } from "../server/domain/scope";
import { findTenantBySlug } from "../server/domain/tenants/tenants";
import { importColumns } from "../server/domain/family/import/rows";

const familyCount = Number(process.argv[2] ?? 5000);
const databaseUrl = process.env.BENCH_DATABASE_URL;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-42";

const classes = ["PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2"];
function childrenOf(i: number) {
  const kids = [{ first: `Enfant${i}a`, birth: `${2016 + (i % 6)}-0${1 + (i % 9)}-1${i % 10}`, cls: classes[i % 8]! }];
  if (i % 5 < 3) kids.push({ first: `Enfant${i}b`, birth: `${2017 + (i % 5)}-1${i % 3}-0${1 + (i % 9)}`, cls: classes[(i + 3) % 8]! });
  return kids;
}

/** The file, written as the old software would (`;`, French dates, quoted addresses), streamed to disk. */
async function writeFile(file: string) {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(`${line}\r\n`)) await once(out, "drain");
  };
  await write(importColumns.join(";"));
  let rows = 0;
  for (let i = 0; i < familyCount; i++) {
    const ref = `ANC-${String(i).padStart(6, "0")}`;
    const second = i % 2 === 0 ? [`Nom${i}`, "Sam", `sam-${i}@bench.test`, "06 00 00 00 01"] : ["", "", "", ""];
    for (const kid of childrenOf(i)) {
      const [y, m, d] = kid.birth.split("-");
      await write(
        [ref, `Famille Nom${i}`, `"${i} rue des Écoles; bât. ${i % 7}"`, "69120", "Jolieville", i % 10 ? "oui" : "non", i % 3 ? String(300 + (i % 900)) : "",
          `Nom${i}`, "Alex", `alex-${i}@bench.test`, "06 00 00 00 00", ...second, `Nom${i}`, kid.first, `${d}/${m}/${y}`, "École Jules Ferry", kid.cls, i % 11 ? "" : "Arachide", i % 13 ? "" : "sans porc"].join(";"),
      );
      rows++;
    }
  }
  out.end();
  await once(out, "finish");
  return rows;
}

async function timed(tenantId: string, file: string): Promise<{ seconds: number; peakMb: number; report: ImportReport }> {
  const tenant = (await findTenantBySlug((await sqlTenantSlug(tenantId))!))!;
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const report = await withTenant(tenantId, (tx) =>
    importFamilies({ tx, tenant, actor: systemActor, now: new Date() }, { source: createReadStream(file), dryRun: false, mode: "all" }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { seconds, peakMb: peak / 1024 / 1024, report };
}

let sqlClient: postgres.Sql;
async function sqlTenantSlug(id: string) {
  const [row] = await sqlClient`select slug from tenants where id = ${id}`;
  return row?.slug as string | undefined;
}

/** The ceiling: the same households, guardians and children inserted by hand, 1,000 rows a statement, one transaction. */
async function handInserts(sql: postgres.Sql, tenantId: string) {
  const started = performance.now();
  await sql.begin(async (tx) => {
    for (let start = 0; start < familyCount; start += 1000) {
      const chunk = Array.from({ length: Math.min(1000, familyCount - start) }, (_, k) => ({ i: start + k, id: randomUUID() }));
      await tx`insert into households ${tx(chunk.map((f) => ({ tenant_id: tenantId, id: f.id, reference: `ANC-${f.i}`, name: `Famille Nom${f.i}`, address_line: `${f.i} rue des Écoles`, postal_code: "69120", city: "Jolieville" })))}`;
      await tx`insert into guardians ${tx(chunk.flatMap((f) => [{ tenant_id: tenantId, household_id: f.id, first_name: "Alex", last_name: `Nom${f.i}`, email: `alex-${f.i}@bench.test`, phone: "06" }, ...(f.i % 2 === 0 ? [{ tenant_id: tenantId, household_id: f.id, first_name: "Sam", last_name: `Nom${f.i}`, email: `sam-${f.i}@bench.test`, phone: "06" }] : [])]))}`;
      await tx`insert into children ${tx(chunk.flatMap((f) => childrenOf(f.i).map((c) => ({ tenant_id: tenantId, household_id: f.id, first_name: c.first, last_name: `Nom${f.i}`, birth_date: c.birth, class_level: c.cls }))))}`;
    }
  });
  return (performance.now() - started) / 1000;
}

async function main() {
  if (!databaseUrl) throw new Error("BENCH_DATABASE_URL (PostgreSQL) est requis");
  const handle = openDatabase({ url: databaseUrl, maxConnections: 4 });
  await runMigrations(handle);
  useDatabase(handle);
  sqlClient = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const dir = mkdtempSync(path.join(tmpdir(), "recre-import-"));
  const file = path.join(dir, "familles.csv");
  const rows = await writeFile(file);
  console.log(`mémoire au repos avant l'import : RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} Mio`);
  console.log(`fichier : ${familyCount} familles, ${rows} lignes (enfants), ${(statSync(file).size / 1024 / 1024).toFixed(1)} Mo`);
  const stamp = Date.now();
  const [tenant] = await sqlClient`insert into tenants (slug, name, holiday_zone) values (${`import-${stamp}`}, 'Importville', 'B') returning id`;
  const [ceilingTenant] = await sqlClient`insert into tenants (slug, name, holiday_zone) values (${`plafond-${stamp}`}, 'Plafondville', 'B') returning id`;

  const first = await timed(tenant!.id, file);
  const r1 = first.report;
  console.log(`1er import : ${first.seconds.toFixed(1)} s, RSS de pointe ${first.peakMb.toFixed(0)} Mio — familles ${r1.families.created} créées, enfants ${r1.children.created} créés, ${r1.rows.rejected} lignes rejetées`);
  const second = await timed(tenant!.id, file);
  const r2 = second.report;
  console.log(`2e import (même fichier) : ${second.seconds.toFixed(1)} s, RSS de pointe ${second.peakMb.toFixed(0)} Mio — familles ${r2.families.created} créées, ${r2.families.updated} mises à jour, ${r2.families.unchanged} inchangées ; enfants ${r2.children.created} créés`);
  const ceiling = await handInserts(sqlClient, ceilingTenant!.id);
  console.log(`plafond : les mêmes lignes insérées à la main en ${ceiling.toFixed(1)} s — l'import prend ${(first.seconds / ceiling).toFixed(1)} fois ce temps`);
  const ok = r1.families.created === familyCount && r1.children.created === rows && r2.families.created === 0 && r2.children.created === 0 && r2.families.updated === 0;
  console.log(ok ? "ré-import : rien de créé ni modifié ✔" : "ÉCART ✘");
  console.log(first.seconds < 30 ? "objectif < 30 s tenu ✔" : "objectif < 30 s manqué ✘");
  rmSync(dir, { recursive: true, force: true });
  await sqlClient.end();
  await handle.close();
  if (!ok) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
