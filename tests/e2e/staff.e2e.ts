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

describe("the front desk and the site agent", () => {
  it("the front desk books a child for today past the deadline, with a reason", async () => {
    const page = await newPage(browser);
    await signIn(page, "agent@jolieville.test");
    await page.goto("/jolieville/admin/familles");
    await page.getByRole("link", { name: "Famille Durand" }).click();
    await page.getByRole("link", { name: "Réserver pour cette famille" }).click();
    await page.getByRole("heading", { name: "Mercredi loisirs" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Semaine", exact: true }).click();
    await page.getByRole("button", { name: "Période précédente" }).click();
    const mercredi = page.locator("section").filter({ has: page.getByRole("heading", { name: "Mercredi loisirs" }) });
    // Past the deadline: not bookable until a reason is given.
    await mercredi.getByText(/Délai dépassé/).first().waitFor();
    await page.getByLabel(/Motif de dérogation/).fill("Appel de la famille ce matin");
    await mercredi.getByRole("button", { name: /^mercredi 25 novembre, Mercredi loisirs : / }).click();
    await page.getByRole("button", { name: "Valider et terminer" }).click();
    const recap = page.getByRole("table", { name: "Récapitulatif des réservations validées" });
    await recap.waitFor();
    await recap.getByText("Réservé", { exact: true }).waitFor();
  });

  it("the site agent takes attendance on a phone", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "animateur@jolieville.test");
    await page.goto("/jolieville/site");
    await page.getByRole("link", { name: /Accueil de loisirs Jules Verne/ }).click();
    const tom = page.getByRole("group", { name: "Pointage de Tom Durand" });
    await tom.waitFor();
    await expectAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await tom.getByRole("button", { name: /Présent/ }).first().click();
    await expect
      .poll(() => tom.getByRole("button", { name: /Présent/ }).first().getAttribute("aria-pressed"), { timeout: 10_000 })
      .toBe("true");
    await page.reload();
    await page.getByRole("group", { name: "Pointage de Tom Durand" }).getByRole("button", { name: /Présent/, pressed: true }).first().waitFor();
  });

  it("the front desk books then cancels past the deadline, and the family file lists both derogations", async () => {
    const page = await newPage(browser);
    await signIn(page, "agent@jolieville.test");
    await page.goto("/jolieville/admin/familles");
    await page.getByRole("link", { name: "Famille Durand" }).click();
    await page.getByRole("link", { name: "Réserver pour cette famille" }).click();
    await page.getByRole("button", { name: "Semaine", exact: true }).click();
    await page.getByRole("button", { name: "Période précédente" }).click();
    const cantine = page.locator("section").filter({ has: page.getByRole("heading", { name: "Cantine", exact: true }) });
    // Yesterday: past its deadline whatever rule the admin journey left on the canteen.
    await page.getByLabel(/Motif de dérogation/).fill("Oubli signalé au guichet");
    await cantine.getByRole("button", { name: /^mardi 24 novembre, Cantine : / }).click();
    await page.getByRole("button", { name: "Valider et terminer" }).click();
    await page.getByRole("table", { name: "Récapitulatif des réservations validées" }).getByText("Réservé", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Revenir au planning" }).click();
    await page.getByLabel(/Motif de dérogation/).fill("Enfant malade, appel du père");
    await cantine.getByRole("button", { name: /^mardi 24 novembre, Cantine : .*Réservé/ }).click();
    await page.getByRole("button", { name: "Valider et terminer" }).click();
    await page.getByRole("table", { name: "Récapitulatif des réservations validées" }).getByText("Annulé", { exact: true }).waitFor();

    await page.goto("/jolieville/admin/familles");
    await page.getByRole("link", { name: "Famille Durand" }).click();
    const list = page.locator("section").filter({ has: page.getByRole("heading", { name: "Dérogations" }) });
    await list.getByText("Motif : Enfant malade, appel du père").waitFor();
    await list.getByText("Motif : Oubli signalé au guichet").waitFor();
    await expect(list.getByText("Sophie Garnier", { exact: false }).count()).resolves.toBeGreaterThanOrEqual(2);
    await expectAccessible(page);
  });
});
