/**
 * The hand check behind the accessibility statement (RGAA 4.1), made repeatable: for each page of the
 * sample, at 1280 px and 375 px, it walks the page with the keyboard only (Tab, screenshots of focus
 * states), and reads the language, the headings' order, the form fields' labels, the text contrasts
 * (computed ratios) and the reflow at 200 % zoom (640 px) and 320 px. A person still looks at the
 * screenshots and decides; this prints what it measured.
 *   E2E_BASE_URL=http://localhost:3202 npx tsx scripts/a11y-hand-check.ts
 * Writes .data/a11y/report.json and .data/a11y/*.png.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser, newPage, signIn } from "../tests/e2e/harness";

const out = path.resolve(".data", "a11y");
mkdirSync(out, { recursive: true });

interface Target {
  account: string | null;
  path: string | (() => Promise<string>);
  name: string;
}

const SAMPLE: Target[] = [
  { account: null, path: "/connexion", name: "connexion" },
  { account: null, path: "/jolieville", name: "commune-publique" },
  { account: "parent@recre.test", path: "/jolieville/planning", name: "planning" },
  { account: "parent@recre.test", path: "/jolieville/panier", name: "panier" },
  { account: "parent@recre.test", path: "/jolieville/dossier", name: "dossier" },
  { account: "parent@recre.test", path: "/jolieville/demandes", name: "demandes" },
  { account: "admin@jolieville.test", path: "/jolieville/admin/facturation", name: "admin-facturation" },
];

/** Everything measured in the page itself (runs in the browser). */
function inspect() {
  // Tailwind 4 colours compute as oklch(): a 1 × 1 canvas turns any CSS colour into sRGB bytes.
  const canvas = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
  const parse = (c: string) => {
    if (!c || c === "transparent") return null;
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = "rgba(0, 0, 0, 0)";
    canvas.fillStyle = c;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
    return { r: r!, g: g!, b: b!, a: a! / 255 };
  };
  const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
    const f = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el: Element | null): { r: number; g: number; b: number } => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255 };
  };
  const contrasts = new Map<string, { fg: string; bg: string; ratio: number; large: boolean; sample: string }>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.textContent?.trim()) continue;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (style.visibility === "hidden" || style.display === "none" || rect.width === 0 || el.closest("[aria-hidden=true], .sr-only")) continue;
    const fg = parse(style.color);
    if (!fg) continue;
    const bg = background(el);
    const mixed = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
    const [l1, l2] = [lum(mixed), lum(bg)].sort((a, b) => b - a);
    const ratio = Math.round(((l1! + 0.05) / (l2! + 0.05)) * 100) / 100;
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const key = `${style.color}|${JSON.stringify(bg)}`;
    const seen = contrasts.get(key);
    if (!seen || (seen.large && !large)) contrasts.set(key, { fg: style.color, bg: `rgb(${bg.r}, ${bg.g}, ${bg.b})`, ratio, large, sample: node.textContent.trim().slice(0, 40) });
  }
  const nameOf = (el: Element) => {
    const labelled = el.getAttribute("aria-labelledby");
    if (labelled) return labelled.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim();
    const label = el.getAttribute("aria-label") ?? ((el as HTMLInputElement).labels ? [...(el as HTMLInputElement).labels!].map((l) => l.textContent).join(" ") : "");
    return (label || el.getAttribute("title") || "").trim();
  };
  const fields = [...document.querySelectorAll("input:not([type=hidden]), select, textarea")].map((el) => ({
    field: `${el.tagName.toLowerCase()}[${el.getAttribute("type") ?? ""}] ${el.getAttribute("name") ?? ""}`,
    label: nameOf(el),
  }));
  return {
    lang: document.documentElement.lang,
    title: document.title,
    headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => `${h.tagName} ${h.textContent?.trim().slice(0, 60)}`),
    unlabelled: fields.filter((f) => !f.label).map((f) => f.field),
    fields: fields.length,
    contrasts: [...contrasts.values()].sort((a, b) => a.ratio - b.ratio),
    footerAccessibility: [...document.querySelectorAll("footer a")].find((a) => a.textContent?.includes("Accessibilité"))?.getAttribute("href") ?? null,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}

/** Tabs through the page: each stop's element and whether its focus is visible (outline or ring). */
async function tabThrough(page: Page, name: string, stops: number) {
  const seen: { stop: number; element: string; visibleFocus: boolean; inView: boolean }[] = [];
  // From the top of a freshly loaded page, as a keyboard user arrives: the first stop is the skip link.
  await page.reload();
  await page.waitForLoadState("networkidle", { timeout: 8000 }).catch(() => undefined);
  for (let stop = 1; stop <= stops; stop++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const ring = style.boxShadow !== "none" && style.boxShadow !== "";
      const rect = el.getBoundingClientRect();
      const text = (el.getAttribute("aria-label") ?? el.textContent ?? (el as HTMLInputElement).name ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
      return { element: `${el.tagName.toLowerCase()} « ${text} »`, visibleFocus: outline || ring, inView: rect.bottom > 0 && rect.top < window.innerHeight };
    });
    if (!info) break;
    seen.push({ stop, ...info });
    if ([1, 2, 5, 12].includes(stop)) await page.screenshot({ path: path.join(out, `${name}-tab${stop}.png`) });
  }
  return seen;
}

async function main() {
  const browser = await launchBrowser();
  const report: Record<string, unknown> = { at: new Date().toISOString() };
  try {
    for (const width of [1280, 375]) {
      const pages = new Map<string | null, Page>();
      for (const target of SAMPLE) {
        let page = pages.get(target.account);
        if (!page) {
          page = await newPage(browser, width, { checkAccessibility: false });
          // tsx names the functions it compiles with a helper the page does not have.
          await page.addInitScript({ content: "window.__name = (f) => f;" });
          if (target.account) await signIn(page, target.account);
          pages.set(target.account, page);
        }
        const p = typeof target.path === "string" ? target.path : await target.path();
        await page.goto(p);
        await page.waitForLoadState("networkidle", { timeout: 8000 }).catch(() => undefined);
        const measured = await page.evaluate(inspect);
        const keyboard = await tabThrough(page, `${target.name}-${width}`, width === 375 ? 15 : 40);
        let zoom = null;
        if (width === 1280) {
          // 200 % zoom of a 1280 × 900 window is a 640 × 450 CSS viewport; 320 px is RGAA 10.11's width.
          const reflow: Record<string, number> = {};
          for (const w of [640, 320]) {
            await page.setViewportSize({ width: w, height: w === 640 ? 450 : 640 });
            await page.waitForTimeout(300);
            reflow[`${w}px`] = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            if (w === 640) await page.screenshot({ path: path.join(out, `${target.name}-zoom200.png`), fullPage: false });
          }
          await page.setViewportSize({ width: 1280, height: 900 });
          zoom = reflow;
        }
        report[`${target.name} @${width}`] = { path: p, ...measured, contrasts: measured.contrasts.slice(0, 6), keyboard, zoom };
        console.log(`${target.name} @${width}: lang=${measured.lang} h=${measured.headings.length} unlabelled=${measured.unlabelled.length} minContrast=${measured.contrasts[0]?.ratio} noFocus=${keyboard.filter((k) => !k.visibleFocus).length}/${keyboard.length} zoom=${JSON.stringify(zoom)}`);
      }
    }
  } finally {
    writeFileSync(path.join(out, "report.json"), JSON.stringify(report, null, 2));
    await browser.close();
  }
}

void main();
