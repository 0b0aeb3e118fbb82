import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { debitItems, payments, sepaMandates } from "@/db/schema";
import { getDb } from "@/db";
import { withPlatform } from "@/db/transaction";
import { debitFile } from "@/server/domain/collection/debit-runs";
import { ibanOf, mandateContext, sealClearMandates } from "@/server/domain/collection/mandate-secrets";
import { openHealth } from "@/server/lib/health-crypto";
import { buildPain008, decimalAmount } from "@/server/domain/collection/pain008";
import { unpaidInvoices } from "@/server/domain/billing/payments";
import { debitFileDownload } from "@/server/collection-downloads";
import { callerAs, loadDemo, tenantId, userId } from "../../../fixtures/demo";
import { demoIds, inScope, staffAs } from "../../../fixtures/demo-ids";
import { SEPA_SETTINGS, addInvoice, hasTool, mailsTo, validateXml } from "./helpers";

const XSD = "tests/fixtures/sepa/pain.008.001.02.xsd";
const xmllint = hasTool("xmllint");
if (!xmllint) console.warn("xmllint absent : la validation XSD du fichier pain.008 est sautée (installez libxml2-utils)");

let jolieville: string;
let durand: string;
let martin: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
/** The run with both sequence types (the Durands' second debit, the Martins' first). */
let secondRun: string;

beforeAll(async () => {
  await loadDemo();
  jolieville = await tenantId("jolieville");
  ids = await demoIds();
  durand = ids.ids["JOL-00057"]!;
  martin = ids.ids["JOL-00042"]!;
});

const admin = () => callerAs("admin@jolieville.test", "jolieville");
const voisin = () => callerAs("voisin@recre.test", "jolieville");
const paymentsOf = (householdId: string) => withPlatform((tx) => tx.select().from(payments).where(and(eq(payments.householdId, householdId), eq(payments.method, "direct_debit"))));
const fileOf = async (runId: string) => inScope(ids.jolieville, (scope) => debitFile(scope, { runId }), { actor: staffAs(null) });

describe("the commune's creditor settings", () => {
  it("refuse a malformed ICS or IBAN naming the field, and keep direct debit off until complete", async () => {
    const a = await admin();
    await expect(a.collection.setSettings({ ...SEPA_SETTINGS, creditorId: "FR00ZZZ123456" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("identifiant créancier invalide") });
    await expect(a.collection.setSettings({ ...SEPA_SETTINGS, creditorIban: "FR14 2004 1010 0505 0001 3M02 607" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("IBAN invalide") });
    // The demo's Jolieville offers direct debit; without its ICS, no family can sign.
    expect((await a.collection.settings()).debitOffered).toBe(true);
    await a.collection.setSettings({ ...SEPA_SETTINGS, creditorId: "" });
    expect((await a.collection.settings()).debitOffered).toBe(false);
    await expect((await voisin()).collection.signMandate({ holderName: "Marc Durand", iban: "FR7630006000011234567890189", bic: "AGRIFRPP", accepted: true })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "La commune ne propose pas le prélèvement automatique pour l'instant." });
    await a.collection.setSettings(SEPA_SETTINGS);
    expect(await a.collection.settings()).toMatchObject({ debitOffered: true, creditorId: "FR72ZZZ123456", creditorIban: "FR1420041010050500013M02606" });
  });
});

describe("a mandate signed online", () => {
  it("checks the IBAN and BIC with their keys and needs the box ticked", async () => {
    const v = await voisin();
    await expect(v.collection.signMandate({ holderName: "Marc Durand", iban: "FR7630006000011234567890188", bic: "AGRIFRPP", accepted: true })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("IBAN invalide") });
    await expect(v.collection.signMandate({ holderName: "Marc Durand", iban: "FR7630006000011234567890189", bic: "AGRI", accepted: true })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("BIC invalide") });
    // @ts-expect-error -- the box left unticked, as a crafted request would send it
    await expect(v.collection.signMandate({ holderName: "Marc Durand", iban: "FR7630006000011234567890189", bic: "AGRIFRPP", accepted: false })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("cochez la case") });
    expect((await v.collection.mandate()).active).toBeNull();
  });

  it("gets a RUM unique in the commune, stores the wording as signed and shows only a masked IBAN", async () => {
    const signed = await (await voisin()).collection.signMandate({ holderName: "Marc Durand", iban: "fr76 3000 6000 0112 3456 7890 189", bic: "agrifrpp", accepted: true });
    expect(signed).toMatchObject({ rum: "JOL-00057-M01", signatureDate: "2026-11-25", status: "active", ibanMasked: "FR76 •••• 0189" });
    expect(signed.mandateText).toContain("vous autorisez la commune de Jolieville à envoyer des instructions à votre banque");
    expect(signed.mandateText).toContain("ICS) : FR72ZZZ123456");
    // At rest the IBAN and the signed text that names it are sealed (AES-256-GCM, the health data's module).
    const [stored] = await withPlatform((tx) => tx.select().from(sepaMandates).where(eq(sepaMandates.rum, "JOL-00057-M01")));
    expect(stored!.iban).toMatch(/^h1\./);
    expect(stored!.mandateText).toMatch(/^h1\./);
    expect(JSON.stringify(stored)).not.toContain("30006000011234567890189");
    expect(ibanOf(stored!)).toBe("FR7630006000011234567890189");
    expect(openHealth(stored!.mandateText, mandateContext(stored!.tenantId, stored!.id))).toContain("IBAN : FR7630006000011234567890189 — BIC : AGRIFRPP");
    // Copied onto another mandate's row, it does not decrypt.
    expect(() => ibanOf({ ...stored!, id: durand })).toThrow();
    expect(signed.mandateText).toContain("IBAN : FR76 •••• 0189 — BIC : AGRIFRPP");
    expect(JSON.stringify(await (await voisin()).collection.mandate())).not.toContain("FR7630006000011234567890189");
    const martinMandate = await (await callerAs("parent@recre.test", "jolieville")).collection.signMandate({ holderName: "Julie Martin", iban: "DE89370400440532013000", bic: "COBADEFFXXX", accepted: true });
    expect(martinMandate.rum).toBe("JOL-00042-M01");
  });
});

