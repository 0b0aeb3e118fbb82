import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MissingInvoiceHelp } from "@/app/[commune]/(famille)/factures/help";

const render = (billingModes: { prepaid: boolean; invoice: boolean }) =>
  renderToStaticMarkup(createElement(MissingInvoiceHelp, { commune: "val-fleuri", billingModes })).replaceAll("&#x27;", "'");

describe("« Je ne trouve pas ma facture »", () => {
  it("speaks of month-end runs only where the commune invoices at the end of the month", () => {
    expect(render({ prepaid: true, invoice: false })).not.toContain("vers le 27");
    expect(render({ prepaid: true, invoice: false })).toContain("Chaque panier payé en ligne donne une facture");
    expect(render({ prepaid: false, invoice: true })).toContain("vers le 27");
    expect(render({ prepaid: false, invoice: true })).not.toContain("panier");
  });
});
