import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, openPlanningMonth, signIn } from "./harness";

/**
 * Issue #10's « Done when », tried as a new user would in a browser: each commune's admin chooses its
 * provider in Facturation → « Paiement en ligne » (Val-Fleuri opens its Stripe account through the
 * onboarding link, Jolieville types its PayFiP numcli in test mode), a Val-Fleuri parent pays a basket
 * on Stripe Checkout and a Jolieville parent two invoices in one PayFiP operation, each reads the receipt
 * on the result page and in the local mailbox, and staff refund a credit through Stripe.
 *
 * Stripe and PayFiP are the local doubles started by tests/e2e/global-setup.ts (or by
 * `npx tsx scripts/payment-doubles.ts` next to a server started with their variables): they serve the
 * Checkout / onboarding / PayFiP pages, send the signed webhook or the notification to our routes and
 * answer the SDK and SOAP calls. Both communes are set back to the platform's default (the demo) at the
 * end, even when a step fails, so the journeys after this one see the demo provider.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  try {
    for (const commune of ["val-fleuri", "jolieville"]) await restoreDefaultProvider(commune);
  } finally {
    await browser?.close();
  }
});

const MONEY = /(\d[\d \u202f\u00a0]*,\d{2})[ \u202f\u00a0]?€/;
const cents = (text: string) => Number(MONEY.exec(text)![1]!.replace(/[ \u202f\u00a0,]/g, ""));

/** The admin's « Paiement en ligne » card (the billing page has several forms). */
const paymentCard = (page: Page) => page.locator("section, div").filter({ has: page.getByRole("group", { name: "Prestataire de paiement" }) }).last();

async function chooseProvider(page: Page, label: string | RegExp) {
  await page.getByRole("radio", { name: label }).check();
}

async function saveProvider(page: Page) {
  await paymentCard(page).getByRole("button", { name: "Enregistrer", exact: true }).click();
  await page.getByText("Réglages du paiement en ligne enregistrés.").waitFor();
}

async function restoreDefaultProvider(commune: string) {
  const page = await newPage(browser, 1280, { checkAccessibility: false });
  try {
    await signIn(page, `admin@${commune}.test`);
    await page.goto(`/${commune}/admin/facturation`);
    await chooseProvider(page, /^Réglage de la plateforme/);
    await saveProvider(page);
  } finally {
    await page.context().close();
  }
}

/** The first `count` of these days whose cell is not booked yet (a journey run again picks other days). */
async function freeDays(page: Page, activity: string, candidates: string[], count: number) {
  const free: { name: string; priceCents: number }[] = [];
  for (const day of candidates) {
    const cell = page.getByRole("button", { name: new RegExp(`^${day}, ${activity} : `) });
    if (!(await cell.count())) continue;
    // innerText: the day's number and its price are on lines of their own.
    const label = await cell.innerText();
    if (!/Réservé|panier|attente|complet/i.test(label)) free.push({ name: day, priceCents: cents(label) });
    if (free.length === count) return free;
  }
  throw new Error(`pas assez de jours libres parmi ${candidates.join(", ")}`);
}

async function readMailbox(page: Page, subject: RegExp) {
  await page.goto("/dev/mail");
  await page.getByRole("link", { name: subject }).first().click();
  await page.waitForURL(/\/dev\/mail\?id=/);
  return (await page.locator("iframe").getAttribute("srcdoc")) ?? "";
}

