import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn } from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("portal access with an activation code", () => {
  it("a parent without a family file adds it on /compte with the reference and code of an invoice; a wrong code says nothing more", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "conjoint@recre.test");
    await page.goto("/compte");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Ajouter ce dossier famille" }) });
    await form.getByLabel("Commune").selectOption({ label: "Jolieville" });
    await form.getByLabel("Référence famille").fill("JOL-00042");
    await form.getByLabel("Code d'activation").fill("AAAA-BBBB-CCCC");
    await form.getByRole("button", { name: "Ajouter ce dossier famille" }).click();
    await page.getByText("Commune, référence famille ou code d'activation incorrect. Vérifiez-les sur votre dernière facture.").waitFor();
    await expectAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await form.getByLabel("Code d'activation").fill("mrtn jv42 k7qp");
    await form.getByRole("button", { name: "Ajouter ce dossier famille" }).click();
    await page.getByText("Le dossier JOL-00042 (Famille Martin, Jolieville) est rattaché à votre compte : vous y êtes le responsable Thomas Martin.").waitFor();
    await page.getByRole("link", { name: "Accéder à Jolieville" }).click();
    // On a phone, what does not fit in the bar is one tap away under « Plus ».
    await page.getByRole("button", { name: "Plus" }).click();
    await page.getByRole("link", { name: "Factures" }).first().waitFor();

    // The front desk sees that every guardian now has an account, and why in the file's history.
    const agent = await newPage(browser);
    await signIn(agent, "agent@jolieville.test");
    await agent.goto("/jolieville/admin/familles");
    await agent.getByRole("link", { name: "Famille Martin" }).click();
    await agent.getByText("Chaque responsable a un compte.", { exact: false }).waitFor();
    await agent.getByText("Compte conjoint@recre.test rattaché (responsable Thomas Martin)").waitFor();
    await expectAccessible(agent);
  });
});
