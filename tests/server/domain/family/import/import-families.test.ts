import { readHealth } from "@/server/domain/family-file/health";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { children, guardians, householdActivationCodes, households, quotients } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { messages } from "@/common/messages";
import type { ImportReport } from "@/server/domain/family/import/import-families";
import { familyImportUpload } from "@/server/family-import-files";
import { loadDemo, tenantId, userId } from "../../../../fixtures/demo";

beforeAll(loadDemo);

const sample = readFileSync(path.resolve(__dirname, "../../../../fixtures/import-familles.csv"), "utf8");

/** The admin's import page sends the file as the body of the import route. */
async function post(file: string, query: string, email = "admin@jolieville.test") {
  const request = new Request(`http://localhost/api/familles/jolieville/import?${query}`, { method: "POST", body: file, headers: { "content-type": "text/csv" } });
  const response = await familyImportUpload(await userId(email), { commune: "jolieville" }, request);
  return { status: response.status, body: (await response.json()) as ImportReport & { message?: string; field?: string } };
}
async function reportOf(answer: Promise<{ status: number; body: ImportReport & { message?: string } }>) {
  const { status, body } = await answer;
  expect(status, body.message).toBe(200);
  return body;
}
const preview = (file: string) => reportOf(post(file, "etape=apercu"));
const run = (file: string, mode: "all" | "validOnly") => reportOf(post(file, `etape=importer&lignes=${mode === "all" ? "toutes" : "valides"}`));
const text = messages.familyImport;
const header = sample.split("\n")[0]!;

async function counts() {
  const t = await tenantId("jolieville");
  const n = async (table: typeof households | typeof children | typeof guardians) =>
    (await withPlatform((tx) => tx.select({ n: count() }).from(table).where(eq(table.tenantId, t))))[0]!.n;
  return { households: await n(households), children: await n(children), guardians: await n(guardians) };
}

describe("the sample file", () => {
  it("previews the counts and writes nothing", async () => {
    const before = await counts();
    const report = await preview(sample);
    expect(report).toMatchObject({
      rows: { total: 3, rejected: 0 },
      families: { created: 2, updated: 0, unchanged: 0 },
      children: { created: 3, updated: 0, unchanged: 0 },
      issues: [],
      written: false,
    });
    expect(await counts()).toEqual(before);
  });

  it("imports families, guardians, children, QF and an activation code; a second import creates nothing", async () => {
    const before = await counts();
    const first = await run(`\uFEFF${sample}`, "all");
    expect(first).toMatchObject({ families: { created: 2 }, children: { created: 3 }, written: true });
    expect(await counts()).toEqual({ households: before.households + 2, children: before.children + 3, guardians: before.guardians + 3 });
    const t = await tenantId("jolieville");
    const [bernard] = await withPlatform((tx) => tx.select().from(households).where(and(eq(households.tenantId, t), eq(households.reference, "ANC-1001"))));
    expect(bernard).toMatchObject({ name: "Famille Bernard", isResident: true, postalCode: "69120" });
    const kids = await withPlatform((tx) => tx.select().from(children).where(eq(children.householdId, bernard!.id)));
    const allergiesOf = (k: (typeof kids)[number]) => readHealth(k.tenantId, k).allergies.map((a) => a.allergen).join(", ") || null;
    expect(kids.map((k) => [k.firstName, k.birthDate, k.classLevel, allergiesOf(k), k.diet]).sort()).toEqual([
      ["Inès", "2021-09-03", "MS", "Arachide", "sans_porc"],
      ["Léo", "2018-02-14", "CE2", null, "standard"],
    ]);
    const [ndiaye] = await withPlatform((tx) => tx.select().from(households).where(and(eq(households.tenantId, t), eq(households.reference, "ANC-1002"))));
    expect(ndiaye?.addressLine).toBe("4 allée des Tilleuls; bâtiment B");
    expect(await withPlatform((tx) => tx.select({ value: quotients.value }).from(quotients).where(eq(quotients.householdId, bernard!.id)))).toEqual([{ value: 620 }]);
    expect(await withPlatform((tx) => tx.select().from(householdActivationCodes).where(eq(householdActivationCodes.householdId, bernard!.id)))).toHaveLength(1);

    const again = await run(sample, "all");
    expect(again).toMatchObject({ families: { created: 0, updated: 0, unchanged: 2 }, children: { created: 0, updated: 0, unchanged: 3 } });
    expect(await counts()).toEqual({ households: before.households + 2, children: before.children + 3, guardians: before.guardians + 3 });
  });

  it("updates a changed row (a comma-separated file with French dates this time)", async () => {
    const changed = [
      header.replaceAll(";", ","),
      "ANC-1002,Famille N'Diaye,\"8 rue Neuve, appartement 3\",69120,Jolieville,oui,,N'Diaye,Awa,awa.ndiaye@exemple.test,07 11 22 33 44,,,,,N'Diaye,Moussa,01/12/2016,École Jules Ferry,CM2,Gluten,végétarien",
    ].join("\r\n");
    const report = await run(changed, "all");
    expect(report).toMatchObject({ families: { updated: 1 }, children: { updated: 1, created: 0 }, written: true });
    const t = await tenantId("jolieville");
    const [ndiaye] = await withPlatform((tx) => tx.select().from(households).where(and(eq(households.tenantId, t), eq(households.reference, "ANC-1002"))));
    expect(ndiaye).toMatchObject({ addressLine: "8 rue Neuve, appartement 3", isResident: true });
  });
});

