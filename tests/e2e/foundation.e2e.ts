import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, expectAccessible, launchBrowser, newPage, signIn } from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a parent with families in two communes", () => {
  it("signs in and sees both communes on /compte, then the family file of one", async () => {
    const page = await newPage(browser);
    await signIn(page, "parent@recre.test");
    expect(new URL(page.url()).pathname).toBe("/compte");
    const communes = page.getByRole("list", { name: "Mes communes" });
    await communes.getByRole("heading", { name: "Jolieville" }).waitFor();
    await communes.getByRole("heading", { name: "Val-Fleuri" }).waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Accéder à Jolieville" }).click();
    await page.waitForURL(`${BASE_URL}/jolieville`);
    await page.getByText("Sarah Martin").waitFor();
    await page.getByText("Chloé Martin").waitFor();
    await page.getByText("Allergie : Arachide").waitFor();
    await expectAccessible(page);
  });

  it("is readable on a 375 px phone", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "parent@recre.test");
    await page.goto("/val-fleuri");
    await page.getByText("Louise Martin").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });

  it("shows the operator console on a phone without sideways scrolling", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "operateur@recre.test");
    // An operator without a commune of their own lands on the console.
    expect(new URL(page.url()).pathname).toBe("/plateforme");
    // goto checks the width itself (harness): the table of communes scrolls inside its card.
    await page.goto("/plateforme");
    await page.getByRole("heading", { name: "Ouvrir une nouvelle collectivité" }).waitFor();
  });
});

describe("access across communes", () => {
  it("gives Jolieville's admin a 404 on Val-Fleuri's admin pages", async () => {
    const page = await newPage(browser);
    await signIn(page, "admin@jolieville.test");
    // Staff of one commune, without a family file, land on its staff space.
    expect(new URL(page.url()).pathname).toBe("/jolieville/admin");
    const own = await page.goto("/jolieville/admin/familles");
    expect(own?.status()).toBe(200);
    await page.getByRole("link", { name: "Famille Durand" }).waitFor();
    await expectAccessible(page);
    const other = await page.goto("/val-fleuri/admin");
    expect(other?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page introuvable" }).waitFor();
    await expectAccessible(page);
  });

  it("gives a neighbour no way into the Martin family's commune pages", async () => {
    const page = await newPage(browser);
    await signIn(page, "voisin@recre.test");
    expect((await page.goto("/val-fleuri"))?.status()).toBe(404);
    expect((await page.goto("/jolieville/admin"))?.status()).toBe(404);
  });
});

describe("a suspended commune", () => {
  it("tells its families, naming the commune, and opens again once reactivated", async () => {
    const operator = await newPage(browser);
    await signIn(operator, "operateur@recre.test");
    await operator.goto("/plateforme");
    await operator.getByRole("button", { name: "Suspendre Val-Fleuri" }).click();
    await operator.getByRole("alertdialog", { name: "Suspendre le portail de Val-Fleuri ?" }).getByRole("button", { name: "Suspendre Val-Fleuri" }).click();
    const reactivate = operator.getByRole("button", { name: "Réactiver Val-Fleuri" });
    await reactivate.waitFor();
    try {
      const parent = await newPage(browser);
      await signIn(parent, "parent@recre.test");
      for (const path of ["/val-fleuri", "/val-fleuri/planning"]) {
        await parent.goto(path);
        await parent.getByRole("heading", { level: 1, name: "Val-Fleuri" }).waitFor();
        await parent.getByText("Le portail de cette commune est momentanément suspendu.").waitFor();
      }
      await parent.getByRole("link", { name: "Revenir à mon compte" }).waitFor();
    } finally {
      await reactivate.click();
      await operator.getByRole("button", { name: "Suspendre Val-Fleuri" }).waitFor();
    }
  });
});

describe("signing in", () => {
  it("names the problem on a wrong password, in French", async () => {
    const page = await newPage(browser);
    await page.goto("/connexion");
    await expectAccessible(page);
    const form = page.locator("form").filter({ has: page.getByLabel("Mot de passe", { exact: true }) });
    await form.getByLabel("Adresse e-mail").fill("agent@jolieville.test");
    await form.getByLabel("Mot de passe", { exact: true }).fill("pas-le-bon-mot-de-passe");
    await form.getByRole("button", { name: "Se connecter" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Adresse e-mail ou mot de passe incorrect" });
    await alert.waitFor();
    expect(await alert.isVisible()).toBe(true);
  });

  it("signs in with a magic link read from the local mailbox", async () => {
    const page = await newPage(browser);
    await page.goto("/connexion");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Recevoir un lien de connexion" }) });
    await form.getByLabel("Adresse e-mail").fill("voisin@recre.test");
    await form.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    await page.waitForURL(/\/connexion\/verifier/);
    await expectAccessible(page);
    await page.goto("/dev/mail");
    await page.getByRole("link", { name: /Votre lien de connexion/ }).first().click();
    await page.waitForURL(/\/dev\/mail\?id=/);
    const html = await page.locator("iframe").getAttribute("srcdoc");
    const link = /href="([^"]*\/api\/auth\/callback\/resend[^"]*)"/.exec(html ?? "")?.[1]?.replaceAll("&amp;", "&");
    expect(link).toBeTruthy();
    await page.goto(link!);
    await page.waitForURL(`${BASE_URL}/compte`);
    await page.getByRole("heading", { name: "Jolieville" }).waitFor();
  });
});
