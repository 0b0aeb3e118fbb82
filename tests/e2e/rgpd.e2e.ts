import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn } from "./harness";

// Issue #12, RGPD rights: a family of its own (created here, so no other journey's family is erased).
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// A new address each run: a journey run twice against the same server still invites a new account.
const EMAIL = `rgpd.parent.${Date.now()}@exemple.test`;
const PASSWORD = "une phrase assez longue pour rgpd";

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

/** The JSON file inside the exported ZIP (read through the archive's central directory). */
function jsonIn(zipPath: string): Record<string, unknown> {
  const buf = readFileSync(zipPath);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i++) {
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if (name === "donnees.json") {
      const local = buf.readUInt32LE(at + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const body = buf.subarray(start, start + buf.readUInt32LE(at + 20));
      return JSON.parse((buf.readUInt16LE(at + 10) === 8 ? inflateRawSync(body) : body).toString("utf8"));
    }
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  throw new Error("donnees.json absent de l'archive");
}

describe("RGPD rights", () => {
  let reference = "";

  it("a new parent opens an account, and the front desk opens their family file with that address", { timeout: 180_000 }, async () => {
    const page = await newPage(browser);
    await page.goto("/inscription");
    await page.getByLabel("Adresse e-mail").fill(EMAIL);
    await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByText("un e-mail vient d'être envoyé à cette adresse", { exact: false }).waitFor();
    await page.goto(await linkFromMailbox(page, /Confirmez votre adresse/, "/inscription/confirmer"));
    await page.getByRole("button", { name: "Confirmer mon adresse et ouvrir mon compte" }).click();
    await page.getByText("est confirmée et votre compte est ouvert", { exact: false }).waitFor();

    const agent = await newPage(browser);
    await signIn(agent, "agent@jolieville.test");
    await agent.goto("/jolieville/admin/familles/nouvelle");
    await agent.getByLabel("Nom du foyer").fill("Famille Oubli");
    await agent.getByLabel("Adresse", { exact: true }).fill("7 allée des Peupliers");
    await agent.getByLabel("Prénom").first().fill("Agathe");
    await agent.getByLabel("Nom", { exact: true }).first().fill("Oubli");
    await agent.getByLabel("Adresse e-mail").first().fill(EMAIL);
    await agent.getByRole("button", { name: "Ajouter un enfant" }).click();
    const child = agent.locator("section").filter({ has: agent.getByRole("heading", { name: "Enfant 1" }) });
    await child.getByLabel("Prénom").fill("Basile");
    await child.getByLabel("Date de naissance").fill("2018-04-12");
    await child.getByLabel("Allergies").fill("Kiwi");
    await agent.getByRole("button", { name: "Créer le dossier" }).click();
    const created = agent.getByRole("heading", { name: /Dossier JOL-\d+ créé/ });
    await created.waitFor();
    reference = /JOL-\d+/.exec((await created.textContent()) ?? "")![0];
  });

  it("the parent downloads everything held on the household, then asks for erasure (at 375 px)", { timeout: 180_000 }, async () => {
    const page = await newPage(browser, 375);
    await signIn(page, EMAIL, PASSWORD);
    await page.goto("/jolieville/mes-donnees");
    await page.getByRole("heading", { name: "Mes données", level: 1 }).waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Télécharger mes données" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`recre-donnees-${reference}.zip`);
    const data = jsonIn((await file.path())!);
    expect(data.household).toMatchObject({ reference, name: "Famille Oubli" });
    expect(JSON.stringify(data.children)).toContain("Kiwi");
    expect(JSON.stringify(data)).not.toMatch(/Durand|JOL-00057|Chloé/);

    await page.getByRole("button", { name: "Demander l'effacement de mes données" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Demander l'effacement de vos données ?" });
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Demander l'effacement" }).click();
    await page.getByText("Votre demande d'effacement est enregistrée", { exact: false }).waitFor();
    await page.reload();
    await page.getByText("est en cours de traitement", { exact: false }).waitFor();
  });

  it("the admin is told, processes the request, and finds the export and the erasure in the journal", { timeout: 180_000 }, async () => {
    const page = await newPage(browser);
    await signIn(page, "admin@jolieville.test");
    await page.goto("/dev/mail");
    await page.getByRole("link", { name: /Demande d'effacement de données — Jolieville/ }).first().waitFor();

    await page.goto("/jolieville/admin/rgpd");
    await page.getByRole("button", { name: `Effacer le dossier ${reference}` }).click();
    const dialog = page.getByRole("alertdialog", { name: `Effacer le dossier ${reference} ?` });
    await dialog.getByRole("button", { name: "Effacer définitivement" }).click();
    await page.getByText(`Famille effacée n° ${reference}`).first().waitFor();
    await page.getByText(/^Effacée le /).first().waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Voir le journal des actions sur les dossiers" }).click();
    await page.waitForURL(/\/admin\/journal/);
    await page.getByLabel("Famille").selectOption({ label: `${reference} — Famille effacée n° ${reference}` });
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/famille=/);
    const table = page.getByRole("region", { name: "Actions enregistrées" });
    await table.getByText("Effacement des données (RGPD)").waitFor();
    await table.getByText("Demande d'effacement (RGPD)").waitFor();
    await table.getByText("Export des données (RGPD)").waitFor();

    // The family's account no longer opens the file.
    const parent = await newPage(browser);
    await signIn(parent, EMAIL, PASSWORD);
    const answer = await parent.goto("/jolieville/mes-donnees");
    expect(answer?.status()).toBe(404);
  });

  it("the journal is the admins' only", async () => {
    const page = await newPage(browser);
    await signIn(page, "agent@jolieville.test");
    const answer = await page.goto("/jolieville/admin/journal");
    expect(answer?.status()).toBe(404);
  });
});