describe("bad input", () => {
  const row = (fields: Record<number, string>) => {
    const base = "ANC-2001;Famille Test;;;;oui;;Test;Tina;;;;;;;Test;Tom;2019-05-05;;;;".split(";");
    for (const [i, v] of Object.entries(fields)) base[Number(i)] = v;
    return base.join(";");
  };

  it("previews a file larger than a tRPC body (about 1.6 MB, like 5,000 families) through the page's route", async () => {
    const padding = "x".repeat(100);
    const lines = Array.from({ length: 6000 }, (_, i) => row({ 0: `BIG-${i}`, 1: `Famille ${padding}`, 2: `${i} rue des Écoles ${padding}` }));
    const file = [header, ...lines].join("\n");
    expect(Buffer.byteLength(file)).toBeGreaterThan(1.5 * 1024 * 1024);
    const before = await counts();
    const report = await preview(file);
    expect(report).toMatchObject({ rows: { total: 6000, rejected: 0 }, families: { created: 6000 }, written: false });
    expect(await counts()).toEqual(before);
  });

  it("lists every bad row with its line, column and a French message, and writes nothing", async () => {
    const before = await counts();
    const file = [header, row({ 0: "ANC-3001", 17: "2099-01-01" }), row({ 0: "ANC-3002", 5: "peut-être" }), row({ 0: "ANC-3003", 19: "CM3" }), row({ 0: "ANC-3004" })].join("\n");
    const report = await run(file, "all");
    expect(report.issues).toEqual([
      { line: 2, column: "enfant_date_naissance", message: text.futureDate },
      { line: 3, column: "resident", message: text.invalidResident },
      { line: 4, column: "enfant_classe", message: text.invalidClass },
    ]);
    expect(report).toMatchObject({ rows: { total: 4, rejected: 3 }, families: { created: 1 }, written: false });
    expect(await counts()).toEqual(before);
  });

  it("by choice imports the good families only, leaving out whole a family with a bad row", async () => {
    const file = [header, row({ 0: "ANC-4001" }), row({ 0: "ANC-4002", 16: "Lou" }), row({ 0: "ANC-4002", 16: "Max", 17: "31/02/2019" })].join("\n");
    const report = await run(file, "validOnly");
    expect(report.issues).toEqual([
      { line: 3, column: null, message: text.familySkipped(4) },
      { line: 4, column: "enfant_date_naissance", message: text.invalidDate },
    ]);
    expect(report).toMatchObject({ rows: { total: 3, rejected: 2 }, families: { created: 1 }, written: true });
    const t = await tenantId("jolieville");
    const refs = await withPlatform((tx) => tx.select({ r: households.reference }).from(households).where(eq(households.tenantId, t)));
    expect(refs.map((r) => r.r)).toContain("ANC-4001");
    expect(refs.map((r) => r.r)).not.toContain("ANC-4002");
  });

  it("names an unknown or missing column of the header", async () => {
    const report = await preview(`${header.replace("enfant_prenom", "prenom_enfant")}\n${row({})}`);
    expect(report.issues).toEqual([
      { line: 1, column: "prenom_enfant", message: text.unknownColumn("prenom_enfant") },
      { line: 1, column: "enfant_prenom", message: text.missingColumn("enfant_prenom") },
    ]);
  });

  it("refuses a malformed CSV or a file too large with a French message, never a 500", async () => {
    const before = await counts();
    const malformed = await post(`${header}\n${row({ 1: '"Famille "Test' })}`, "etape=importer");
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toBe(text.malformed(2));
    const huge = await post("x".repeat(10 * 1024 * 1024 + 1), "etape=importer");
    expect([400, 413]).toContain(huge.status);
    expect(huge.body.message).toBe(`${messages.fields.file} : ${text.tooLarge(10)}`);
    expect(await counts()).toEqual(before);
  });

  it("says when rows of one family disagree, or a child appears twice", async () => {
    const file = [header, row({ 0: "ANC-5001" }), row({ 0: "ANC-5001", 1: "Famille Autre", 16: "Lia" }), row({ 0: "ANC-5002" }), row({ 0: "ANC-5002" })].join("\n");
    const report = await preview(file);
    expect(report.issues.filter((i) => i.column !== null)).toEqual([
      { line: 3, column: "nom_famille", message: text.inconsistent(2) },
      { line: 5, column: "enfant_prenom", message: text.duplicateChild(4) },
    ]);
  });

  it("is for admins only", async () => {
    for (const email of ["agent@jolieville.test", "animateur@jolieville.test", "parent@recre.test"]) {
      expect((await post(sample, "etape=apercu", email)).status).toBe(404);
    }
  });
});
