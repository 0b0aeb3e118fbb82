import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, expectFitsScreen, launchBrowser, newPage, signIn } from "./harness";

// Named to run last: the families it creates and imports would change the counts other journeys read.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The newest e-mail whose subject matches, from the local mailbox: the first link it holds to `pathPart`. */
async function linkFromMailbox(page: Page, subject: RegExp, pathPart: string) {
  await page.goto("/dev/mail");
  await page.getByRole("link", { name: subject }).first().click();
  await page.waitForURL(/\/dev\/mail\?id=/);
  const html = await page.locator("iframe").getAttribute("srcdoc");
  const link = new RegExp(`href="([^"]*${pathPart}[^"]*)"`).exec(html ?? "")?.[1]?.replaceAll("&amp;", "&");
  expect(link).toBeTruthy();
  return link!;
}

describe("families in", () => {
  it("a new parent creates an account on /inscription, confirms the address by the e-mailed link, signs in and is told what to do next", async () => {
    const page = await newPage(browser, 375);
    await page.goto("/connexion");
    await page.getByRole("link", { name: "Créer un compte" }).click();
    await page.waitForURL(/\/inscription$/);
    await page.getByLabel("Adresse e-mail").fill("nouveau.parent@exemple.test");
    await page.getByLabel("Mot de passe", { exact: true }).fill("une phrase assez longue");
    await page.getByLabel("Confirmez le mot de passe").fill("une phrase assez longue");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByText("un e-mail vient d'être envoyé à cette adresse", { exact: false }).waitFor();
    await expectAccessible(page);
    await expectFitsScreen(page);

    await page.goto(await linkFromMailbox(page, /Confirmez votre adresse/, "/inscription/confirmer"));
    await page.getByRole("button", { name: "Confirmer mon adresse et ouvrir mon compte" }).click();
    await page.getByText("est confirmée et votre compte est ouvert", { exact: false }).waitFor();
    await expectAccessible(page);
    await signIn(page, "nouveau.parent@exemple.test", "une phrase assez longue");
    await page.goto("/compte");
    await page.getByText("Aucun dossier famille n'est encore rattaché à votre compte", { exact: false }).waitFor();
    await page.getByText("préinscrivez-vous en ligne", { exact: false }).waitFor();
  });

  it("an admin invites a site agent for one site; the invitation waits until activated", async () => {
    const page = await newPage(browser);
    await signIn(page, "admin@jolieville.test");
    await page.goto("/jolieville/admin/equipe");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Envoyer l'invitation" }) });
    await form.getByLabel("Nom et prénom").fill("Inès Cantine");
    await form.getByLabel("Adresse e-mail").fill("ines.cantine@jolieville.test");
    await form.getByLabel("Rôle").selectOption("site_agent");
    await form.getByLabel("Restaurant scolaire Jules Ferry").check();
    await form.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await page.getByText("Invitation envoyée à ines.cantine@jolieville.test.").waitFor();
    const row = page.getByRole("listitem").filter({ hasText: "ines.cantine@jolieville.test" });
    await row.getByText("Invitation en attente").waitFor();
    await row.getByText("Sites : Restaurant scolaire Jules Ferry").waitFor();
    await expectAccessible(page);

    // The last admin cannot leave.
    const me = page.getByRole("listitem").filter({ hasText: "admin@jolieville.test" });
    await me.getByRole("button", { name: "Quitter l'équipe" }).click();
    await me.getByRole("button", { name: "Oui, retirer" }).click();
    await me.getByText("La commune doit garder au moins un administrateur", { exact: false }).waitFor();
  });

  it("the front desk creates a family with a child and gets the code to print", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "agent@jolieville.test");
    await page.goto("/jolieville/admin/familles");
    await page.getByRole("link", { name: "Nouvelle famille" }).click();
    await page.getByLabel("Nom du foyer").fill("Famille Lambert");
    await page.getByLabel("Prénom").first().fill("Nora");
    await page.getByLabel("Nom", { exact: true }).first().fill("Lambert");
    await page.getByLabel("Accès au portail").selectOption("code");
    await page.getByRole("button", { name: "Ajouter un enfant" }).click();
    const child = page.locator("section").filter({ has: page.getByRole("heading", { name: "Enfant 1" }) });
    await child.getByLabel("Prénom").fill("Jules");
    await child.getByLabel("Date de naissance").fill("2030-01-01");
    await page.getByRole("button", { name: "Créer le dossier" }).click();
    await page.getByText("la date de naissance ne peut pas être dans le futur", { exact: false }).first().waitFor();
    await child.getByLabel("Date de naissance").fill("2019-06-01");
    await page.getByRole("button", { name: "Créer le dossier" }).click();
    await page.getByRole("heading", { name: /Dossier JOL-\d+ créé/ }).waitFor();
    await page.getByText(/[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/).waitFor();
    await expectAccessible(page);
    await expectFitsScreen(page);
  });

  it("an admin imports the sample CSV after a preview; importing it again creates nothing", async () => {
    const page = await newPage(browser);
    await signIn(page, "admin@jolieville.test");
    await page.goto("/jolieville/admin/familles");
    await page.getByRole("link", { name: "Importer un fichier CSV" }).click();
    const sample = path.resolve(__dirname, "../../docs/import-familles-exemple.csv");
    await page.getByLabel("Fichier CSV").setInputFiles(sample);
    await page.getByText("Familles : 2 à créer", { exact: false }).waitFor();
    await page.getByText("Aucune erreur : le fichier peut être importé.").waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Importer" }).click();
    await page.getByRole("heading", { name: "Import terminé" }).waitFor();
    await page.getByText("Familles : 2 créées", { exact: false }).waitFor();

    await page.goto("/jolieville/admin/familles/import");
    await page.getByLabel("Fichier CSV").setInputFiles(sample);
    await page.getByText("Familles : 0 à créer, 0 à mettre à jour, 2 inchangées", { exact: false }).waitFor();
  });
});
