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

/** A small but whole PDF: header, body, trailer, %%EOF (the server checks all of it). */
const proof = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function openThread(page: Page, path: string) {
  await page.goto(path);
  return page.getByRole("list", { name: "Échanges et historique" });
}

describe("contesting an invoice", () => {
  for (const [parentWidth, agentWidth] of [
    [375, 1280],
    [1280, 375],
  ] as const) {
    it(`goes from the invoice's page to an avoir issued from the request (parent at ${parentWidth} px, agent at ${agentWidth} px)`, async () => {
      const parent = await newPage(browser, parentWidth);
      await signIn(parent, "parent@recre.test");
      await parent.goto("/jolieville/factures");
      await parent.getByRole("link", { name: /^Facture 2026-\d+/ }).first().click();
      await parent.waitForURL(/\/jolieville\/factures\/[0-9a-f-]{36}$/);
      await parent.getByText("Contester cette facture").click();
      await parent.getByRole("link", { name: /^Contester la facture/ }).click();
      await parent.waitForURL(/\/jolieville\/demandes\?categorie=invoice_dispute/);

      const form = parent.getByRole("form", { name: "Nouvelle demande" });
      expect(await form.getByLabel("Objet de la demande").locator("option:checked").textContent()).toBe("Contestation de facture");
      await form.getByLabel("Ce qui vous semble erroné").fill("Sarah était malade le 5 novembre : ce repas ne devrait pas être facturé.");
      await form.getByLabel("Pièces jointes (facultatif)").setInputFiles({ name: "certificat.pdf", mimeType: "application/pdf", buffer: proof });
      await form.getByText("certificat.pdf").waitFor();
      await form.getByRole("button", { name: "Envoyer la demande" }).click();
      await parent.waitForURL(/\/jolieville\/demandes\/[0-9a-f-]{36}\?envoyee=1$/);
      await parent.getByText("Demande envoyée").waitFor();
      const requestPath = new URL(parent.url()).pathname;
      const requestId = requestPath.split("/").at(-1)!;

      const agent = await newPage(browser, agentWidth);
      await signIn(agent, "agent@jolieville.test");
      await agent.goto("/jolieville/admin/demandes");
      await agent.locator(`a[href="/jolieville/admin/demandes/${requestId}"]`).click();
      await agent.waitForURL(`**/jolieville/admin/demandes/${requestId}`);
      // The attachment is served by the checked route, as an attachment.
      const href = await agent.getByRole("link", { name: /^certificat\.pdf/ }).getAttribute("href");
      const served = await agent.evaluate(async (url) => {
        const r = await fetch(url!);
        return [r.status, r.headers.get("x-content-type-options"), (await r.text()).slice(0, 8)];
      }, href);
      expect(served).toEqual([200, "nosniff", "%PDF-1.4"]);
      const answer = agent.getByRole("form", { name: "Répondre à la famille" });
      await answer.getByLabel("Message").fill("Pouvez-vous préciser la date exacte ?");
      await answer.getByRole("button", { name: "Envoyer" }).click();
      await agent.getByText("Réponse envoyée").waitFor();
      await expectAccessible(agent);

      const thread = await openThread(parent, requestPath);
      await thread.getByText("Pouvez-vous préciser la date exacte ?").waitFor();
      await parent.getByText("En attente de votre réponse").first().waitFor();
      const reply = parent.getByRole("form", { name: "Répondre" });
      await reply.getByLabel("Message").fill("Le jeudi 5 novembre.");
      await reply.getByRole("button", { name: "Envoyer" }).click();
      await parent.getByText("Message envoyé.").waitFor();

      await openThread(agent, `/jolieville/admin/demandes/${requestId}`);
      await agent.getByText("Le jeudi 5 novembre.").waitFor();
      const accept = agent.getByRole("form", { name: "Accepter la demande" });
      await accept.getByLabel("Montant de l'avoir (€)").fill("1,00");
      await accept.getByLabel("Motif de l'avoir").fill("Repas du 5 novembre (maladie)");
      await accept.getByRole("button", { name: "Accepter (et émettre l'avoir)" }).click();
      await agent.getByText(/^Avoir AV-\d{4}-\d+ de 1,00/).first().waitFor();

      await parent.goto(requestPath);
      await parent.getByText("Acceptée").first().waitFor();
      await parent.getByRole("status").filter({ hasText: /^Avoir AV-\d{4}-\d+ de 1,00\s€ émis/ }).waitFor();
      expect(await parent.getByRole("form", { name: "Répondre" }).count()).toBe(0);
      await parent.context().close();
      await agent.context().close();
    }, 240_000);
  }
});

describe("Jolieville's public page", () => {
  for (const width of [1280, 375]) {
    it(`shows an anonymous visitor the tariffs, the menus and the way in (${width} px)`, async () => {
      const page = await newPage(browser, width);
      await page.goto("/jolieville");
      await page.getByRole("heading", { name: "Portail famille de Jolieville", level: 1 }).waitFor();
      const services = page.locator("section").filter({ has: page.getByRole("heading", { name: "Services et tarifs" }) });
      await services.getByRole("heading", { name: /^Cantine/ }).waitFor();
      await services.getByText("Résidents").first().waitFor();
      const menu = page.getByRole("link", { name: /^Menus de la cantine/ });
      const served = await page.evaluate(async (url) => {
        const r = await fetch(url!);
        return [r.status, (await r.text()).slice(0, 5)];
      }, await menu.getAttribute("href"));
      expect(served).toEqual([200, "%PDF-"]);
      await page.getByText("Horaires d'ouverture").waitFor();
      const wayIn = page.locator("section").filter({ has: page.getByRole("heading", { name: "Accéder à votre espace" }) });
      await wayIn.getByRole("link", { name: "Se connecter" }).waitFor();
      await wayIn.getByRole("link", { name: "Créer un compte" }).waitFor();
      await wayIn.getByRole("link", { name: "Préinscrire mon enfant" }).waitFor();
      await page.context().close();
    });
  }
});
