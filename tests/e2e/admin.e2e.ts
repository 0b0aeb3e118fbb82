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

async function openActivity(page: Page, name: string) {
  await page.goto("/jolieville/admin/activites");
  await page.getByRole("link", { name, exact: true }).first().click();
  await page.getByRole("heading", { name: "Capacité par jour" }).waitFor();
}

const parentPlanning = (page: Page, month: "novembre 2026" | "décembre 2026") => openPlanningMonth(page, "/jolieville/planning", month, "Cantine");

describe("the commune admin", () => {
  it("changes a day's capacity and a deadline, and the parents' planning obeys at once", async () => {
    const parent = await newPage(browser);
    await signIn(parent, "parent@recre.test");
    await parentPlanning(parent, "décembre 2026");
    const mercredi = parent.locator("section").filter({ has: parent.getByRole("heading", { name: "Mercredi loisirs" }) });
    await mercredi.getByRole("button", { name: /^mercredi 9 décembre, Mercredi loisirs : .*24 places/ }).waitFor();
    await parentPlanning(parent, "novembre 2026");
    const cantine = parent.locator("section").filter({ has: parent.getByRole("heading", { name: "Cantine", exact: true }) });
    await cantine.getByText("lundi 30 novembre : Délai dépassé", { exact: false }).waitFor();

    const admin = await newPage(browser);
    await signIn(admin, "admin@jolieville.test");
    await openActivity(admin, "Mercredi loisirs");
    await admin.goto(`${admin.url().split("?")[0]}?mois=2026-12`);
    await admin.getByRole("button", { name: "Modifier le mercredi 9 décembre" }).click();
    await admin.getByLabel("Places le mercredi 9 décembre").fill("0");
    await admin.getByRole("form", { name: "Capacité du mercredi 9 décembre" }).getByRole("button", { name: "Enregistrer" }).click();
    await admin.getByText("Enregistré.").waitFor();
    await expectAccessible(admin);

    // Closing a booked day asks first, in the page (Tom has the place on 16 December; another journey may have joined its waiting list), and Escape changes nothing.
    await admin.getByRole("button", { name: "Modifier le mercredi 16 décembre" }).click();
    const sixteenth = admin.getByRole("form", { name: "Capacité du mercredi 16 décembre" });
    await sixteenth.getByLabel("Fermer ce jour (aucune réservation possible)").check();
    await sixteenth.getByRole("button", { name: "Enregistrer" }).click();
    const dialog = admin.getByRole("alertdialog", { name: "Des réservations seront annulées" });
    await dialog.getByText(/^Fermer ce jour : \d+ réservations?.* (sera|seront) annulées?\./).waitFor();
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe("Fermer ce jour et annuler ces réservations");
    await expectAccessible(admin);
    await admin.keyboard.press("Escape");
    await expect(dialog.count()).resolves.toBe(0);
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe("Enregistrer");
    await expect(admin.getByRole("row", { name: /mercredi 16 décembre/ }).getByText("Fermé", { exact: true }).count()).resolves.toBe(0);

    await openActivity(admin, "Cantine");
    await admin.getByLabel("Nombre de jours avant").first().fill("1");
    await admin.getByRole("button", { name: "Enregistrer les modifications" }).click();
    await admin.getByText(/jusqu'à la veille, 23h59/).first().waitFor();

    await parentPlanning(parent, "novembre 2026");
    // Bookable again: the day shows its price (no longer « Délai dépassé »).
    await cantine.getByRole("button", { name: /^lundi 30 novembre, Cantine : .*\d+,\d\d\s€/ }).waitFor();
    await parentPlanning(parent, "décembre 2026");
    await mercredi.getByRole("button", { name: /^mercredi 9 décembre, Mercredi loisirs : .*Complet/ }).waitFor();
  });
});
