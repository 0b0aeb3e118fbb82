import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn } from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const card = (page: Page, title: string) => page.locator("section").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

describe("the school calendar page", () => {
  it("says how many bookings a closure would cancel before saving it, and saves one that cancels none", async () => {
    const page = await newPage(browser);
    await signIn(page, "admin@jolieville.test");
    await page.goto("/jolieville/admin/calendrier");
    await expectAccessible(page);
    const add = card(page, "Ajouter une période / un jour de fermeture");
    // Tom has the only place at the Wednesday club on 16 December (other journeys may book more that day).
    await add.getByLabel("Libellé").fill("Sortie pédagogique");
    await add.getByLabel("Date de début").fill("2026-12-16");
    await add.getByRole("button", { name: "Ajouter" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Des réservations seront annulées" });
    await dialog.getByText(/\d+ réservations?.* (sera|seront) annulées?/).waitFor();
    await expectAccessible(page);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Ajouter et annuler ces réservations");
    await dialog.getByRole("button", { name: "Ne rien changer" }).click();
    await expect(dialog.count()).resolves.toBe(0);
    await expect(page.getByRole("row", { name: /Sortie pédagogique/ }).count()).resolves.toBe(0);

    await add.getByLabel("Date de début").fill("2027-06-11");
    await add.getByRole("button", { name: "Ajouter" }).click();
    await add.getByText("« Sortie pédagogique » ajouté au calendrier.").waitFor();
    const row = page.getByRole("row", { name: /Sortie pédagogique/ });
    await row.getByRole("button", { name: "Supprimer « Sortie pédagogique »" }).click();
    const question = page.getByRole("alertdialog", { name: "Supprimer « Sortie pédagogique » ?" });
    await expectAccessible(page);
    await question.getByRole("button", { name: "Supprimer", exact: true }).click();
    await page.getByText("« Sortie pédagogique » a été supprimé du calendrier.").waitFor();
  });

  it("edits a school year, refusing an end that would leave a booking outside it", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "admin@jolieville.test");
    await page.goto("/jolieville/admin/calendrier");
    await page.getByText("Modifier l'année 2026-2027").click();
    const years = card(page, "Années scolaires");
    const edit = years.locator("form").filter({ has: page.getByRole("button", { name: "Enregistrer l'année" }) });
    await edit.getByLabel("Date de fin").fill("2026-12-10");
    await edit.getByRole("button", { name: "Enregistrer l'année" }).click();
    // Bookings after 10 December: at least Tom's Wednesday; other journeys may have booked more.
    await edit.getByText(/Date de fin : \d+ réservations? tomb(e|ent) après la fin de l'année ainsi modifiée \(la dernière le \d+ \S+ 202\d\)/).waitFor();
    await expectAccessible(page);
    await edit.getByLabel("Date de fin").fill("2027-07-02");
    await edit.getByLabel("Libellé").fill("2026-2027");
    await edit.getByRole("button", { name: "Enregistrer l'année" }).click();
    await edit.getByText("Année 2026-2027 enregistrée.").waitFor();
  });

  it("switches the commune to the Alsace-Moselle public holidays and back", async () => {
    const page = await newPage(browser);
    await signIn(page, "admin@jolieville.test");
    await page.goto("/jolieville/admin/calendrier");
    const settings = card(page, "Zone, fuseau horaire et jours fériés");
    await settings.getByText("Europe/Paris").waitFor();
    await settings.getByLabel("Jours fériés appliqués").selectOption("FR-57");
    await settings.getByRole("button", { name: "Enregistrer" }).click();
    await settings.getByText("Jours fériés : Moselle.").waitFor();
    const holidays = card(page, "Jours fériés — 2026-2027");
    await holidays.getByRole("rowheader", { name: "Vendredi saint" }).waitFor();
    await holidays.getByRole("rowheader", { name: "Lendemain de Noël" }).waitFor();
    await settings.getByLabel("Jours fériés appliqués").selectOption("FR");
    await settings.getByRole("button", { name: "Enregistrer" }).click();
    await settings.getByText("Jours fériés : Métropole.").waitFor();
    await holidays.getByRole("rowheader", { name: "Vendredi saint" }).waitFor({ state: "detached" });
  });
});

describe("the platform console", () => {
  it("offers the public-holiday region when a commune is opened, following an overseas zone", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "operateur@recre.test");
    await page.goto("/plateforme");
    await page.getByLabel("Zone de vacances scolaires").selectOption("La Réunion");
    await expect(page.getByLabel("Jours fériés").inputValue()).resolves.toBe("FR-RE");
    await expect(page.getByLabel("Fuseau horaire").inputValue()).resolves.toBe("Indian/Reunion");
    await page.getByLabel("Zone de vacances scolaires").selectOption("B");
    await expect(page.getByLabel("Jours fériés").inputValue()).resolves.toBe("FR");
    await page.getByLabel("Jours fériés").selectOption("FR-57");
    await expectAccessible(page);
  });
});