describe("a debit run", () => {
  let firstRun: string;

  it("refuses a date that leaves families less than 14 days' notice, or a weekend", async () => {
    const a = await admin();
    await expect(a.collection.createDebitRun({ collectionDate: "2026-12-08" })).rejects.toMatchObject({ message: expect.stringContaining("au moins 14 jours avant ; choisissez le 9 décembre 2026 ou plus tard") });
    await expect(a.collection.createDebitRun({ collectionDate: "2026-12-12" })).rejects.toMatchObject({ message: expect.stringContaining("jour ouvré") });
    expect((await a.collection.debitRuns()).runs).toEqual([]);
  });

  it("takes the unpaid invoices of mandate households and tells each family 14 days ahead", async () => {
    const a = await admin();
    expect((await a.collection.debitRuns()).suggestedDate).toBe("2026-12-10");
    const created = await a.collection.createDebitRun({ collectionDate: "2026-12-10" });
    firstRun = created.runId;
    // The Durands owe their November invoice; the Martins paid theirs by cheque.
    expect(created).toMatchObject({ invoiceCount: 1, totalCents: 1560 });
    const [notice] = await mailsTo("voisin@recre.test", "debit-prenotification");
    expect(notice!.subject).toBe("Prochain prélèvement — Jolieville");
    expect(notice!.text).toMatch(/prélèvera 15,60\s€ sur votre compte FR76 •/);
    expect(notice!.text).toContain("10 décembre 2026");
    expect(notice!.text).toContain("JOL-00057-M01");
    expect(await mailsTo("parent@recre.test", "debit-prenotification")).toEqual([]);
    // An invoice already in a run is not taken by another.
    await expect(a.collection.createDebitRun({ collectionDate: "2026-12-11" })).rejects.toMatchObject({ message: expect.stringContaining("Aucune facture à prélever") });
  });

  it("exports a pain.008 file once: the invoices paid by debit exactly once, the same file each time", async () => {
    const a = await admin();
    await a.collection.exportDebitRun({ runId: firstRun });
    expect(await a.collection.exportDebitRun({ runId: firstRun })).toMatchObject({ alreadyExported: true });
    const recorded = await paymentsOf(durand);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ amountCents: 1560, status: "succeeded", purpose: "invoices", reference: "Prélèvement SEPA, mandat JOL-00057-M01" });
    expect(await inScope(ids.jolieville, (s) => unpaidInvoices(s, { householdId: durand }))).toEqual([]);
    const first = await fileOf(firstRun);
    expect((await fileOf(firstRun)).content).toBe(first.content);
    expect(first.content).toContain("<SeqTp>FRST</SeqTp>");
    expect(first.content).not.toContain("<SeqTp>RCUR</SeqTp>");
    expect(first.content).toContain("<CtrlSum>15.60</CtrlSum>");
    expect(first.content).toContain("<MndtId>JOL-00057-M01</MndtId>");
    // The export is the one place that reads the full IBAN.
    expect(first.content).toContain("<IBAN>FR7630006000011234567890189</IBAN>");
    expect(JSON.stringify(await a.collection.debitRun({ runId: firstRun }))).not.toContain("FR7630006000011234567890189");
  });

  it.skipIf(!xmllint)("validates against the pain.008.001.02 schema, with one PmtInf per sequence type and exact sums", async () => {
    // Next month: the Durands are debited again (RCUR), the Martins for the first time (FRST).
    await addInvoice(jolieville, { householdId: durand, issuedAt: new Date("2026-11-27T09:00:00Z"), dueDate: "2026-12-15", lines: [{ childId: ids.ids.Tom!, kind: "service", amountCents: 2345 }] });
    await addInvoice(jolieville, { householdId: martin, issuedAt: new Date("2026-11-27T09:00:00Z"), dueDate: "2026-12-15", lines: [{ childId: ids.ids.Sarah!, kind: "service", amountCents: 1001 }, { childId: ids.ids.Sarah!, kind: "meal", amountCents: 99 }] });
    await addInvoice(jolieville, { householdId: martin, issuedAt: new Date("2026-11-27T09:00:00Z"), dueDate: "2026-12-15", lines: [{ childId: ids.ids["Chloé"]!, kind: "service", amountCents: 5 }] });
    const a = await admin();
    const { runId } = await a.collection.createDebitRun({ collectionDate: "2026-12-10" });
    secondRun = runId;
    await a.collection.exportDebitRun({ runId });
    const { content } = await fileOf(runId);
    const verdict = validateXml(content, XSD);
    expect(verdict.output).toContain("validates");
    expect(verdict.status).toBe(0);
    const blocks = content.split("<PmtInf>").slice(1);
    expect(blocks.map((b) => /<SeqTp>(\w+)<\/SeqTp>/.exec(b)![1])).toEqual(["FRST", "RCUR"]);
    expect(blocks.map((b) => /<NbOfTxs>(\d+)<\/NbOfTxs>/.exec(b)![1])).toEqual(["1", "1"]);
    // The Martins' two invoices are one transaction of 11,05 €; the group header adds both blocks.
    expect(blocks.map((b) => /<CtrlSum>([\d.]+)<\/CtrlSum>/.exec(b)![1])).toEqual(["11.05", "23.45"]);
    expect(content).toMatch(/<GrpHdr>[\s\S]*<NbOfTxs>2<\/NbOfTxs>\s*<CtrlSum>34.50<\/CtrlSum>/);
  });

  it.skipIf(!xmllint)("would be refused by the schema if it were malformed (the check can fail)", () => {
    const bad = buildPain008({
      messageId: "X",
      createdAt: new Date("2026-11-25T08:00:00Z"),
      collectionDate: "2026-12-10",
      creditor: { name: "Commune", iban: "FR1420041010050500013M02606", bic: "not-a-bic", creditorId: "FR72ZZZ123456" },
      transactions: [{ endToEndId: "E", amountCents: 100, sequenceType: "FRST", rum: "R", signatureDate: "2026-11-25", debtorName: "D", iban: "FR7630006000011234567890189", bic: "AGRIFRPP", remittance: "F" }],
    });
    expect(validateXml(bad, XSD).status).not.toBe(0);
  });

  it("serves the file to the front desk only, after export", async () => {
    const { runs } = await (await admin()).collection.debitRuns();
    const response = await debitFileDownload(await userId("agent@jolieville.test"), { commune: "jolieville", runId: runs[0]!.id });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("prelevements-2026-12-10.xml");
    expect((await debitFileDownload(await userId("voisin@recre.test"), { commune: "jolieville", runId: runs[0]!.id })).status).toBe(404);
    expect((await debitFileDownload(await userId("admin@val-fleuri.test"), { commune: "val-fleuri", runId: runs[0]!.id })).status).toBe(404);
  });
});

