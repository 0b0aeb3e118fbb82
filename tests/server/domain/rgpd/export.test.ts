import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, children, guardians, households } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { householdExport } from "@/server/domain/rgpd/export";
import { familyTables } from "@/server/domain/rgpd/coverage";
import { putUpload, recordFile } from "@/server/domain/files/stored-files";
import { householdExportDownload } from "@/server/downloads";
import { zip } from "@/server/lib/zip";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";
import { demoIds } from "../../../fixtures/demo-ids";
import { unzip } from "../../../fixtures/unzip";
import { addFamilyRecords } from "../../../fixtures/family-records";

beforeAll(loadDemo);

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** Everything that identifies a household: its ids, its reference, its people's names, e-mails, phones and address. */
async function identifiersOf(householdId: string): Promise<string[]> {
  return withPlatform(async (tx) => {
    const [h] = await tx.select().from(households).where(eq(households.id, householdId));
    const people = await tx.select().from(guardians).where(eq(guardians.householdId, householdId));
    const kids = await tx.select().from(children).where(eq(children.householdId, householdId));
    return [
      h!.id, h!.reference, h!.name, h!.addressLine,
      ...people.flatMap((g) => [g.id, g.firstName, g.lastName, g.email ?? "", g.phone ?? ""]),
      ...kids.flatMap((c) => [c.id, c.firstName, c.lastName]),
    ].filter((s) => s.length > 2);
  });
}

