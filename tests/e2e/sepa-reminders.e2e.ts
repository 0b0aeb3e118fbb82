import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, openPlanningMonth, signIn } from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("direct debit", () => {
  it("a parent signs a mandate online; refusals are shown on the field, the IBAN is masked once signed", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "voisin@recre.test");
    await page.goto("/jolieville/prelevement");
    await page.getByText("vous autorisez la commune de Jolieville à envoyer des instructions à votre banque").waitFor();
    await page.getByLabel("Titulaire du compte").fill("Marc Durand");
    await page.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 188");
    await page.getByLabel("BIC").fill("AGRIFRPP");
    await page.getByRole("button", { name: "Signer le mandat" }).click();
    await page.getByText(/IBAN invalide/).first().waitFor();
    await expectAccessible(page);
    await page.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 189");
    await page.getByRole("button", { name: "Signer le mandat" }).click();
    await page.getByText(/cochez la case/).first().waitFor();
    await page.getByLabel("J'autorise la commune à prélever mon compte selon les termes de ce mandat.").check();
    await page.getByRole("button", { name: "Signer le mandat" }).click();
    await page.getByText("JOL-00057-M01").first().waitFor();
    await page.getByText("FR76 •••• 0189", { exact: false }).first().waitFor();
    expect(await page.content()).not.toContain("FR7630006000011234567890189");
    await expectAccessible(page);
  }, 180_000);

  // Whatever the journeys before it paid, this one bills the Durand family a day of its own (March 2027,
  // in advance) so that the run has an invoice of the mandate signed above to collect.
  it("staff create the month's run, generate the SEPA file and download it", async () => {
    const parent = await newPage(browser);
    await signIn(parent, "voisin@recre.test");
    await openPlanningMonth(parent, "/jolieville/planning", "mars 2027", "Cantine");
    const day = parent.getByRole("button", { name: /^(mardi 2|jeudi 4|vendredi 5|mardi 9) mars, Cantine : (?!.*Réservé)/ }).first();
    await day.click();
    await parent.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    await parent.getByRole("table", { name: "Récapitulatif des réservations validées" }).waitFor();
    const page = await newPage(browser);
    await signIn(page, "admin@jolieville.test");
    await page.goto("/jolieville/admin/facturation");
    await page.getByLabel("Mois facturé").fill("2027-03");
    await page.getByLabel("À l'avance (réservations du mois)").check();
    await page.getByRole("button", { name: "Prévisualiser" }).click();
    await page.getByText("Famille Durand").first().waitFor();
    await page.getByRole("button", { name: "Émettre les factures" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: /^Émettre \d+ factures?$/ }).click();
    await page.getByText("Émission terminée").waitFor({ timeout: 30_000 });
    await page.goto("/jolieville/admin/prelevements");
    await page.getByRole("button", { name: "Créer la campagne et prévenir les familles" }).click();
    await page.waitForURL(/\/jolieville\/admin\/prelevements\/[0-9a-f-]{36}$/);
    await page.getByText("JOL-00057-M01").waitFor();
    await page.getByRole("button", { name: "Générer le fichier SEPA" }).click();
    await page.getByRole("alertdialog", { name: "Générer le fichier de prélèvement ?" }).getByRole("button", { name: "Générer le fichier", exact: true }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Télécharger le fichier SEPA (XML)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^prelevements-\d{4}-\d{2}-\d{2}\.xml$/);
    // The month's debit file, as downloaded, against the ISO schema (CI has libxml2-utils).
    const saved = path.join(mkdtempSync(path.join(tmpdir(), "sepa-")), file.suggestedFilename());
    await file.saveAs(saved);
    expect(readFileSync(saved, "utf8")).toContain("JOL-00057-M01");
    const check = spawnSync("xmllint", ["--noout", "--schema", path.resolve(__dirname, "../fixtures/sepa/pain.008.001.02.xsd"), saved], { encoding: "utf8" });
    if (check.error) console.warn("xmllint absent : le fichier téléchargé n'est pas validé contre le schéma");
    else expect(check.status, check.stderr).toBe(0);
    await expectAccessible(page);
  }, 180_000);
});

describe("tax certificates and reminders", () => {
  it("a parent finds the attestations page; staff find the reminders and the treasury list", async () => {
    const parent = await newPage(browser);
    await signIn(parent, "parent@recre.test");
    await parent.goto("/jolieville/attestations");
    await parent.getByRole("heading", { level: 1, name: "Attestations fiscales" }).waitFor();
    const staff = await newPage(browser);
    await signIn(staff, "admin@jolieville.test");
    await staff.goto("/jolieville/admin/relances");
    await staff.getByRole("button", { name: "Envoyer maintenant les relances dues" }).waitFor();
    await staff.getByRole("heading", { name: /À transmettre au Trésor public/ }).waitFor();
  }, 180_000);
});