describe("a rejected debit", () => {
  it("reopens its invoices, bills the commune's bank fee, and is recorded once", async () => {
    const a = await admin();
    await a.collection.setSettings({ ...SEPA_SETTINGS, rejectFeeCents: 350 });
    const latest = (await a.collection.debitRuns()).runs.find((r) => r.id === secondRun);
    const detail = await a.collection.debitRun({ runId: latest!.id });
    const durands = detail.transactions.find((t) => t.householdId === durand)!;
    expect(durands).toMatchObject({ sequenceType: "RCUR", status: "collected", amountCents: 2345 });
    await expect(a.collection.recordRejection({ runId: latest!.id, mandateId: durands.mandateId, reason: "ZZ99" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const result = await a.collection.recordRejection({ runId: latest!.id, mandateId: durands.mandateId, reason: "AM04" });
    expect(result.reopened).toBe(1);
    await expect(a.collection.recordRejection({ runId: latest!.id, mandateId: durands.mandateId, reason: "AM04" })).rejects.toMatchObject({ code: "CONFLICT" });
    const open = await inScope(ids.jolieville, (s) => unpaidInvoices(s, { householdId: durand }));
    expect(open.map((i) => i.remainingCents).sort()).toEqual([2345, 350]);
    expect((await paymentsOf(durand)).map((p) => p.status).sort()).toEqual(["failed", "succeeded"]);
    const [item] = await withPlatform((tx) => tx.select().from(debitItems).where(and(eq(debitItems.mandateId, durands.mandateId), eq(debitItems.runId, latest!.id))));
    expect(item).toMatchObject({ status: "rejected", rejectReason: "AM04" });
    expect(item!.feeInvoiceId).not.toBeNull();
    // The family is told once, through the outbox: what was returned, why, what is due again and the fee.
    const told = await mailsTo("voisin@recre.test", "debit-rejected");
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe("Prélèvement rejeté par votre banque — Jolieville");
    expect(told[0]!.text).toMatch(/rejeté le prélèvement de 23,45\s€ du \d+ \S+ 2026/);
    expect(told[0]!.text).toContain("Provision insuffisante");
    expect(told[0]!.text).toContain("FR76 •••• 0189");
    expect(told[0]!.text).not.toContain("FR7630006000011234567890189");
    expect(told[0]!.text).toMatch(/frais bancaires de rejet \(3,50\s€\)/i);
    expect(told[0]!.html).toContain("/jolieville/factures");
  });

  it("lets the invoice be debited again in a later run", async () => {
    const { runId, invoiceCount } = await (await admin()).collection.createDebitRun({ collectionDate: "2027-01-11" });
    expect(invoiceCount).toBe(2);
    const detail = await (await admin()).collection.debitRun({ runId });
    expect(detail.transactions.map((t) => [t.rum, t.sequenceType, t.amountCents])).toEqual([["JOL-00057-M01", "RCUR", 2695]]);
  });
});

describe("revoking a mandate", () => {
  it("ends it for the family; its RUM is never given again", async () => {
    const v = await voisin();
    await v.collection.revokeMandate();
    const overview = await v.collection.mandate();
    expect(overview.active).toBeNull();
    expect(overview.history.map((h) => [h.rum, h.status])).toEqual([["JOL-00057-M01", "revoked"]]);
    const again = await v.collection.signMandate({ holderName: "Marc Durand", iban: "FR7630006000011234567890189", bic: "AGRIFRPP", accepted: true });
    expect(again.rum).toBe("JOL-00057-M02");
    const rows = await withPlatform((tx) => tx.select().from(sepaMandates).where(eq(sepaMandates.householdId, durand)));
    expect(rows.filter((r) => r.status === "active")).toHaveLength(1);
  });
});

describe("mandates signed before encryption", () => {
  it("are sealed by the start-up migration, once, and read the same", async () => {
    const [row] = await withPlatform((tx) => tx.select().from(sepaMandates).where(eq(sepaMandates.rum, "JOL-00042-M01")));
    const clearIban = ibanOf(row!);
    const clearText = openHealth(row!.mandateText, mandateContext(row!.tenantId, row!.id));
    // As an earlier version stored it: in clear.
    await withPlatform((tx) => tx.update(sepaMandates).set({ iban: clearIban, mandateText: clearText }).where(eq(sepaMandates.id, row!.id)));
    expect((await (await callerAs("parent@recre.test", "jolieville")).collection.mandate()).active?.ibanMasked).toBe("DE89 •••• 3000");
    expect(await sealClearMandates(await getDb())).toBe(1);
    expect(await sealClearMandates(await getDb())).toBe(0);
    const [sealed] = await withPlatform((tx) => tx.select().from(sepaMandates).where(eq(sepaMandates.id, row!.id)));
    expect(sealed!.iban).toMatch(/^h1\./);
    expect(sealed!.mandateText).toMatch(/^h1\./);
    expect(ibanOf(sealed!)).toBe("DE89370400440532013000");
    const shown = (await (await callerAs("parent@recre.test", "jolieville")).collection.mandate()).active!;
    expect(shown.ibanMasked).toBe("DE89 •••• 3000");
    expect(shown.mandateText).toContain("IBAN : DE89 •••• 3000");
    expect(shown.mandateText).not.toContain("DE89370400440532013000");
  });
});

describe("amounts in the file", () => {
  it("are written from integer cents", () => {
    expect([0, 5, 99, 100, 123456].map(decimalAmount)).toEqual(["0.00", "0.05", "0.99", "1.00", "1234.56"]);
  });
});
