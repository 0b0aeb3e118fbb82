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
    await page.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
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

  it("the dashboard says what needs doing, to an admin and to the site agent, on a phone", async () => {
    const admin = await newPage(browser, 375);
    await signIn(admin, "admin@jolieville.test");
    await admin.goto("/jolieville/admin");
    for (const heading of ["À traiter", "Aujourd'hui", "Facturation"]) await admin.getByRole("heading", { name: heading, exact: true }).waitFor();
    // Tom, booked for today and pointed above.
    const mercredi = admin.getByRole("listitem").filter({ has: admin.getByRole("heading", { name: "Mercredi loisirs" }) });
    await mercredi.getByText(/^Pointage (fait|en cours)/).waitFor();
    await admin.getByRole("heading", { name: "Factures à régler" }).waitFor();
    await admin.getByRole("link", { name: "Traiter les demandes d'inscription" }).click();
    await admin.waitForURL("**/jolieville/admin/inscriptions");
    await admin.getByRole("heading", { name: "Inscriptions", level: 1 }).waitFor();

    const animateur = await newPage(browser, 375);
    await signIn(animateur, "animateur@jolieville.test");
    // A site agent's home is the day's lists, with today's figures and nothing of billing.
    await animateur.goto("/jolieville/admin");
    await animateur.waitForURL("**/jolieville/site");
    const verne = animateur.getByRole("listitem").filter({ has: animateur.getByRole("heading", { name: "Accueil de loisirs Jules Verne" }) });
    await verne.getByRole("heading", { name: "Mercredi loisirs" }).waitFor();
    await verne.getByText(/^Pointage (fait|en cours)/).waitFor();
    await animateur.getByText(/repas réservés? aujourd'hui/i).waitFor();
    expect(await animateur.getByRole("heading", { name: "Facturation" }).count()).toBe(0);
    expect(await animateur.getByRole("heading", { name: "À traiter" }).count()).toBe(0);
    await verne.getByRole("link", { name: "Liste et pointage : Accueil de loisirs Jules Verne" }).click();
    await animateur.getByRole("group", { name: "Pointage de Tom Durand" }).waitFor();
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
    await page.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
    await page.getByRole("table", { name: "Récapitulatif des réservations validées" }).getByText("Réservé", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Revenir au planning" }).click();
    await page.getByLabel(/Motif de dérogation/).fill("Enfant malade, appel du père");
    await cantine.getByRole("button", { name: /^mardi 24 novembre, Cantine : .*Réservé/ }).click();
    await page.getByRole("button", { name: "Valider et voir le récapitulatif" }).click();
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

const certificate = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe("an absence after the deadline", () => {
  it("is reported by the parent on a phone with a certificate, excused by the front desk, and the family sees it", async () => {
    // Tom's Wednesday of today, booked by the front desk above: too late to cancel, so it is reported.
    const parent = await newPage(browser, 375);
    await signIn(parent, "voisin@recre.test");
    await parent.goto("/jolieville/absences");
    await parent.getByRole("button", { name: /^Signaler une absence : Tom, Mercredi loisirs,/ }).click();
    const form = parent.getByRole("form", { name: /^Signaler une absence : Tom, Mercredi loisirs,/ });
    await form.getByLabel("Motif").selectOption({ label: "Maladie" });
    await form.getByText("Aucun fichier choisi").waitFor();
    await form.getByLabel("Certificat médical (facultatif)").setInputFiles({ name: "certificat.pdf", mimeType: "application/pdf", buffer: certificate });
    await form.getByText("certificat.pdf").waitFor();
    await expectAccessible(parent);
    await form.getByRole("button", { name: "Envoyer le signalement" }).click();
    await parent.getByText(/certificat joint/).waitFor();
    await parent.getByText("En attente d'examen").waitFor();

    const agent = await newPage(browser);
    await signIn(agent, "agent@jolieville.test");
    await agent.goto("/jolieville/admin/absences");
    // Served by the checked download route, as an attachment that is never sniffed.
    const href = await agent.getByRole("link", { name: "Télécharger le certificat (certificat.pdf)" }).getAttribute("href");
    const served = await agent.evaluate(async (url) => {
      const r = await fetch(url!);
      return [r.status, r.headers.get("content-disposition"), r.headers.get("x-content-type-options"), (await r.text()).slice(0, 8)];
    }, href);
    expect(served).toEqual([200, expect.stringMatching(/^attachment; filename="certificat.pdf"/), "nosniff", "%PDF-1.4"]);
    await agent.getByRole("button", { name: "Excuser l'absence de Tom" }).click();
    await agent.getByRole("status").filter({ hasText: /^Absence de Tom le mercredi 25 novembre excusée/ }).waitFor();
    await expectAccessible(agent);
    await agent.getByRole("link", { name: "Excusées" }).click();
    await agent.getByText("Tom", { exact: false }).first().waitFor();

    await parent.reload();
    await parent.getByText("Absence excusée").waitFor();
    expect(await parent.getByText("En attente d'examen").count()).toBe(0);
    // The decision is e-mailed too (issue 14, point 5).
    await parent.goto("/dev/mail");
    await parent.getByRole("link", { name: /^Absence de Tom excusée\s*À voisin@recre\.test/ }).first().waitFor();
  });
});
