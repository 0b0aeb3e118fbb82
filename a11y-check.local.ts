/** Local helper (not committed): keyboard walk, focus visibility, headings, labels, 200 % zoom on a few pages. */
import path from "node:path";
import { launchBrowser, newPage, signIn } from "./tests/e2e/harness";

const [account, ...paths] = process.argv.slice(2);

async function main() {
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser, 1280, { checkAccessibility: false });
    if (account && account !== "-") await signIn(page, account);
    for (const p of paths) {
      await page.goto(p);
      await page.waitForLoadState("networkidle", { timeout: 8000 }).catch(() => undefined);
      const headings = await page.evaluate(() => [...document.querySelectorAll("h1,h2,h3,h4")].map((h) => `${h.tagName}:${h.textContent?.trim().slice(0, 40)}`));
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll("input:not([type=hidden]),select,textarea")]
          .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby"))
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      // Keyboard: Tab through the page, note each focused element and whether a focus indicator is drawn.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const stops: string[] = [];
      const invisible: string[] = [];
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press("Tab");
        const info = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const s = getComputedStyle(el);
          const visible = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
          return { label: `${el.tagName.toLowerCase()}:${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 30)}`, visible };
        });
        if (!info) break;
        if (stops.includes(info.label) && stops[0] === info.label) break;
        stops.push(info.label);
        if (!info.visible) invisible.push(info.label);
      }
      // 200 % zoom: the same page in a 640 px wide viewport (1280 px screen at 200 %): no sideways scroll.
      await page.setViewportSize({ width: 640, height: 450 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await page.screenshot({ path: path.resolve(".data/screenshots", `zoom200${p.replaceAll("/", "_").replace(/[?=&]/g, "-")}.png`), fullPage: false });
      await page.setViewportSize({ width: 1280, height: 900 });
      console.log(JSON.stringify({ page: p, headings, unlabelled, tabStops: stops.length, stops: stops.slice(0, 25), invisibleFocus: invisible, overflowAt200: overflow }, null, 1));
    }
  } finally {
    await browser.close();
  }
}
void main();
