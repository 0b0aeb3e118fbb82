import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import sharp from "sharp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, openPlanningMonth, signIn } from "./harness";

/*
 * Issue 14's everyday points, each at a phone's width and a desktop's, axe run on every page reached
 * (harness) and after each change within a page. Bookings here are Tom's canteen days in December, Louise's held
 * days (removed again) and her two paid then cancelled days (17, 18 December: the credit the basket case spends), so the journeys that follow (reservations, staff) find the demo as they expect.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const section = (page: Page, heading: string) => page.locator("section").filter({ has: page.getByRole("heading", { name: heading, exact: true }) });
const bar = (page: Page) => page.getByRole("button", { name: "Valider et voir le récapitulatif" });

/** The text and image count of a downloaded PDF (poppler-utils), or null where it is not installed. */
async function pdfFacts(file: string): Promise<{ text: string; images: number } | null> {
  if (!existsSync("/usr/bin/pdftotext")) return null;
  const text = execFileSync("/usr/bin/pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
  const images = execFileSync("/usr/bin/pdfimages", ["-list", file]).toString("utf8").trim().split("\n").length - 2;
  return { text, images };
}

async function download(page: Page, name: RegExp | string) {
  const saved = page.waitForEvent("download");
  await page.getByRole("button", { name }).click();
  return (await saved).suggestedFilename();
}

for (const [width, day] of [
  [375, { tom: "vendredi 11 décembre", louise: "mardi 15 décembre", credit: "jeudi 17 décembre", tom2: "lundi 14 décembre" }],
  [1280, { tom: "jeudi 10 décembre", louise: "lundi 14 décembre", credit: "vendredi 18 décembre", tom2: "mardi 15 décembre" }],
] as const) {
  describe(`at ${width} px`, () => {
    it("a parent sees each day's price while booking, a running total only with changes, the child's name, then one summary e-mail per validation and « À facturer »", { timeout: 180_000 }, async () => {
      const page = await newPage(browser, width);
      await signIn(page, "voisin@recre.test");
      await openPlanningMonth(page, "/jolieville/planning", "décembre 2026", "Cantine");
      // One child: his name heads the planning; nothing pending: no bar at the foot of the screen.
      await page.getByRole("heading", { name: "Réservations de Tom" }).waitFor();
      expect(await bar(page).count()).toBe(0);
      expect(await page.getByText("Libre", { exact: true }).count()).toBe(0);
      // No QF on file: the canteen's highest bracket, 3,90 €.
      const cell = (dayLabel: string, state = "3,90") => section(page, "Cantine").getByRole("button", { name: new RegExp(`^${dayLabel}, Cantine : .*${state}`) });
      await cell(day.tom).click();
      await page.getByText(/1 modification à valider · total : 3,90\s€/).waitFor();
      await cell(day.tom2).click();
      await page.getByText(/2 modifications à valider · total : 7,80\s€/).waitFor();
      await expectAccessible(page);
      await bar(page).click();
      await page.getByRole("table", { name: "Récapitulatif des réservations validées" }).getByText("Réservé", { exact: true }).first().waitFor();
      await expectAccessible(page);
      // Then one of the two days cancelled: a second validation.
      await openPlanningMonth(page, "/jolieville/planning", "décembre 2026", "Cantine");
      await cell(day.tom2, "Réservé").click();
      await bar(page).click();
      await page.getByRole("table", { name: "Récapitulatif des réservations validées" }).getByText("Annulé", { exact: true }).waitFor();

      // One e-mail per validation, each listing its days (the newest first in the local mailbox).
      await page.goto("/dev/mail");
      const summaries = page.getByRole("link", { name: /^Vos réservations — Jolieville\s*À voisin@recre\.test/ });
      const mail = page.frameLocator("iframe[title^=\"Contenu de l'e-mail\"]");
      await summaries.first().click();
      await page.waitForURL(/\/dev\/mail\?id=/);
      await mail.getByText(new RegExp(`^${day.tom2} — Tom, Cantine : annulé`)).waitFor();
      expect(await mail.getByText(/Cantine : réservé/).count()).toBe(0);
      await summaries.nth(1).click();
      await mail.getByText(new RegExp(`^${day.tom} — Tom, Cantine : réservé`)).waitFor();
      await mail.getByText(new RegExp(`^${day.tom2} — Tom, Cantine : réservé`)).waitFor();
      await expectAccessible(page);

      for (const path of ["/jolieville/factures", "/jolieville/releve"]) {
        await page.goto(path);
        const toBill = section(page, "À facturer");
        // December's days go on December's invoice, or on January's once December's run is issued (billing journey).
        await toBill.getByText(/^Facture prévue vers le 27 (novembre|décembre) 2026$/).first().waitFor();
        await toBill.locator("summary").first().click();
        await expectAccessible(page);
      }
    });

    it("a parent's home shows, per commune, the next days, what is due, deadlines, what waits, and the e-mail preference", { timeout: 120_000 }, async () => {
      const page = await newPage(browser, width);
      await signIn(page, "voisin@recre.test");
      await page.goto("/compte");
      await page.getByRole("region", { name: "Prochains jours réservés à Jolieville" }).getByText(/Tom, Cantine/).first().waitFor();
      await page.getByRole("region", { name: "À régler à Jolieville" }).waitFor();
      await page.getByRole("region", { name: "Dates limites à Jolieville" }).getByText(/Réservations de décembre \(Cantine\) : jusqu'au/).waitFor();
      await page.getByRole("region", { name: "En attente à Jolieville" }).getByText("Inscription de Tom : Garderie du soir.").waitFor();
      const preference = page.getByRole("checkbox", { name: /Recevoir un e-mail récapitulatif/ });
      await preference.uncheck();
      await page.getByRole("button", { name: "Enregistrer mes préférences" }).click();
      await page.getByText("Vos préférences d'e-mails sont enregistrées.").waitFor();
      await expectAccessible(page);
      await page.reload();
      expect(await page.getByRole("checkbox", { name: /Recevoir un e-mail récapitulatif/ }).isChecked()).toBe(false);
      await page.getByRole("checkbox", { name: /Recevoir un e-mail récapitulatif/ }).check();
      await page.getByRole("button", { name: "Enregistrer mes préférences" }).click();
      await page.getByText("Vos préférences d'e-mails sont enregistrées.").waitFor();
    });

    it("in a basket commune the recap says what the basket will ask, a credit taken off", { timeout: 180_000 }, async () => {
      const page = await newPage(browser, width);
      await signIn(page, "parent@recre.test");
      // Its own credit first, whatever the journeys before spent: a day booked, paid, then cancelled in time.
      await openPlanningMonth(page, "/val-fleuri/planning", "décembre 2026", "Cantine");
      await section(page, "Cantine").getByRole("button", { name: new RegExp(`^${day.credit}, Cantine : .*3,60`) }).click();
      await bar(page).click();
      await page.getByRole("link", { name: /Voir mon panier et payer/ }).click();
      await page.waitForURL(/\/val-fleuri\/panier$/);
      // Paid on the demonstration page, or by a credit the family already has (then nothing to pay online).
      await page.getByRole("button", { name: /^(Payer \d|Confirmer \(réglé par votre crédit\))/ }).click();
      const accept = page.getByRole("button", { name: "Payer (paiement accepté)" });
      const paid = page.getByText("Paiement accepté : vos réservations sont confirmées.");
      await Promise.race([accept.waitFor().catch(() => null), paid.waitFor().catch(() => null)]);
      if (await accept.count()) {
        await expectAccessible(page);
        await accept.click();
        await paid.waitFor();
      }
      await expectAccessible(page);
      await openPlanningMonth(page, "/val-fleuri/planning", "décembre 2026", "Cantine");
      await section(page, "Cantine").getByRole("button", { name: new RegExp(`^${day.credit}, Cantine : .*Réservé`) }).click();
      await bar(page).click();
      await page.getByRole("table", { name: "Récapitulatif des réservations validées" }).getByText("Annulé", { exact: true }).waitFor();

      await openPlanningMonth(page, "/val-fleuri/planning", "décembre 2026", "Cantine");
      await section(page, "Cantine").getByRole("button", { name: new RegExp(`^${day.louise}, Cantine : .*3,60`) }).click();
      await bar(page).click();
      const summary = page.locator("dl").filter({ hasText: "À payer dans le panier" });
      await summary.getByText("Crédit sur votre compte famille déduit").waitFor();
      await expectAccessible(page);
      const toPay = await summary.locator("dd").last().innerText();
      await page.goto("/val-fleuri/panier");
      await page.getByText(toPay.trim()).first().waitFor();
      await page.getByRole("button", { name: new RegExp(`^Retirer du panier : Cantine, Louise`) }).first().click();
      await page.getByText(/panier est vide/i).first().waitFor();
    });

    it("the admin previews a family's lines, opens a past run, exports it and prints its paper invoices, and adds the logo", { timeout: 120_000 }, async () => {
      const page = await newPage(browser, width);
      await signIn(page, "admin@jolieville.test");
      await page.goto("/jolieville/admin/facturation");
      await page.getByRole("button", { name: "Prévisualiser" }).click();
      await page.locator("summary", { hasText: "Famille Durand" }).click();
      await page.getByRole("list", { name: "Lignes de la facture de Famille Durand" }).waitFor();
      await expectAccessible(page);

      const logo = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#1d4ed8" } }).png().toBuffer();
      await page.getByLabel("Logo de la commune (PNG ou JPEG, 500 Ko au plus)").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: logo });
      await page.getByText("Logo enregistré : il figure sur les prochaines factures téléchargées.").waitFor();
      await expectAccessible(page);

      await page.getByRole("link", { name: "novembre 2026 : ouvrir la campagne" }).click();
      await page.waitForURL(/\/admin\/facturation\/campagnes\//);
      await page.getByRole("heading", { name: "Factures de novembre 2026" }).waitFor();
      expect(await download(page, "Exporter en CSV")).toBe("factures-2026-11-avance.csv");
      const paper = page.waitForEvent("download");
      await page.getByRole("button", { name: /^PDF des \d+ factures? papier$/ }).click();
      expect((await paper).suggestedFilename()).toBe("factures-papier-2026-11.pdf");
      // The paper invoices carry the logo just added, say how to pay and on what tariff basis.
      const printed = await pdfFacts((await (await paper).path())!);
      if (printed) {
        expect(printed.images).toBeGreaterThan(0);
        // (Which families get paper depends on their choice, which other journeys change.)
        for (const said of [/Comment payer/, /Par chèque à l'ordre de « Commune de Jolieville », référence JOL-\d{5} au dos/, /Au guichet de la mairie/, /Base tarifaire : /]) {
          expect(printed.text).toMatch(said);
        }
      }
    });

    it("a new commune's dashboard lists its setup steps", async () => {
      const page = await newPage(browser, width);
      await signIn(page, "admin@val-fleuri.test");
      await page.goto("/val-fleuri/admin");
      const checklist = page.getByRole("region", { name: "Mise en route de la commune" });
      await checklist.getByRole("listitem").filter({ hasText: "L'équipe" }).getByText(": à faire").waitFor();
      await checklist.getByRole("listitem").filter({ hasText: "Les tarifs" }).getByText(": fait").waitFor();
      await checklist.getByRole("link", { name: "Inviter un collègue" }).waitFor();
    });

    it("a site agent prints the day's attendance sheet", async () => {
      const page = await newPage(browser, width);
      await signIn(page, "animateur@jolieville.test");
      await page.goto("/jolieville/site?date=2026-12-16");
      await page.getByRole("link", { name: "Liste et pointage : Accueil de loisirs Jules Verne" }).click();
      await page.waitForURL(/\/jolieville\/site\/[^/?]+\?date=2026-12-16/);
      const sheet = page.waitForEvent("download");
      await page.getByRole("button", { name: "Imprimer la feuille de présence (PDF)" }).click();
      expect((await sheet).suggestedFilename()).toBe("presence-2026-12-16.pdf");
      // Tom's Wednesday (the full one): his line to tick, present or absent.
      const printed = await pdfFacts((await (await sheet).path())!);
      if (printed) expect(printed.text).toMatch(/Feuille de présence - Accueil de loisirs Jules Verne Mercredi 16 décembre 2026 .*Mercredi loisirs - \d+ enfants? attendus? .*P A DURAND Tom/);
    });
  });
}
