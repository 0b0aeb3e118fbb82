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

const certificate = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe("an absence after the deadline", () => {
  it("is reported by the parent on a phone with a certificate, excused by the front desk, and the family sees it", async () => {
    const parent = await newPage(browser, 375);
    await signIn(parent, "parent@recre.test");
    await parent.goto("/jolieville/absences");
    await parent.getByRole("button", { name: /^Signaler une absence : Sarah,/ }).first().click();
    const form = parent.getByRole("form", { name: /^Signaler une absence : Sarah,/ });
    await form.getByLabel("Motif").selectOption({ label: "Maladie" });
    await form.getByText("Aucun fichier choisi").waitFor();
    await form.getByLabel("Certificat médical (facultatif)").setInputFiles({ name: "certificat.pdf", mimeType: "application/pdf", buffer: certificate });
    await form.getByText("certificat.pdf").waitFor();
    await expectAccessible(parent);
    await form.getByRole("button", { name: "Envoyer le signalement" }).click();
    const reports = parent.getByRole("region", { name: "Mes signalements" }).or(parent.locator("section", { hasText: "Mes signalements" }));
    await reports.getByText("certificat joint").first().waitFor();
    await reports.getByText("En attente d'examen").first().waitFor();

    const agent = await newPage(browser);
    await signIn(agent, "agent@jolieville.test");
    await agent.goto("/jolieville/admin/absences");
    await agent.getByRole("button", { name: "Télécharger le certificat (certificat.pdf)" }).waitFor();
    await agent.getByRole("button", { name: "Excuser l'absence de Sarah" }).first().click();
    const done = agent.getByRole("status").filter({ hasText: /^Absence de Sarah le .+ excusée/ });
    await done.waitFor();
    await expectAccessible(agent);
    await agent.getByRole("link", { name: "Excusées" }).click();
    await agent.getByText("Sarah").first().waitFor();

    await parent.reload();
    await parent.getByText("Absence excusée").first().waitFor();
    expect(await parent.getByText("En attente d'examen").count()).toBe(0);
  });
});
