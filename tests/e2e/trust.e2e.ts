import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, launchBrowser, newPage, signIn } from "./harness";

// Issue #12: security headers on every page, and the legal pages linked from every footer.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const FOOTER = ["Mentions légales", "Données personnelles et cookies", "Conditions d'utilisation", "Accessibilité : non conforme"];

async function footerLinks(page: Page) {
  const footer = page.getByRole("navigation", { name: "Informations légales", exact: true });
  const hrefs: string[] = [];
  for (const name of FOOTER) hrefs.push((await footer.getByRole("link", { name }).getAttribute("href")) ?? "");
  return hrefs;
}

describe("security headers", () => {
  it("every page answers with a nonce CSP that still lets the page hydrate, and refuses framing", async () => {
    const page = await newPage(browser);
    const response = await page.goto("/connexion");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // newPage waited for hydration and ran axe: scripts run under the policy.
    const nonced = await page.evaluate(() => [...document.scripts].filter((s) => s.src || s.textContent).every((s) => s.nonce !== ""));
    expect(nonced).toBe(true);
  });
});

/** The headers issue #12 asks of every answer, pages and route handlers alike. */
function expectSecurityHeaders(url: string, headers: Record<string, string>) {
  expect(headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"], url).toBe("DENY");
  expect(headers["referrer-policy"], url).toBeTruthy();
  expect(headers["x-content-type-options"], url).toBe("nosniff");
}

describe("security headers on route handlers and public pages", () => {
  it("the health check, tRPC, a 404, the public commune page and the legal pages carry them", async () => {
    const page = await newPage(browser);
    for (const url of ["/api/health", "/api/trpc/legal.commune?input=%7B%22slug%22%3A%22jolieville%22%7D", "/api/fichiers/jolieville/00000000-0000-4000-8000-000000000000", "/jolieville", "/jolieville/presentation", "/mentions-legales", "/jolieville/accessibilite", "/page-inconnue"]) {
      const response = await page.request.get(url, { maxRedirects: 0 });
      expectSecurityHeaders(url, response.headers());
    }
  });

  it("a family's downloads (invoice PDF, RGPD archive) carry them, and stay attachments", async () => {
    const page = await newPage(browser);
    await signIn(page, "parent@recre.test");
    // The download buttons fetch their route: the answers they get are the ones checked.
    const answers = [];
    await page.goto("/jolieville/factures");
    await page.locator('a[href^="/jolieville/factures/"]').first().click();
    await page.waitForURL(/\/jolieville\/factures\/[0-9a-f-]+$/);
    const invoicePdf = page.waitForResponse((r) => r.url().includes("/api/factures/") && r.url().endsWith("/pdf"));
    await page.getByRole("button", { name: "Télécharger la facture (PDF)" }).click();
    answers.push(await invoicePdf);
    await page.goto("/jolieville/mes-donnees");
    const archive = page.waitForResponse((r) => r.url().includes("/api/donnees/"));
    await page.getByRole("button", { name: /Télécharger/ }).first().click();
    answers.push(await archive);
    for (const response of answers) {
      expect(response.status(), response.url()).toBe(200);
      const headers = await response.allHeaders();
      expectSecurityHeaders(response.url(), headers);
      expect(headers["content-disposition"], response.url()).toContain("attachment");
    }
  });
});

describe("legal pages", () => {
  it("the platform's footer links its legal pages, which render on a 375 px phone", async () => {
    const page = await newPage(browser, 375);
    await page.goto("/connexion");
    const hrefs = await footerLinks(page);
    expect(hrefs).toEqual(["/mentions-legales", "/confidentialite", "/conditions-utilisation", "/accessibilite"]);
    for (const href of hrefs) {
      await page.goto(href);
      await page.getByRole("heading", { level: 1 }).waitFor();
    }
    await page.getByText("non conforme").first().waitFor();
    await page.getByRole("heading", { name: /Vérifications à la main du/ }).waitFor();
    await page.getByText("Défenseur des droits", { exact: false }).first().waitFor();
  });

  it("a commune's pages name the commune as data controller, readable without an account", async () => {
    const page = await newPage(browser, 375);
    await page.goto("/jolieville/confidentialite");
    await page.getByText("la commune de Jolieville", { exact: false }).first().waitFor();
    expect(await footerLinks(page)).toEqual(["/jolieville/mentions-legales", "/jolieville/confidentialite", "/jolieville/conditions-utilisation", "/jolieville/accessibilite"]);
    await page.goto("/jolieville/accessibilite");
    await page.getByRole("heading", { name: "Voies de recours" }).waitFor();
    const missing = await page.goto("/commune-inconnue/mentions-legales");
    expect(missing?.status()).toBe(404);
  });

  it("a signed-in family's commune pages link the commune's own legal pages", async () => {
    const page = await newPage(browser);
    await signIn(page, "parent@recre.test");
    await page.goto("/jolieville");
    expect((await footerLinks(page))[3]).toBe("/jolieville/accessibilite");
    expect(BASE_URL).toBeTruthy();
  });
});
