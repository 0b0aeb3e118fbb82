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

/** The planning opens on the coming days; walk to December 2026 in the month view. */
const openDecember = (page: Page) => openPlanningMonth(page, "/jolieville/planning", "décembre 2026", "Cantine");

const cantine = (page: Page) => page.locator("section").filter({ has: page.getByRole("heading", { name: "Cantine", exact: true }) });
const mercredi = (page: Page) => page.locator("section").filter({ has: page.getByRole("heading", { name: "Mercredi loisirs" }) });

describe("a parent's planning", () => {
  it("books a month of canteen for two children in a few clicks, and sees why a day is disabled", async () => {
    const page = await newPage(browser);
    await signIn(page, "parent@recre.test");
    await openDecember(page);
    await expectAccessible(page);

    // Christmas holidays are visibly disabled, with the reason.
    await expect(cantine(page).getByText("mardi 22 décembre : Vacances scolaires : Vacances de Noël").count()).resolves.toBe(1);

    await cantine(page).getByLabel("Tout le mois").check();
    await page.getByRole("button", { name: "Chloé" }).click();
    await page.getByRole("heading", { name: "décembre 2026" }).waitFor();
    await cantine(page).getByLabel("Tout le mois").check();
    await page.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();

    const recap = page.getByRole("table", { name: "Récapitulatif des réservations validées" });
    await recap.waitFor();
    // 11 canteen days (Mon, Tue, Thu, Fri) in December 2026 before the holidays, for each child.
    await expect(recap.getByText("Réservé", { exact: true }).count()).resolves.toBe(22);
    await page.getByText("22 jours réservés").waitFor();
    await expectAccessible(page);
  });

  it("cancels one day before the deadline", async () => {
    const page = await newPage(browser);
    await signIn(page, "parent@recre.test");
    await openDecember(page);
    await cantine(page).getByRole("button", { name: /^jeudi 17 décembre, Cantine : .*Réservé/ }).click();
    await cantine(page).getByRole("button", { name: /^jeudi 17 décembre, Cantine : .*À annuler/ }).waitFor();
    await page.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    await page.getByRole("table", { name: "Récapitulatif des réservations validées" }).getByText("Annulé", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Revenir au planning" }).click();
    // Free again, with its price (Martin, QF 650: 2,10 €), never « Libre ».
    await cantine(page).getByRole("button", { name: /^jeudi 17 décembre, Cantine : .*2,10/ }).waitFor();
  });

  it("joins the waiting list of a full Wednesday", async () => {
    const page = await newPage(browser);
    await signIn(page, "parent@recre.test");
    await openDecember(page);
    await mercredi(page).getByRole("button", { name: /^mercredi 16 décembre, Mercredi loisirs : .*Complet/ }).click();
    await page.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    const recap = page.getByRole("table", { name: "Récapitulatif des réservations validées" });
    await recap.waitFor();
    await recap.getByText("Liste d'attente").waitFor();
    await page.getByRole("button", { name: "Revenir au planning" }).click();
    await mercredi(page).getByRole("button", { name: /^mercredi 16 décembre, Mercredi loisirs : .*Liste d'attente \(1er\)/ }).waitFor();
  });

  it("shows the week on a phone, with full reasons", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "parent@recre.test");
    await page.goto("/jolieville/planning");
    await page.getByRole("button", { name: "Semaine", exact: true, pressed: true }).waitFor();
    await cantine(page).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });

  it("keeps the month grid and the recap readable on a phone", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "parent@recre.test");
    await openDecember(page);
    await page.getByRole("button", { name: "Chloé" }).click();
    await mercredi(page).getByRole("button", { name: /^mercredi 16 décembre, Mercredi loisirs : .*Complet/ }).click();
    await mercredi(page).getByRole("button", { name: /^mercredi 16 décembre, Mercredi loisirs : .*En attente/ }).waitFor();
    // Every label stays inside its day (« Liste d'attente demandée » used to spill out of a 55 px cell; it reads « En attente » there now).
    const spilling = await page.locator("section table").evaluateAll((tables) =>
      tables
        .flatMap((table) => [...table.querySelectorAll("td > *")])
        .filter((cell) => {
          const box = cell.getBoundingClientRect();
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            if (text.parentElement?.closest(".sr-only")) continue; // read by screen readers only, clipped to 1 px
            const range = document.createRange();
            range.selectNodeContents(text);
            for (const r of range.getClientRects()) if (r.width && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) return true;
          }
          return false;
        })
        .map((cell) => cell.textContent),
    );
    expect(spilling).toEqual([]);
    await expectAccessible(page);
    await mercredi(page).getByRole("button", { name: /^mercredi 16 décembre, Mercredi loisirs : .*En attente/ }).click();

    // Not the 9th: the admin journey closes it (no places left) before this one runs.
    await mercredi(page).getByRole("button", { name: /^mercredi 2 décembre, Mercredi loisirs : / }).click();
    await page.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    const recap = page.getByRole("table", { name: "Récapitulatif des réservations validées" });
    await recap.waitFor();
    await page.getByText("1 jour réservé.").waitFor();
    // The amount and the result are on screen, not in a column to scroll to.
    const recapOverflow = await recap.evaluate((table) => table.scrollWidth - table.parentElement!.clientWidth);
    expect(recapOverflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });
});
