import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, openPlanningMonth, signIn } from "./harness";

/*
 * Issue 15, tried as a new user would: Jolieville's summer centre takes applications for the first
 * two weeks of the summer at two sites (29 families applied in the demo). The Martins apply for Sarah in the
 * browser (the 30th family), ranking one site's week against the other's; the admin closes the window, runs the allocation, moves one place with
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
    // The family applies at a phone's width: the round covers the summer centre at two sites; Sarah's
    // first choice is Jules Verne's first week, her second the same week at Jules Ferry but its last day.
    const parent = await newPage(browser, 375);
    await signIn(parent, "parent@recre.test");
    await parent.goto("/jolieville/attributions");
    await parent.getByRole("heading", { name: ROUND }).waitFor();
    await parent.getByText(/2 sites au choix : Accueil de loisirs Jules Verne, Accueil périscolaire Jules Ferry/).first().waitFor();
    const form = sarah(parent);
    const sites = (await form.getByLabel("Site du 1er choix").locator("option").allTextContents()).filter((t) => t.startsWith("Accueil"));
    expect(sites).toEqual(["Accueil de loisirs Jules Verne", "Accueil périscolaire Jules Ferry"]);
    // The site first, then the week, then the days.
    expect(await form.getByLabel("Semaine du 1er choix").count()).toBe(0);
    await form.getByLabel("Site du 1er choix").selectOption({ label: sites[0]! });
    const weeks = (await form.getByLabel("Semaine du 1er choix").locator("option").allTextContents()).filter((t) => t.startsWith("Semaine"));
    expect(weeks).toHaveLength(2);
    await form.getByLabel("Semaine du 1er choix").selectOption({ label: weeks[0]! });
    // A week chosen offers its days, all ticked; the second choice leaves one out.
    const firstDays = form.getByRole("group", { name: "Jours du 1er choix" }).getByRole("checkbox");
    expect(await firstDays.count()).toBeGreaterThanOrEqual(4);
    for (const box of await firstDays.all()) expect(await box.isChecked()).toBe(true);
    await form.getByLabel("Site du 2e choix").selectOption({ label: sites[1]! });
    await form.getByLabel("Semaine du 2e choix").selectOption({ label: weeks[0]! });
    const secondDays = form.getByRole("group", { name: "Jours du 2e choix" }).getByRole("checkbox");
    await secondDays.last().uncheck();
    await form.getByText(/^\d jour\(s\) sur \d\.$/).waitFor();
    await form.getByLabel("Les deux parents (ou le parent isolé) travaillent").check();
    await form.getByRole("button", { name: /^(Envoyer|Modifier) la demande$/ }).click();
    await form.getByText("Demande enregistrée pour Sarah.", { exact: false }).waitFor();
    await expectAccessible(parent);
    // Read again, the application keeps the sites and days: the second choice at Jules Ferry without its last day.
    await parent.reload();
    expect(await sarah(parent).getByLabel("Site du 2e choix").inputValue()).not.toBe(await sarah(parent).getByLabel("Site du 1er choix").inputValue());
    expect(await sarah(parent).getByLabel("Site du 2e choix").locator("option:checked").textContent()).toBe(sites[1]);
    expect(await sarah(parent).getByRole("group", { name: "Jours du 2e choix" }).getByRole("checkbox").last().isChecked()).toBe(false);
    expect(await sarah(parent).getByRole("group", { name: "Jours du 1er choix" }).getByRole("checkbox").last().isChecked()).toBe(true);

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
    // Sarah's row lists her choices with their site.
    const sarahRow = admin.getByTestId("candidature-Sarah");
    await sarahRow.getByText(/^Accueil de loisirs Jules Verne — Semaine du/).waitFor();
    await sarahRow.getByText(/^Accueil périscolaire Jules Ferry — Semaine du .* : /).waitFor();
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
    await result.getByText(/^Place obtenue : Accueil de loisirs Jules Verne — Semaine du .* \(choix 1\)/).waitFor();
    await result.getByText(/Classement : \d+ avec 18 points/).waitFor();
    await result.getByText("Résident de la commune : +10 pt").waitFor();
    await result.getByText("Parents (ou parent isolé) qui travaillent : +8 pt").waitFor();
    await parent.getByText("Critères et tirage au sort publiés").click();
    expect(((await parent.getByTestId("graine-publiee").textContent()) ?? "").trim()).toBe(seed);
    await expect(result.getByRole("link", { name: "Contester ce résultat" }).getAttribute("href")).resolves.toMatch(/^\/jolieville\/demandes\?categorie=question&objet=/);
    await expectAccessible(parent);

    // Sarah's parent gives back one day: the families waiting want the whole week, nobody is promoted into part of it.
    const before = await promotions(admin);
    await openPlanningMonth(parent, "/jolieville/planning", "juillet 2027", "Centre de loisirs d'été");
    const centre = parent.locator("section").filter({ has: parent.getByRole("heading", { name: "Centre de loisirs d'été", exact: true }) });
    const booked = ((await centre.getByRole("button", { name: /, Centre de loisirs d'été : .*Réservé/ }).allTextContents()) as string[]).map((t) => t.slice(0, t.indexOf(",")));
    expect(booked.length).toBeGreaterThanOrEqual(4);
    const giveBack = async (days: string[]) => {
      for (const day of days) await centre.getByRole("button", { name: new RegExp(`^${day}, Centre de loisirs d'été : .*Réservé`) }).click();
      await parent.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
      await parent.getByRole("table", { name: "Récapitulatif des réservations validées" }).getByText("Annulé", { exact: true }).first().waitFor();
    };
    await giveBack([booked[0]!]);
    expect(await promotions(admin)).toBe(before);
    // The rest of the week given back: the next family in rank order gets its whole week, and one e-mail.
    await openPlanningMonth(parent, "/jolieville/planning", "juillet 2027", "Centre de loisirs d'été");
    await giveBack(booked.slice(1));
    expect(await promotions(admin)).toBe(before + 1);
  });

  it("a first-come round has its own page: the admin changes its opening and residents' early opening, then deletes it; a draft by application is deleted too", { timeout: 180_000 }, async () => {
    const admin = await newPage(browser, 1280);
    await signIn(admin, "admin@jolieville.test");
    await admin.goto("/jolieville/admin/attributions");
    const form = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Créer le tour (brouillon)" }) });
    await form.getByLabel("Nom du tour").fill("Mercredis de janvier");
    await form.getByLabel("Comment les places sont données").selectOption("first_come");
    await form.getByLabel("Début de la période").fill("2027-01-06");
    await form.getByLabel("Fin de la période").fill("2027-01-27");
    await form.getByLabel("Ouverture des réservations").fill("2026-12-07");
    await form.getByLabel("Fin du tour").fill("2027-01-27");
    await form.getByRole("button", { name: "Créer le tour (brouillon)" }).click();
    await admin.getByRole("heading", { name: "Mercredis de janvier" }).waitFor();
    await admin.getByRole("button", { name: "Ouvrir le tour" }).click();
    await admin.getByText("Tour ouvert.").waitFor();

    const settings = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Supprimer le tour" }) });
    // A residents' opening after the general one is refused, naming the field.
    await settings.getByLabel("Ouverture anticipée des résidents (facultatif)").fill("2026-12-09");
    await settings.getByRole("button", { name: "Enregistrer" }).click();
    await settings.getByText(/l'ouverture anticipée des résidents doit précéder l'ouverture générale/).first().waitFor();
    await settings.getByLabel("Ouverture anticipée des résidents (facultatif)").fill("2026-12-05");
    await settings.getByLabel("à", { exact: true }).nth(1).fill("08:30");
    await settings.getByRole("button", { name: "Enregistrer" }).click();
    await settings.getByText("Tour modifié", { exact: false }).waitFor();
    await admin.reload();
    await admin.getByText("dès le 05/12/2026 à 08:30", { exact: true }).waitFor();
    await expectAccessible(admin);

    await admin.getByRole("button", { name: "Supprimer le tour" }).click();
    await admin.getByRole("alertdialog", { name: "Supprimer ce tour ?" }).getByRole("button", { name: "Supprimer" }).click();
    await admin.waitForURL(/\/jolieville\/admin\/attributions$/);
    await admin.getByRole("heading", { name: "Attribution des places" }).waitFor();
    expect(await admin.getByRole("link", { name: "Mercredis de janvier" }).count()).toBe(0);

    // A round by application is deleted while still a draft.
    const draft = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Créer le tour (brouillon)" }) });
    await draft.getByLabel("Nom du tour").fill("Brouillon à jeter");
    await draft.getByLabel("Début de la période").fill("2027-01-06");
    await draft.getByLabel("Fin de la période").fill("2027-01-27");
    await draft.getByLabel("Ouverture des candidatures").fill("2026-12-07");
    await draft.getByLabel("Fermeture des candidatures").fill("2026-12-20");
    await draft.getByRole("button", { name: "Créer le tour (brouillon)" }).click();
    await admin.getByRole("heading", { name: "Brouillon à jeter" }).waitFor();
    await admin.getByRole("button", { name: "Supprimer le brouillon" }).click();
    await admin.getByRole("alertdialog", { name: "Supprimer ce brouillon ?" }).getByRole("button", { name: "Supprimer" }).click();
    await admin.waitForURL(/\/jolieville\/admin\/attributions$/);
    await admin.getByRole("heading", { name: "Attribution des places" }).waitFor();
    expect(await admin.getByRole("link", { name: "Brouillon à jeter" }).count()).toBe(0);
  });
});
