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

/** The household's balance as the statement shows it, in signed cents (negative: credit on the family account). */
async function statementBalance(page: Page): Promise<number> {
  const text = await page.getByText(/^(Solde dû|Crédit sur le compte famille|Solde) :/).first().innerText();
  const amount = /(\d[\d\s\u202f\u00a0]*),(\d{2})/.exec(text)!;
  const cents = Number(amount[1]!.replace(/[\s\u202f\u00a0]/g, "")) * 100 + Number(amount[2]);
  return text.startsWith("Crédit") ? -cents : cents;
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `défilement horizontal sur ${page.url()}`).toBeLessThanOrEqual(0);
}

async function openMartin(page: Page) {
  await page.goto("/jolieville/admin/familles");
  await page.getByRole("link", { name: "Famille Martin" }).click();
  await page.getByRole("heading", { name: "Factures et avoirs" }).waitFor();
}

describe("credit notes at the front desk", () => {
  it("an agent opens a family's invoice, downloads it, issues an avoir; the statement shows it and the lower balance", async () => {
    const page = await newPage(browser);
    await signIn(page, "agent@jolieville.test");
    await openMartin(page);
    const before = await statementBalance(page);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Facture 2026-000001" }).click();
    await page.getByRole("heading", { level: 1, name: /^Facture 2026-000001/ }).waitFor();
    await page.getByRole("table", { name: "Lignes de la facture 2026-000001" }).waitFor();
    await expectAccessible(page);

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Télécharger la facture (PDF)" }).click();
    expect((await download).suggestedFilename()).toMatch(/2026-000001.*\.pdf$/);

    const submit = page.getByRole("button", { name: "Émettre l'avoir" });
    const amount = page.getByLabel("Montant de l'avoir (€)");
    const reason = page.getByLabel("Motif", { exact: true });

    // Nothing typed: both fields say what is wrong, in French, next to them.
    await submit.click();
    await page.getByText("Motif : le motif est obligatoire").waitFor();
    await page.getByText(/^Montant : saisissez un montant en euros/).waitFor();
    expect(await amount.getAttribute("aria-invalid")).toBe("true");

    // More than the invoice billed: the server's refusal is shown on the amount.
    await amount.fill("100");
    await reason.fill("Repas non servi le 12 novembre");
    await submit.click();
    await page.getByText(/Le montant dépasse ce qui reste à créditer sur cette facture/).waitFor();
    await expectAccessible(page);

    await amount.fill("2,50");
    await submit.click();
    // Asked first, in the page's own dialog: Escape goes back to the form with nothing issued.
    const question = page.getByRole("alertdialog", { name: /^Émettre un avoir de 2,50\s€ \?$/ });
    await question.getByText(/Sur la facture 2026-000001, motif « Repas non servi le 12 novembre »/).waitFor();
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await expect(question.count()).resolves.toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Émettre l'avoir");
    await submit.click();
    await question.getByRole("button", { name: "Émettre l'avoir" }).click();
    const done = page.getByRole("status").filter({ hasText: /^Avoir AV-2026-\d{6} émis : 2,50/ });
    await done.waitFor();
    const number = /AV-2026-\d{6}/.exec(await done.innerText())![0];
    await page.getByRole("table", { name: "Avoirs émis sur la facture 2026-000001" }).getByRole("cell", { name: number }).waitFor();

    await done.getByRole("link", { name: "Voir le relevé de compte" }).click();
    const statement = page.getByRole("table", { name: "Relevé de compte" });
    await statement.getByRole("cell", { name: `Avoir ${number} — Repas non servi le 12 novembre` }).waitFor();
    await page.getByRole("table", { name: "Avoirs de la famille" }).getByRole("cell", { name: new RegExp(number) }).waitFor();
    expect(await statementBalance(page)).toBe(before - 250);
  });

  it("fits a phone: the family page and the invoice page scroll no wider than the screen", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "agent@jolieville.test");
    await openMartin(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole("link", { name: "Facture 2026-000001" }).click();
    await page.getByRole("heading", { name: "Émettre un avoir" }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  });
});
