import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, expectAccessible, launchBrowser, newPage, signIn } from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Navigation principale" });

/** Every destination of the main navigation, shown in the bar or not. */
async function destinations(page: Page): Promise<{ href: string; label: string }[]> {
  return page
    .locator('nav[aria-label="Navigation principale"] li[data-link] a')
    .evaluateAll((links) => links.map((a) => ({ href: a.getAttribute("href")!, label: a.textContent!.trim() })));
}

/** One tap: the link in the bar, or « Plus » then the link in its list. */
async function tap(page: Page, label: string) {
  const nav = mainNav(page);
  const inBar = nav.getByRole("link", { name: label, exact: true });
  if (await inBar.isVisible()) return inBar.click();
  const more = nav.getByRole("button", { name: "Plus" });
  await more.click();
  expect(await more.getAttribute("aria-expanded")).toBe("true");
  await nav.getByRole("link", { name: label, exact: true }).click();
}

async function everyDestinationInOneTap(email: string, start: string, width: number) {
  const page = await newPage(browser, width);
  await signIn(page, email);
  await page.goto(start);
  const all = await destinations(page);
  expect(all.length).toBeGreaterThan(3);
  for (const { href, label } of all) {
    await page.goto(start);
    await tap(page, label);
    await page.waitForURL(`${BASE_URL}${href}`);
    // Wherever it leads, the page's own current section is in view: in the commune's space, this very link.
    const current = mainNav(page).locator('a[aria-current="page"]');
    await current.waitFor({ state: "visible" });
    if (href.startsWith(start)) expect((await current.textContent())?.trim()).toBe(label);
  }
  await page.context().close();
}

describe("the main navigation", () => {
  for (const width of [375, 1280]) {
    it(`takes a parent anywhere in one tap at ${width} px, the current page in view`, { timeout: 240_000 }, async () => {
      await everyDestinationInOneTap("parent@recre.test", "/jolieville", width);
    });

    it(`takes an admin anywhere in one tap at ${width} px, the current page in view`, { timeout: 240_000 }, async () => {
      await everyDestinationInOneTap("admin@jolieville.test", "/jolieville/admin", width);
    });
  }

  it("lists what does not fit under « Plus », a disclosure closed by Escape, on one line at 1280 px", async () => {
    const page = await newPage(browser, 1280);
    await signIn(page, "admin@jolieville.test");
    await page.goto("/jolieville/admin");
    const bar = mainNav(page).locator("ul").first();
    const rows = await bar.locator(":scope > li:visible").evaluateAll((items) => new Set(items.map((li) => Math.round(li.getBoundingClientRect().top))).size);
    expect(rows).toBe(1);
    const more = mainNav(page).getByRole("button", { name: "Plus" });
    await more.click();
    await mainNav(page).getByRole("link", { name: "Équipe" }).waitFor();
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    expect(await mainNav(page).getByRole("link", { name: "Équipe" }).count()).toBe(0);
  });
});

describe.each([375, 1280])("everyday wording at %i px", (width) => {
  it("says a day with no child booked has no child expected, not « Personne à pointer »", async () => {
    const page = await newPage(browser, width);
    await signIn(page, "admin@jolieville.test");
    await page.goto("/jolieville/admin");
    // Wednesday 25 November: nobody booked the Wednesday club (the front desk books Tom later, in staff.e2e).
    await page.getByText("Aucun enfant attendu").first().waitFor();
    expect(await page.getByText("Personne à pointer").count()).toBe(0);
  });

  it("answers an empty commune identifier « champ obligatoire »", async () => {
    const page = await newPage(browser, width);
    await signIn(page, "operateur@recre.test");
    await page.goto("/plateforme");
    await page.getByLabel("Nom", { exact: true }).fill("Saint-Martin");
    await page.getByLabel("Identifiant dans l'adresse").fill("");
    await page.getByRole("button", { name: "Ouvrir la collectivité" }).click();
    const slug = page.getByLabel("Identifiant dans l'adresse");
    await expect.poll(() => slug.getAttribute("aria-invalid"), { timeout: 15_000 }).toBe("true");
    const describedBy = (await slug.getAttribute("aria-describedby")) ?? "";
    const said = await page.evaluate((ids) => ids.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "), describedBy);
    expect(said).toContain("champ obligatoire");
    expect(said).not.toContain("2 caractères");
  });

  it("calls a paid invoice « Payée » in the family's list, never « Réglée »", async () => {
    const page = await newPage(browser, width);
    await signIn(page, "parent@recre.test");
    await page.goto("/jolieville/factures");
    await page.getByText("Payée", { exact: true }).first().waitFor();
    expect(await page.getByText("Réglée", { exact: true }).count()).toBe(0);
  });

  it("lets a keyboard scroll the school calendar's tables (a phone's scroll regions)", async () => {
    const page = await newPage(browser, width);
    await signIn(page, "admin@jolieville.test");
    // axe (scrollable-region-focusable among its rules) runs on arrival.
    await page.goto("/jolieville/admin/calendrier");
    const region = page.getByRole("region", { name: /^Jours fériés de l'année scolaire/ }).first();
    expect(await region.getAttribute("tabindex")).toBe("0");
  });
});
