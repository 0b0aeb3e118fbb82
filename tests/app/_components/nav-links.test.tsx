import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

const pathname = vi.hoisted(() => ({ current: "/" }));
vi.mock("next/navigation", () => ({ usePathname: () => pathname.current }));

const { NavLinks, fitInBar } = await import("@/app/_components/nav-links");

const items = [
  { href: "/val-fleuri", label: "Ma famille", exact: true },
  { href: "/val-fleuri/planning", label: "Planning" },
  { href: "/val-fleuri/factures", label: "Factures" },
];
const current = (path: string) => {
  pathname.current = path;
  return /aria-current="page"[^>]*>([^<]+)</.exec(renderToStaticMarkup(createElement(NavLinks, { items })))?.[1] ?? null;
};

describe("the header's current section", () => {
  it("is the longest link above the page", () => {
    expect(current("/val-fleuri/factures/abc")).toBe("Factures");
    expect(current("/val-fleuri/planning")).toBe("Planning");
  });

  it("is the commune's home only on the home itself, not on a page without a link of its own", () => {
    expect(current("/val-fleuri")).toBe("Ma famille");
    expect(current("/val-fleuri/paiement/resultat")).toBeNull();
  });
});

const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);

describe("fitInBar", () => {
  it("shows every link when they all fit, without « Plus »", () => {
    expect(sorted(fitInBar([100, 100, 100], 80, 1, 300))).toEqual([0, 1, 2]);
  });

  it("keeps the first links that fit beside « Plus »", () => {
    expect(sorted(fitInBar([100, 100, 100, 100], 80, 0, 350))).toEqual([0, 1]);
  });

  it("always keeps the current page, even far down the list, before the first ones", () => {
    expect(sorted(fitInBar([100, 100, 100, 150], 80, 3, 350))).toEqual([0, 3]);
  });

  it("keeps the current page alone when nothing else fits", () => {
    expect(sorted(fitInBar([100, 100, 100, 200], 80, 3, 300))).toEqual([3]);
  });

  it("stops at the first link that does not fit, so the bar keeps the list's order", () => {
    expect(sorted(fitInBar([100, 200, 50, 50], 80, -1, 300))).toEqual([0]);
  });
});
