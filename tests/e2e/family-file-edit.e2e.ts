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

describe("the family file, editable", () => {
  it("a parent adds an allergy (pending), the front desk accepts it, the site agent sees it and the guardians' phones", { timeout: 300_000 }, async () => {
    const parent = await newPage(browser, 375);
    await signIn(parent, "voisin@recre.test");
    await parent.goto("/jolieville/dossier");
    await parent.getByRole("heading", { name: "Mon dossier", level: 1 }).waitFor();
    await parent.getByRole("link", { name: /Tom Durand/ }).click();
    await parent.waitForURL("**/jolieville/dossier/enfants/**");
    await parent.getByRole("heading", { name: "Tom Durand", level: 1 }).waitFor();
    await parent.getByRole("button", { name: "Ajouter une allergie" }).click();
    await parent.getByLabel("Allergène").last().fill("Kiwi");
    await parent.getByLabel("Gravité").last().selectOption("legere");
    await parent.getByLabel("Précisions (réaction, conduite à tenir)").last().fill("Démangeaisons");
    const allergies = parent.locator("form").filter({ has: parent.getByRole("heading", { name: "Allergies" }) });
    await allergies.getByRole("button", { name: "Enregistrer" }).click();
    await parent.getByText("la modification est en attente de validation").waitFor();
    await parent.getByText(/Demandé : Kiwi \(légère\)/).first().waitFor();
    await expectAccessible(parent);

    const agent = await newPage(browser);
    await signIn(agent, "agent@jolieville.test");
    await agent.goto("/jolieville/admin/modifications");
    const change = agent.getByRole("listitem").filter({ hasText: "Famille Durand" }).filter({ hasText: "Kiwi (légère)" });
    await change.waitFor();
    await change.getByRole("button", { name: "Accepter" }).click();
    await agent.getByText("Modification acceptée : la famille est prévenue.").waitFor();

    // The parent's file no longer shows it as pending.
    await parent.reload();
    expect(await parent.getByText(/Demandé : /).count()).toBe(0);
    await expect.poll(async () => parent.getByLabel("Allergène").first().inputValue()).toBe("Kiwi");

    const animateur = await newPage(browser, 375);
    await signIn(animateur, "animateur@jolieville.test");
    await animateur.goto("/jolieville/site");
    await animateur.getByRole("link", { name: "Liste et pointage : Accueil de loisirs Jules Verne" }).click();
    await animateur.waitForURL("**/jolieville/site/**");
    const tom = animateur.getByRole("listitem").filter({ has: animateur.getByRole("heading", { name: "Tom Durand" }) });
    // Tom is enrolled in the Wednesday club; not booked today, the agent points him present without booking.
    if ((await tom.count()) === 0) {
      await animateur.getByRole("button", { name: "+ Présent sans réservation" }).click();
      const select = animateur.getByLabel(/Enfant inscrit, sans réservation ce jour/);
      const option = select.locator("option", { hasText: "Durand Tom" });
      await option.waitFor({ state: "attached" });
      expect(await option.textContent()).toContain("Kiwi (légère)");
      await select.selectOption((await option.getAttribute("value"))!);
      await animateur.getByRole("button", { name: "Ajouter comme présent" }).click();
    }
    await tom.getByText(/Allergies : .*Kiwi \(légère\)/).waitFor();
    const call = tom.getByRole("link", { name: "Appeler Marc Durand au 07 11 22 33 44" });
    expect(await call.getAttribute("href")).toBe("tel:0711223344");
  });
});
