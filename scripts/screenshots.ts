/**
 * Screenshots of pages as a signed-in user, at desktop and phone widths, for a human look:
 *   npx tsx scripts/screenshots.ts parent@recre.test /compte /jolieville
 * Writes PNGs to .data/screenshots/ from the server at E2E_BASE_URL (default http://localhost:3100, as the browser tests).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { launchBrowser, newPage, signIn } from "../tests/e2e/harness";

const [account, ...paths] = process.argv.slice(2);
const out = path.resolve(".data", "screenshots");
mkdirSync(out, { recursive: true });

async function main() {
  const browser = await launchBrowser();
  try {
  for (const width of [1280, 375]) {
    const page = await newPage(browser, width, { checkAccessibility: false });
    if (account && account !== "-") await signIn(page, account);
    for (const p of paths) {
      await page.goto(p);
      await page.waitForLoadState("networkidle", { timeout: 8000 }).catch(() => undefined);
      const file = path.join(out, `${(account ?? "anon").split("@")[0]}${p.replaceAll("/", "_").replace(/[?=&]/g, "-")}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
  }
  } finally {
    await browser.close();
  }
}

void main();
