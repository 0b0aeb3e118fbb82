import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { invoicePdfDownload, paperInvoicesDownload, runCsvDownload } from "@/server/downloads";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";
import { demoIds } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;
let runId = "";

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  runId = (await (await callerAs("admin@jolieville.test", "jolieville")).invoices.runs())[0]!.id;
});

const pdfText = (pdf: Buffer) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "factures-")), "factures.pdf");
  writeFileSync(file, pdf);
  return execFileSync("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
};

describe("a past invoice run", () => {
  it("lists its invoices in reference order, saying which go by post (paper chosen, or nobody to e-mail)", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    const { invoices } = await admin.invoices.runDetail({ runId });
    expect(invoices.map((i) => [i.reference, i.number, i.totalCents, i.paper])).toEqual([
      ["JOL-00042", "2026-000001", 1890, true],
      ["JOL-00057", "2026-000002", 1560, true],
    ]);
    await (await callerAs("parent@recre.test", "jolieville")).invoices.setDelivery({ householdId: d.ids["JOL-00042"]!, delivery: "email" });
    expect((await admin.invoices.runDetail({ runId })).invoices.map((i) => i.paper)).toEqual([false, true]);
  });

  it("exports as a CSV Excel opens (semicolons, BOM), to admins only", async () => {
    const response = await runCsvDownload(await userId("admin@jolieville.test"), { commune: "jolieville", runId });
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv.split("\r\n").slice(0, 3)).toEqual(["Numéro;Référence famille;Famille;Montant;Envoi", "2026-000001;JOL-00042;Famille Martin;18,90 €;e-mail", "2026-000002;JOL-00057;Famille Durand;15,60 €;papier"]);
    for (const email of ["agent@jolieville.test", "voisin@recre.test", "admin@val-fleuri.test"]) {
      expect((await runCsvDownload(await userId(email), { commune: "jolieville", runId })).status).toBe(404);
    }
  });

  it("prints its paper invoices in one PDF, in reference order, each saying how to pay, its tariff basis and carrying the commune's logo", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    const logo = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#b00" } }).png().toBuffer();
    expect(await admin.commune.setLogo({ logo: { name: "logo.png", type: "image/png", base64: logo.toString("base64") } })).toEqual({ hasLogo: true });
    await admin.commune.setContact({ chequePayee: "Régie périscolaire de Jolieville" });
    // The Martins chose e-mail above: the Durands alone are printed.
    const response = await paperInvoicesDownload(await userId("admin@jolieville.test"), { commune: "jolieville", runId });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.toString("latin1")).toContain("/Subtype /Image");
    expect((await paperInvoicesDownload(await userId("voisin@recre.test"), { commune: "jolieville", runId })).status).toBe(404);
    if (!existsSync("/usr/bin/pdftotext")) return;
    const text = pdfText(pdf);
    expect(text).toContain("Famille Durand");
    expect(text).not.toContain("Famille Martin");
    expect(text).toContain("Comment payer");
    expect(text).toContain("Par chèque à l'ordre de « Régie périscolaire de Jolieville », référence JOL-00057 au dos");
    expect(text).toContain("Au guichet de la mairie");
    expect(text).toContain("Par prélèvement automatique");
    expect(text).toContain("Base tarifaire : aucun quotient familial enregistré (tranche la plus haute), résident");
  });

  it("puts every paper invoice in, in reference order", async () => {
    await (await callerAs("parent@recre.test", "jolieville")).invoices.setDelivery({ householdId: d.ids["JOL-00042"]!, delivery: "paper" });
    const response = await paperInvoicesDownload(await userId("admin@jolieville.test"), { commune: "jolieville", runId });
    if (!existsSync("/usr/bin/pdftotext")) return;
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text.indexOf("Famille Martin")).toBeGreaterThan(-1);
    expect(text.indexOf("Famille Martin")).toBeLessThan(text.indexOf("Famille Durand"));
    // The Martins' QF is on file: their basis says it.
    expect(text).toContain("quotient familial 650, résident");
    // The single invoice download carries the same payment block.
    const single = await invoicePdfDownload(await userId("voisin@recre.test"), { commune: "jolieville", invoiceId: (await (await callerAs("admin@jolieville.test", "jolieville")).invoices.runDetail({ runId })).invoices[1]!.id });
    expect(pdfText(Buffer.from(await single.arrayBuffer()))).toContain("Comment payer");
  });
});