describe("a family's RGPD export", () => {
  it("holds the household, its health data decrypted, its invoices as PDFs and its uploads", async () => {
    const { jolieville, ids, parent } = await demoIds();
    const martin = ids["JOL-00042"]!;
    const file = await putUpload(jolieville.id, "absence_certificate", { name: "certificat-sarah.pdf", type: "application/pdf", bytes: PDF });
    await withTenant(jolieville.id, (tx) => recordFile(tx, jolieville.id, { householdId: martin, kind: "absence_certificate", file }));

    const archive = unzip((await householdExport({ tenant: jolieville, actor: parent, now: new Date() }, { householdId: martin })).bytes);
    const data = JSON.parse(archive.get("donnees.json")!.toString("utf8"));
    expect(data.household).toMatchObject({ id: martin, reference: "JOL-00042", addressLine: "12 rue des Tilleuls" });
    expect(data.guardians.map((g: { email: string }) => g.email)).toContain("parent@recre.test");
    const chloe = data.children.find((c: { firstName: string }) => c.firstName === "Chloé");
    expect(chloe.health).toMatchObject({ allergies: [expect.objectContaining({ allergen: "Arachide" })], hasPai: true, diet: "standard" });
    expect(data.invoices.length).toBeGreaterThan(0);
    expect(data.payments.length).toBeGreaterThan(0);
    const pdfs = [...archive.keys()].filter((n) => n.startsWith("factures/") && n.endsWith(".pdf"));
    expect(pdfs).toHaveLength(data.invoices.length);
    expect(archive.get(pdfs[0]!)!.subarray(0, 5).toString()).toBe("%PDF-");
    const uploaded = [...archive.entries()].find(([n]) => n.startsWith("fichiers/") && n.endsWith("certificat-sarah.pdf"));
    expect(uploaded?.[1].equals(PDF)).toBe(true);
    expect(JSON.stringify(data)).not.toContain(file.key);
  });

  it("contains no id, reference or name of another family, in this commune or another", async () => {
    const { jolieville, ids, parent } = await demoIds();
    const durand = ids["JOL-00057"]!;
    const file = await putUpload(jolieville.id, "absence_certificate", { name: "certificat-tom.pdf", type: "application/pdf", bytes: PDF });
    await withTenant(jolieville.id, (tx) => recordFile(tx, jolieville.id, { householdId: durand, kind: "absence_certificate", file }));
    const archive = unzip((await householdExport({ tenant: jolieville, actor: parent, now: new Date() }, { householdId: ids["JOL-00042"]! })).bytes);
    const everything = [...archive.entries()].map(([name, bytes]) => `${name}\n${bytes.toString("latin1")}\n${bytes.toString("utf8")}`).join("\n");
    const others = [...(await identifiersOf(durand)), ...(await identifiersOf(ids["VF-0815"]!))].filter((s) => !["Martin", "Famille Martin", "Julie", "parent@recre.test", "06 12 34 56 78"].includes(s));
    expect(others.length).toBeGreaterThan(10);
    for (const identifier of others) expect(everything, identifier).not.toContain(identifier);
    expect(everything).not.toContain("certificat-tom");
  });

  it("is logged in the commune's audit log", async () => {
    const { jolieville, ids, parent } = await demoIds();
    await householdExport({ tenant: jolieville, actor: parent, now: new Date() }, { householdId: ids["JOL-00042"]! });
    const logged = await withPlatform((tx) => tx.select().from(auditEvents).where(eq(auditEvents.action, "rgpd.exported")));
    expect(logged.some((e) => e.householdId === ids["JOL-00042"] && e.actorUserId === parent.userId)).toBe(true);
  });

  it("is another family's parents' NOT_FOUND, through the domain and the download route", async () => {
    const { jolieville, ids, voisin } = await demoIds();
    await expect(householdExport({ tenant: jolieville, actor: voisin, now: new Date() }, { householdId: ids["JOL-00042"]! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const params = { commune: "jolieville", householdId: ids["JOL-00042"]! };
    expect((await householdExportDownload(await userId("voisin@recre.test"), params)).status).toBe(404);
    expect((await householdExportDownload(await userId("agent@jolieville.test"), params)).status).toBe(404);
    expect((await householdExportDownload(await userId("parent@recre.test"), { commune: "val-fleuri", householdId: ids["JOL-00042"]! })).status).toBe(404);
    expect((await householdExportDownload(null, params)).status).toBe(401);
    const ok = await householdExportDownload(await userId("parent@recre.test"), params);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/zip");
    expect(ok.headers.get("content-disposition")).toContain("attachment");
    expect(unzip(new Uint8Array(await ok.arrayBuffer())).has("donnees.json")).toBe(true);
  });
});

describe("the export of the newer tables", () => {
  it("holds the household's demandes, messages, SEPA mandates, attestations (as PDFs), pre-registrations and their files, and none of another family's", async () => {
    const { jolieville, ids, parent } = await demoIds();
    const martin = ids["JOL-00042"]!;
    const mine = await addFamilyRecords(jolieville.id, martin, "MARQUEUR-MARTIN", parent.userId!);
    await addFamilyRecords(jolieville.id, ids["JOL-00057"]!, "MARQUEUR-DURAND", await userId("voisin@recre.test"));
    await (await callerAs("agent@jolieville.test", "jolieville")).familyFiles.change({ householdId: martin, childId: ids.Sarah!, section: "allergies", value: { allergies: [{ allergen: "Sésame", severity: "severe", note: "" }] } });

    const archive = unzip((await householdExport({ tenant: jolieville, actor: parent, now: new Date() }, { householdId: martin })).bytes);
    const data = JSON.parse(archive.get("donnees.json")!.toString("utf8"));
    for (const [table, coverage] of Object.entries(familyTables)) if (coverage.export) expect(data, `${table} → ${coverage.export}`).toHaveProperty(coverage.export);

    expect(data.requests).toHaveLength(1);
    expect(data.requests[0]).toMatchObject({ fields: { detail: "Demande MARQUEUR-MARTIN" }, thread: [expect.objectContaining({ body: "Message MARQUEUR-MARTIN" })] });
    expect(data.requests[0].attachments).toHaveLength(1);
    expect(data.messages).toEqual([expect.objectContaining({ subject: "Sujet MARQUEUR-MARTIN", body: "Corps MARQUEUR-MARTIN" })]);
    expect(data.sepaMandates).toEqual([expect.objectContaining({ rum: mine.rum, holderName: "Titulaire MARQUEUR-MARTIN", iban: "FR7630006000011234567890189" })]);
    expect(data.taxCertificates).toEqual([expect.objectContaining({ number: mine.certificateNumber })]);
    expect(data.applications).toEqual([expect.objectContaining({ form: { note: "Formulaire MARQUEUR-MARTIN" }, documents: [expect.objectContaining({ name: "MARQUEUR-MARTIN-document.pdf" })] })]);
    expect(data.fileChanges.some((c: { after: string }) => c.after.includes("Sésame"))).toBe(true);

    const names = [...archive.keys()];
    expect(names.filter((n) => n.startsWith("attestations/") && n.endsWith(".pdf"))).toHaveLength(1);
    expect(names.some((n) => n.startsWith("fichiers/") && n.endsWith("MARQUEUR-MARTIN-piece.pdf"))).toBe(true);
    expect(names.some((n) => n.startsWith("fichiers/pre-inscription/") && n.endsWith("MARQUEUR-MARTIN-document.pdf"))).toBe(true);
    const everything = [...archive.entries()].map(([name, bytes]) => `${name}\n${bytes.toString("utf8")}`).join("\n");
    expect(everything).not.toContain("DURAND");
    expect(everything).not.toContain("certificat-tom");
  });
});

describe("the ZIP writer", () => {
  it("writes entries an archive reader gets back byte for byte, UTF-8 names included", () => {
    const big = "é".repeat(10_000);
    const files = unzip(zip([{ name: "données/été.json", data: big }, { name: "b.bin", data: new Uint8Array([0, 1, 2, 255]) }]));
    expect(files.get("données/été.json")!.toString("utf8")).toBe(big);
    expect([...files.get("b.bin")!]).toEqual([0, 1, 2, 255]);
  });
});
