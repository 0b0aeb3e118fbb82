import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

const pathname = vi.hoisted(() => ({ current: "/" }));
vi.mock("next/navigation", () => ({ usePathname: () => pathname.current }));

const { NavLinks } = await import("@/app/_components/nav-links");

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
