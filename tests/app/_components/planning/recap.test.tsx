import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Recap, type Outcome } from "@/app/_components/planning/recap";

const names = { c1: "Sarah", a1: "Cantine", a2: "Mercredi loisirs" };
const outcome = (date: string, result: Outcome["result"], extra: Partial<Outcome> = {}): Outcome => ({
  childId: "c1",
  activityId: "a1",
  date,
  action: result === "cancelled" ? "cancel" : result === "waitlisted" ? "waitlist" : "book",
  result,
  message: "",
  ...extra,
});
const render = (outcomes: Outcome[]) => renderToStaticMarkup(createElement(Recap, { outcomes, names })).replaceAll("&#x27;", "'");

describe("the booking recap", () => {
  it("says what happened in plain French: days booked, cancellations, waiting list, refusals", () => {
    const html = render([
      outcome("2026-12-08", "confirmed", { unitPriceCents: 210, amountCents: 210 }),
      outcome("2026-12-10", "confirmed", { unitPriceCents: 210, amountCents: 210 }),
      outcome("2026-12-07", "cancelled"),
      outcome("2026-12-16", "waitlisted", { activityId: "a2" }),
      outcome("2026-12-03", "refused", { message: "Délai de réservation dépassé" }),
    ]);
    expect(html).toContain("2 jours réservés · 1 annulation · 1 place en liste d'attente · 1 demande refusée.");
    expect(html).not.toContain("annulé(s)");
    expect(html).toContain("Total des jours réservés");
    expect(html).toContain("4,20");
  });

  it("does not call days held in a prepaid basket booked: they are still to be paid", () => {
    const html = render([outcome("2026-12-08", "confirmed", { held: true, unitPriceCents: 360, amountCents: 360 })]);
    expect(html).toContain("1 jour ajouté au panier, à payer pour confirmer.");
    expect(html).not.toContain("réservé");
    expect(html).toContain("Total des jours ajoutés au panier");
  });

  it("on a phone, repeats the child and the activity under the date (their columns are hidden)", () => {
    const html = render([outcome("2026-12-01", "confirmed", { unitPriceCents: 210, amountCents: 210, pricingLabel: "QF 400 à moins de 700, résident" })]);
    expect(html).toContain("Sarah · Cantine · QF 400 à moins de 700, résident");
    expect(html).toContain("mardi 1er décembre");
  });
});
