import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn } from "./harness";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A real picture, drawn by the browser: larger than what is kept, so the page shrinks it before sending. */
async function picture(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 1200;
    canvas.height = 900;
    const g = canvas.getContext("2d")!;
    g.fillStyle = "#4338ca";
    g.fillRect(0, 0, 1200, 900);
    g.fillStyle = "#fbbf24";
    g.beginPath();
    g.arc(600, 450, 300, 0, Math.PI * 2);
    g.fill();
    return canvas.toDataURL("image/png").split(",")[1]!;
  });
  return Buffer.from(base64, "base64");
}

describe("a child's photo", () => {
  it("is added and removed by the parent on the family file, and set by the front desk", async () => {
    const page = await newPage(browser, 375);
    await signIn(page, "parent@recre.test");
    await page.goto("/jolieville");
    await page.getByLabel("Ajouter une photo de Sarah Martin").setInputFiles({ name: "sarah.png", mimeType: "image/png", buffer: await picture(page) });
    await page.getByRole("img", { name: "Photo de Sarah Martin" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Retirer la photo de Sarah Martin" }).click();
    await page.getByLabel("Ajouter une photo de Sarah Martin").waitFor({ state: "attached" });

    // Not an image: refused before anything is sent, with the reason.
    await page.getByLabel("Ajouter une photo de Chloé Martin").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("bonjour") });
    await page.getByRole("alert").filter({ hasText: "seules les images JPEG ou PNG" }).waitFor();

    const agent = await newPage(browser);
    await signIn(agent, "agent@jolieville.test");
    await agent.goto("/jolieville/admin/familles");
    await agent.getByRole("link", { name: "Famille Durand" }).click();
    await agent.getByLabel("Ajouter une photo de Tom Durand").setInputFiles({ name: "tom.png", mimeType: "image/png", buffer: await picture(agent) });
    await agent.getByRole("img", { name: "Photo de Tom Durand" }).waitFor();
    await agent.getByRole("button", { name: "Retirer la photo de Tom Durand" }).click();
    await agent.getByLabel("Ajouter une photo de Tom Durand").waitFor({ state: "attached" });
  });
});
