import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, openPlanningMonth, signIn } from "./harness";

/*
 * Issue 15, tried as a new user would: Jolieville's summer centre takes applications for the first
 * two weeks of the summer (29 families applied in the demo). The Martins apply for Sarah in the
 * browser (the 30th family); the admin closes the window, runs the allocation, moves one place with
 * a reason and publishes; the family sees its place with the points that made it and the published
 * seed; Sarah's parent cancels a day and the next family in rank order is promoted and e-mailed.
 * It uses only the demo's allocation round, which no other journey touches.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ROUND = /^Été \d{4} : les deux premières semaines$/;
const sarah = (page: Page) => page.getByRole("region", { name: "Candidature de Sarah" });

async function openRound(page: Page) {
  await page.goto("/jolieville/admin/attributions");
  await page.getByRole("link", { name: ROUND }).click();
  await page.getByRole("heading", { name: ROUND }).waitFor();
}

async function promotions(page: Page): Promise<number> {
  await page.goto("/dev/mail");
  await page.getByRole("heading", { name: "Boîte de réception" }).waitFor();
  return page.getByText(/^Place confirmée pour /).count();
}

describe("fair allocation of the summer centre", () => {
  it("a family applies with ranked choices, the admin closes, runs, adjusts with a reason and publishes, the family sees its place, a cancellation promotes the next family", { timeout: 300_000 }, async () => {
    // The family applies at a phone's width: two weeks, in its order, both parents working.
    const parent = await newPage(browser, 375);
    await signIn(parent, "parent@recre.test");
    await parent.goto("/jolieville/attributions");
    await parent.getByRole("heading", { name: ROUND }).waitFor();
    const form = sarah(parent);
    const weeks = (await form.getByLabel("1er choix").locator("option").allTextContents()).filter((t) => t.startsWith("Semaine"));
    expect(weeks).toHaveLength(2);
    await form.getByLabel("1er choix").selectOption({ label: weeks[0]! });
    await form.getByLabel("2e choix (facultatif)").selectOption({ label: weeks[1]! });
    await form.getByLabel("Les deux parents (ou le parent isolé) travaillent").check();
    await form.getByRole("button", { name: /^(Envoyer|Modifier) la demande$/ }).click();
    await form.getByText("Demande enregistrée pour Sarah.", { exact: false }).waitFor();
    await expectAccessible(parent);

    // The admin closes the window (the seed is drawn then), runs the allocation.
    const admin = await newPage(browser, 1280);
    await signIn(admin, "admin@jolieville.test");
    await openRound(admin);
    await admin.getByRole("button", { name: "Clore les candidatures" }).click();
    await admin.getByRole("alertdialog", { name: "Clore les candidatures ?" }).getByRole("button", { name: "Clore" }).click();
    await admin.getByText("Candidatures closes ; la graine du tirage est tirée.").waitFor();
    // The page is read again once the round is closed: the seed drawn shows in place of « tirée à la clôture ».
    await admin.getByTestId("graine").filter({ hasText: /^[0-9a-f]{64}$/ }).waitFor();
    const seed = ((await admin.getByTestId("graine").textContent()) ?? "").trim();
    await admin.getByRole("button", { name: "Lancer l'attribution" }).click();
    await admin.getByText(/^Attribution calculée : \d+ placé\(s\) sur 40\.$/).waitFor();
    await admin.getByRole("button", { name: "Rejouer avec la graine" }).waitFor();
    await admin.getByRole("button", { name: "Rejouer avec la graine" }).click();
    await admin.getByText(/^Rejoué avec la même graine : résultat identique/).waitFor();
    await expectAccessible(admin);

    // One place moved to the waiting list, with the reason (a family withdrew by phone).
    const placedRow = admin.locator("tbody tr").filter({ hasText: "Placé" }).filter({ hasNotText: "Sarah" }).first();
    await placedRow.getByRole("button", { name: /^Ajuster la place de / }).click();
    await placedRow.getByRole("combobox").selectOption({ label: "Liste d'attente" });
    await placedRow.getByLabel("Motif (obligatoire)").fill("Désistement annoncé par téléphone");
    await placedRow.getByRole("button", { name: "Enregistrer" }).click();
    await admin.getByRole("heading", { name: "Ajustements" }).waitFor();
    await admin.getByText(/« Désistement annoncé par téléphone »/).waitFor();

    await admin.getByRole("cell", { name: "ajusté" }).first().waitFor();
    await admin.getByRole("button", { name: "Publier les résultats" }).click();
    await admin.getByRole("alertdialog", { name: "Publier les résultats ?" }).getByRole("button", { name: "Publier" }).click();
    await admin.getByText(/^Résultats publiés : \d+ jour\(s\) réservé\(s\)/).waitFor({ timeout: 120_000 });

    // The family sees its place, its rank, the points that made it, and the seed published.
    await parent.goto("/jolieville/attributions");
    const result = parent.getByTestId("resultat-Sarah");
    await result.getByText(/^Place obtenue : Semaine du/).waitFor();
    await result.getByText(/Classement : \d+ avec 18 points/).waitFor();
    await result.getByText("Résident de la commune : +10 pt").waitFor();
    await result.getByText("Parents (ou parent isolé) qui travaillent : +8 pt").waitFor();
    await parent.getByText("Critères et tirage au sort publiés").click();
    expect(((await parent.getByTestId("graine-publiee").textContent()) ?? "").trim()).toBe(seed);
    await expect(result.getByRole("link", { name: "Contester ce résultat" }).getAttribute("href")).resolves.toMatch(/^\/jolieville\/demandes\?categorie=question&objet=/);
    await expectAccessible(parent);

    // Sarah's parent gives back her first day: the next family waiting that day is promoted and e-mailed.
    const before = await promotions(admin);
    await openPlanningMonth(parent, "/jolieville/planning", "juillet 2027", "Centre de loisirs d'été");
    const centre = parent.locator("section").filter({ has: parent.getByRole("heading", { name: "Centre de loisirs d'été", exact: true }) });
    await centre.getByRole("button", { name: /^lundi 5 juillet, Centre de loisirs d'été : .*Réservé/ }).click();
    await parent.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    await parent.getByRole("table", { name: "Récapitulatif des réservations validées" }).getByText("Annulé", { exact: true }).waitFor();
    expect(await promotions(admin)).toBe(before + 1);
  });
});
