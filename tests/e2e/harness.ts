import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

export const BASE_URL = process.env.E2E_BASE_URL ?? `http://localhost:${process.env.E2E_PORT ?? "3100"}`;
export const DEMO_PASSWORD = "demo-recre-2026";
/** "Today" for the demo data and every journey. */
export const DEMO_NOW = "2026-11-25T09:00:00+01:00";

/** Debian's Chromium, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * A page whose `goto`, `reload` and `waitForURL` return once React has hydrated (the app marks
 * `<html data-hydrated>`), so a journey never clicks a button that is not wired yet, and once axe
 * has found no serious or critical violation on the HTML page reached: every page a journey
 * visits is checked. After a change within a page, call `expectAccessible` again.
 * `checkAccessibility: false` is for tools that only look (screenshots).
 */
export async function newPage(browser: Browser, width = 1280, options: { checkAccessibility?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width, height: 900 }, locale: "fr-FR" });
  const page = await context.newPage();
  const check = options.checkAccessibility ?? true;
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  const waitForURL = page.waitForURL.bind(page);
  page.goto = async (...args) => afterNavigation(page, await goto(...args), check);
  page.reload = async (...args) => afterNavigation(page, await reload(...args), check);
  // A link or a form that leads to another page: checked once the journey says it arrived.
  page.waitForURL = async (...args) => {
    await waitForURL(...args);
    if (await page.evaluate(() => document.contentType === "text/html")) await afterHtml(page, check);
  };
  return page;
}

async function afterNavigation<R extends { headers(): Record<string, string> } | null>(page: Page, response: R, check: boolean): Promise<R> {
  if (response?.headers()["content-type"]?.includes("text/html")) await afterHtml(page, check);
  return response;
}

async function afterHtml(page: Page, check: boolean) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 30_000 });
  // After a client-side navigation (a sign-in, a form's redirect) the new page's <title> arrives with
  // its streamed metadata, a moment after the URL changed: axe must see the page, not the gap between.
  await page.waitForFunction(() => document.title.trim() !== "", null, { timeout: 30_000 });
  if (!check) return;
  await expectAccessible(page);
  await expectFitsScreen(page);
}

/** On a phone-sized viewport, the page never scrolls sideways (wide tables scroll inside their box). */
export async function expectFitsScreen(page: Page) {
  const width = page.viewportSize()?.width ?? 0;
  if (width > 480) return;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`Page plus large que l'écran de ${overflow} px à ${width} px (${page.url()})`);
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const monthIndex = (title: string) => {
  const [name, year] = title.trim().split(" ");
  return Number(year) * 12 + MONTHS.indexOf(name ?? "");
};

/** Opens a planning page in the month view on `month` ("décembre 2026"), one step at a time. */
export async function openPlanningMonth(page: Page, path: string, month: string, activity: string) {
  await page.goto(path);
  const monthView = page.getByRole("button", { name: "Mois", exact: true });
  await monthView.click();
  await page.getByRole("button", { name: "Mois", exact: true, pressed: true }).waitFor();
  const title = page.locator("h2[aria-live]");
  for (let step = 0; step < 24; step++) {
    const current = ((await title.textContent()) ?? "").trim();
    const distance = monthIndex(month) - monthIndex(current);
    if (distance === 0) break;
    await page.getByRole("button", { name: distance > 0 ? "Période suivante" : "Période précédente" }).click();
    await page.waitForFunction((before) => document.querySelector("h2[aria-live]")?.textContent?.trim() !== before, current);
  }
  await page.getByRole("heading", { name: month }).waitFor();
  await page.getByRole("heading", { name: activity, exact: true }).waitFor();
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/connexion");
  const form = page.locator("form").filter({ has: page.getByLabel("Mot de passe", { exact: true }) });
  await form.getByLabel("Adresse e-mail").fill(email);
  await form.getByLabel("Mot de passe", { exact: true }).fill(password);
  await form.getByRole("button", { name: "Se connecter" }).click();
  // Through "/", which sends the user to their own home (app/_lib/landing.ts).
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion") && url.pathname !== "/");
}

const axeSource = createRequire(__filename)("fs").readFileSync(
  createRequire(__filename).resolve("axe-core/axe.min.js"),
  "utf8",
) as string;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page; fails on any serious or critical violation. */
export async function expectAccessible(page: Page) {
  // Evaluated through the DevTools protocol, not as an inline <script>: the page's CSP (nonces) would block one.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  const blocking = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  if (blocking.length) throw new Error(`Accessibilité (${page.url()}) :\n${blocking.join("\n")}`);
}

