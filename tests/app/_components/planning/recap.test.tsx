import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Recap, summary, type Outcome } from "@/app/_components/planning/recap";

const outcome = (date: string, result: Outcome["result"]): Outcome => ({
  childId: "c1",
  activityId: "a1",
  date,
  action: result === "cancelled" ? "cancel" : "book",
  result,
  message: "",
  amountCents: result === "confirmed" ? 210 : null,
});

describe("the booking recap", () => {
  it("says only what happened, in words", () => {
    expect(summary([outcome("2026-12-03", "confirmed")])).toBe("1 jour réservé.");
    expect(summary([outcome("2026-12-03", "confirmed"), outcome("2026-12-04", "confirmed"), outcome("2026-12-07", "cancelled")])).toBe("2 jours réservés, 1 jour annulé.");
    expect(summary([outcome("2026-12-16", "waitlisted")])).toBe("1 en liste d'attente.");
    expect(summary([outcome("2026-12-16", "full")])).toBe("Aucun jour réservé ni annulé.");
  });

  it("scrolls its table in a region a keyboard can reach (axe: scrollable-region-focusable)", () => {
    const html = renderToStaticMarkup(createElement(Recap, { outcomes: [outcome("2026-12-03", "confirmed")], names: { c1: "Sarah" } }));
    expect(html).toMatch(/<div role="region" aria-label="Détail du récapitulatif" tabindex="0"[^>]*overflow-x-auto/);
    expect(html).not.toContain("(s)");
  });
});
