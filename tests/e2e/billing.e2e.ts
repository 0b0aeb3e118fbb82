import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, openPlanningMonth, signIn } from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const december = (page: Page, commune: string, activity: string) => openPlanningMonth(page, `/${commune}/planning`, "décembre 2026", activity);

describe("billing", () => {
  it("prepaid: a parent fills a basket in Val-Fleuri and pays it with the demo provider", async () => {
    const page = await newPage(browser);
    await signIn(page, "parent@recre.test");
    // Before any booking the empty basket already says what the family account holds.
    await page.goto("/val-fleuri/panier");
    await page.getByText(/^Crédit sur votre compte famille : 3,60\s€, déduit de votre prochain panier\.$/).waitFor();
    await december(page, "val-fleuri", "Cantine");
    await page.getByRole("button", { name: /^lundi 7 décembre, Cantine : / }).click();
    await page.getByRole("button", { name: /^mardi 8 décembre, Cantine : / }).click();
    await page.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    await page.getByRole("link", { name: /Voir mon panier et payer/ }).click();
    await page.getByText("Crédit sur votre compte famille").waitFor();
    await expectAccessible(page);
    // The hold is counted on the server's clock (pinned for the demo), not the browser's.
    await page.getByText(/Votre panier expire à \d\d:\d\d \(\d+ min/).waitFor();
    await page.setViewportSize({ width: 375, height: 800 });
    // Measured once the page has laid itself out again at the new width (the menu collapses on resize).
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: /^Payer / }).click();
    const accept = page.getByRole("button", { name: "Payer (paiement accepté)" });
    await accept.waitFor();
    await expectAccessible(page);
    await accept.click();
    await page.getByText("Paiement accepté : vos réservations sont confirmées.").waitFor();
    await expectAccessible(page);
    await december(page, "val-fleuri", "Cantine");
    await page.getByRole("button", { name: /^lundi 7 décembre, Cantine : .*Réservé/ }).waitFor();
  });

  it("invoice mode: the admin issues December's run; the family sees the previous balance, gets the PDF and the e-mail, pays one invoice online; a counter payment settles the rest", async () => {
    const parent = await newPage(browser);
    await signIn(parent, "voisin@recre.test");
    await parent.goto("/jolieville/factures");
    await parent.getByLabel(/Par e-mail/).check();
    await parent.getByRole("button", { name: "Enregistrer mon choix" }).click();
    await december(parent, "jolieville", "Mercredi loisirs");
    await parent.getByRole("button", { name: /^mercredi 2 décembre, Mercredi loisirs : / }).click();
    await parent.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    await parent.getByRole("table", { name: "Récapitulatif des réservations validées" }).waitFor();

    const admin = await newPage(browser);
    await signIn(admin, "admin@jolieville.test");
    await admin.goto("/jolieville/admin/facturation");
    await admin.getByLabel("Mois facturé").fill("2026-12");
    await admin.getByLabel("À l'avance (réservations du mois)").check();
    await admin.getByRole("button", { name: "Prévisualiser" }).click();
    await admin.getByText("Famille Durand").first().waitFor();
    await expectAccessible(admin);
    await admin.getByRole("button", { name: "Émettre les factures" }).click();
    const question = admin.getByRole("alertdialog", { name: /^Émettre \d+ factures? pour décembre 2026 \?$/i });
    await expectAccessible(admin);
    await question.getByRole("button", { name: /^Émettre \d+ factures?$/ }).click();
    await admin.getByText("Émission terminée").waitFor({ timeout: 30_000 });

    await parent.goto("/jolieville/factures");
    await parent.getByRole("link", { name: /2026-0000/ }).first().waitFor();
    await parent.getByText(/décembre 2026/i).first().waitFor();
    await expectAccessible(parent);
    await parent.locator("a", { hasText: /2026-0000\d+/ }).last().click();
    await parent.getByText("Solde antérieur restant dû").waitFor();
    await expectAccessible(parent);
    expect(await parent.getByText("15,60", { exact: false }).count()).toBeGreaterThan(0);
    const download = parent.waitForEvent("download");
    await parent.getByRole("button", { name: "Télécharger la facture (PDF)" }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

    await parent.goto("/dev/mail");
    await parent.getByRole("link", { name: /Votre facture est disponible/ }).first().waitFor();

    // Online, November only (December unticked): refused first, which changes nothing, then accepted.
    const payNovember = async () => {
      await parent.goto("/jolieville/factures");
      await parent.getByRole("checkbox", { name: "Tout sélectionner" }).uncheck();
      await parent.getByRole("checkbox", { name: /^Payer la facture 2026-000002 / }).check();
      await parent.getByRole("button", { name: "Payer 15,60 € en ligne" }).click();
      await parent.getByText("Facture 2026-000002 — Novembre 2026 : 15,60 €").waitFor();
    };
    await payNovember();
    await expectAccessible(parent);
    await parent.getByRole("button", { name: "Refuser le paiement" }).click();
    await parent.getByText("Paiement refusé : aucune somme n'a été prélevée. Vos factures restent à payer.").waitFor();
    await payNovember();
    await parent.getByRole("button", { name: "Payer (paiement accepté)" }).click();
    await parent.getByText("Paiement accepté : vos factures sont réglées.").waitFor();
    await parent.getByRole("link", { name: "Voir mes factures" }).click();
    await parent.getByRole("checkbox", { name: /^Payer la facture 2026-000002 / }).waitFor({ state: "detached" });
    await parent.getByRole("heading", { name: "Factures payées" }).waitFor();
    await parent.getByRole("link", { name: "Facture 2026-000002 — Novembre 2026" }).waitFor();

    const agent = await newPage(browser);
    await signIn(agent, "agent@jolieville.test");
    await agent.goto("/jolieville/admin/familles");
    await agent.getByRole("link", { name: "Famille Durand" }).click();
    const due = await agent.getByText(/Solde dû :/).first().innerText();
    const amount = /([\d\s\u202f\u00a0]+,\d{2})/.exec(due)![1]!.replace(/[\s\u202f\u00a0]/g, "");
    await agent.getByLabel("Mode de règlement").selectOption({ label: "Chèque" });
    await agent.getByLabel("Montant (€)").fill(amount);
    await agent.getByLabel("Référence (n° de chèque, de virement…)").fill("Chèque 0012345");
    await agent.getByRole("button", { name: "Enregistrer le règlement" }).click();
    await agent.getByText(/Solde\s*:\s*0,00/).first().waitFor();
  });
});