describe("online payments through Stripe and PayFiP (local doubles)", () => {
  it("Val-Fleuri: the admin opens the commune's Stripe account; a parent pays a basket on Stripe Checkout, gets the receipt; staff refund a cancelled day through Stripe and the statement shows it", async () => {
    // The admin, on a phone: chooses Stripe, then opens the commune's account through Stripe's onboarding.
    const admin = await newPage(browser, 375);
    await signIn(admin, "admin@val-fleuri.test");
    await admin.goto("/val-fleuri/admin/facturation");
    const stripeChoice = admin.getByRole("radio", { name: "Carte bancaire (Stripe)" });
    if (!(await stripeChoice.count())) throw new Error("Stripe n'est pas proposé : démarrez le serveur avec les variables du double (scripts/payment-doubles.ts)");
    await stripeChoice.check();
    await saveProvider(admin);
    await admin.getByRole("button", { name: /^(Ouvrir|Compléter) le compte Stripe/ }).click();
    await admin.waitForURL(/\/connect\/acct_\w+$/);
    await admin.getByRole("heading", { name: /Stripe Connect/ }).waitFor();
    await admin.getByRole("button", { name: "Terminer et revenir sur Récré" }).click();
    await admin.waitForURL(/\/val-fleuri\/admin\/facturation\?compte=retour/);
    await admin.getByText(/Compte Stripe de la commune : acct_\w+/).waitFor();
    await admin.getByText("Les familles paient en ligne avec : Carte bancaire (Stripe).").waitFor();

    // The parent, on a phone: books two canteen days for Louise and pays the basket by card.
    const parent = await newPage(browser, 375);
    await signIn(parent, "parent@recre.test");
    await openPlanningMonth(parent, "/val-fleuri/planning", "décembre 2026", "Cantine");
    const [first, second] = await freeDays(parent, "Cantine", ["lundi 14 décembre", "mardi 15 décembre", "jeudi 10 décembre", "vendredi 11 décembre", "vendredi 4 décembre", "jeudi 3 décembre"], 2);
    for (const day of [first!, second!]) await parent.getByRole("button", { name: new RegExp(`^${day.name}, Cantine : `) }).click();
    await parent.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    await parent.getByRole("link", { name: /Voir mon panier et payer/ }).click();
    await parent.waitForURL(/\/val-fleuri\/panier/);
    const pay = parent.getByRole("button", { name: /^Payer / });
    const amountCents = cents((await pay.textContent()) ?? "");
    await pay.click();
    // Stripe's Checkout page (the double), on the commune's account.
    await parent.waitForURL(/\/pay\/cs_test_\w+$/);
    await parent.getByRole("heading", { name: /Stripe Checkout/ }).waitFor();
    expect(cents(await parent.locator("dd").first().innerText())).toBe(amountCents);
    // The parent first leaves Checkout: our page says so (nothing taken), and the basket resumes the same session.
    await parent.getByRole("button", { name: "Annuler", exact: true }).click();
    await parent.waitForURL(/\/val-fleuri\/paiement\/resultat\?ref=pay_[\w-]+&annule=1$/);
    await parent.getByText(/Vous avez quitté la page de paiement : aucune somme n'a été prélevée/).waitFor();
    await parent.getByRole("link", { name: "Revenir au panier" }).click();
    await parent.waitForURL(/\/val-fleuri\/panier/);
    await parent.getByRole("button", { name: /^Payer / }).click();
    await parent.waitForURL(/\/pay\/cs_test_\w+$/);
    await parent.getByRole("button", { name: "Payer", exact: true }).click();
    // Back on our result page once Stripe's signed webhook was applied.
    await parent.waitForURL(/\/val-fleuri\/paiement\/resultat\?ref=pay_/);
    await parent.getByText("Paiement accepté : vos réservations sont confirmées.").waitFor();
    const receipt = parent.locator("dl").filter({ hasText: "Montant payé" });
    expect(cents(await receipt.innerText())).toBe(amountCents);
    await receipt.getByText("Carte bancaire").waitFor();
    const sessionId = /cs_test_\w+/.exec(await receipt.innerText())?.[0];
    expect(sessionId).toBeTruthy();
    await parent.getByText(`${first!.name.split(" ").slice(1).join(" ")}`, { exact: false }).first().waitFor();
    const mail = await readMailbox(parent, /^Reçu de votre paiement de .* — Val-Fleuri/);
    expect(mail).toContain(sessionId!);

    // Earlier journeys may leave this family owing invoices, which would absorb the cancelled day's credit:
    // staff settle what is due at the counter first, so the account holds at least the day's price after.
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.goto("/val-fleuri/admin/familles");
    await admin.getByRole("link", { name: "Famille Martin" }).click();
    const standing = await admin.locator("#releve").getByText(/^(Solde dû|Crédit sur le compte famille|Solde) :/).innerText();
    if (standing.startsWith("Solde dû")) {
      await admin.getByLabel("Mode de règlement").selectOption({ label: "Chèque" });
      await admin.getByLabel("Montant (€)").fill((cents(standing) / 100).toFixed(2).replace(".", ","));
      await admin.getByLabel("Référence (n° de chèque, de virement…)").fill("Chèque 0099999");
      await admin.getByRole("button", { name: "Enregistrer le règlement" }).click();
      await admin.locator("#releve").getByText(/^Solde :/).waitFor();
    }

    // The parent cancels one paid day (within its deadline): its price is credited to the family account.
    await openPlanningMonth(parent, "/val-fleuri/planning", "décembre 2026", "Cantine");
    await parent.getByRole("button", { name: new RegExp(`^${first!.name}, Cantine : .*Réservé`) }).click();
    await parent.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    await parent.getByRole("table", { name: "Récapitulatif des réservations validées" }).getByText(/annul/i).first().waitFor();

    // Staff give that credit back on the card through Stripe; the statement shows the refund.
    await admin.reload();
    const refund = admin.locator("form").filter({ has: admin.getByRole("group", { name: "Rembourser" }) });
    await refund.waitFor();
    await refund.getByRole("radio", { name: new RegExp(`Sur le paiement en ligne de ${(amountCents / 100).toFixed(2).replace(".", ",")}\\s€ \\(Carte bancaire\\)`) }).check();
    await refund.getByLabel("Montant à rembourser (€)").fill((first!.priceCents / 100).toFixed(2).replace(".", ","));
    await refund.getByRole("button", { name: "Rembourser", exact: true }).click();
    await admin.getByText("Remboursement effectué auprès du prestataire.").waitFor();
    await expectAccessible(admin);
    await admin.reload();
    await admin.locator("#releve").getByText("Remboursement (Carte bancaire)").first().waitFor();
    await parent.goto("/val-fleuri/releve");
    await parent.getByText("Remboursement (Carte bancaire)").first().waitFor();

    // Back to the platform's default, so the journeys after this one see the demo provider.
    await admin.goto("/val-fleuri/admin/facturation");
    await chooseProvider(admin, /^Réglage de la plateforme/);
    await saveProvider(admin);
    await admin.getByText(/^Les familles paient en ligne avec : Démonstration/).waitFor();
  }, 240_000);

  it("Jolieville: the admin chooses PayFiP (numcli, test mode); a parent pays two invoices in one PayFiP payment and gets the receipt", async () => {
    const admin = await newPage(browser);
    await signIn(admin, "admin@jolieville.test");
    await admin.goto("/jolieville/admin/facturation");
    await chooseProvider(admin, "PayFiP (DGFiP)");
    await admin.getByLabel("Numéro client PayFiP (numcli)").fill("12345");
    await paymentCard(admin).getByRole("button", { name: "Enregistrer", exact: true }).click();
    await admin.getByText(/6 chiffres/).first().waitFor();
    await expectAccessible(admin);
    await admin.getByLabel("Numéro client PayFiP (numcli)").fill("012345");
    await paymentCard(admin).getByLabel("Mode", { exact: true }).selectOption("T");
    await saveProvider(admin);
    await admin.getByText("Les familles paient en ligne avec : PayFiP (DGFiP).").waitFor();

    // Two invoices of the parent's own: January's and February's canteen days for Sarah, billed in advance.
    const parent = await newPage(browser, 375);
    await signIn(parent, "parent@recre.test");
    for (const [month, days] of [
      ["janvier 2027", ["mardi 12 janvier", "mardi 19 janvier", "mardi 26 janvier", "jeudi 14 janvier", "jeudi 21 janvier"]],
      ["février 2027", ["mardi 2 février", "jeudi 4 février", "vendredi 5 février", "lundi 1 février"]],
    ] as const) {
      await openPlanningMonth(parent, "/jolieville/planning", month, "Cantine");
      const [day] = await freeDays(parent, "Cantine", [...days], 1);
      await parent.getByRole("button", { name: new RegExp(`^${day!.name}, Cantine : `) }).click();
      await parent.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
      await parent.getByRole("table", { name: "Récapitulatif des réservations validées" }).waitFor();
    }
    const numbers: string[] = [];
    for (const [period, label] of [
      ["2027-01", "Janvier 2027"],
      ["2027-02", "Février 2027"],
    ] as const) {
      await admin.goto("/jolieville/admin/facturation");
      await admin.getByLabel("Mois facturé").fill(period);
      await admin.getByLabel("À l'avance (réservations du mois)").check();
      await admin.getByRole("button", { name: "Prévisualiser" }).click();
      await admin.getByText("Famille Martin").first().waitFor();
      await admin.getByRole("button", { name: "Émettre les factures" }).click();
      await admin.getByRole("alertdialog").getByRole("button", { name: /^Émettre \d+ factures?$/ }).click();
      await admin.getByText("Émission terminée").waitFor({ timeout: 30_000 });
      await parent.goto("/jolieville/factures");
      const link = parent.getByRole("link", { name: new RegExp(`^Facture \\S+ — ${label}$`) }).last();
      numbers.push(/Facture (\S+)/.exec((await link.textContent()) ?? "")![1]!);
    }

    // Only these two, ticked together: one PayFiP operation for both.
    await parent.goto("/jolieville/factures");
    const all = parent.getByRole("checkbox", { name: "Tout sélectionner" });
    if (await all.isChecked()) await all.uncheck();
    for (const number of numbers) await parent.getByRole("checkbox", { name: new RegExp(`^Payer la facture ${number} `) }).check();
    const pay = parent.getByRole("button", { name: /^Payer .* en ligne$/ });
    const amountCents = cents((await pay.textContent()) ?? "");
    await pay.click();
    await parent.waitForURL(/\/tpa\/paiementws\.web\?idop=[\w-]+$/);
    await parent.getByRole("heading", { name: /PayFiP/ }).waitFor();
    expect(cents(await parent.locator("dd").first().innerText())).toBe(amountCents);
    await parent.getByRole("button", { name: "Payer", exact: true }).click();
    await parent.waitForURL(/\/jolieville\/paiement\/resultat\?ref=pay_/);
    await parent.getByText("Paiement accepté : vos factures sont réglées.").waitFor();
    const receipt = parent.locator("main");
    expect(cents(await receipt.locator("dl").filter({ hasText: "Montant payé" }).innerText())).toBe(amountCents);
    for (const number of numbers) await receipt.getByText(new RegExp(`Facture ${number}`)).waitFor();
    await receipt.getByText(/PayFiP/).first().waitFor();
    const mail = await readMailbox(parent, /^Reçu de votre paiement de .* — Jolieville/);
    for (const number of numbers) expect(mail).toContain(number);
    await parent.goto("/jolieville/factures");
    for (const number of numbers) await parent.getByRole("checkbox", { name: new RegExp(`^Payer la facture ${number} `) }).waitFor({ state: "detached" });

    await admin.goto("/jolieville/admin/facturation");
    await chooseProvider(admin, /^Réglage de la plateforme/);
    await saveProvider(admin);
    await admin.getByText(/^Les familles paient en ligne avec : Démonstration/).waitFor();
  }, 240_000);
});
