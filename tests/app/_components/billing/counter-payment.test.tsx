import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BasketActions, DueDateLine, DueInvoiceList } from "@/app/_components/billing/counter-payment";
import { messages } from "@/common/messages";

const apostrophes = (html: string) => html.replaceAll("&#x27;", "'");
const basket = (online: boolean, totalCents: number) =>
  apostrophes(renderToStaticMarkup(createElement(BasketActions, { online, totalCents, busy: false, onEmpty: () => {}, onPay: () => {} })));

describe("paying without an online provider", () => {
  it("lists what is due on each invoice with the counter to pay it, and nothing to tick or pay", () => {
    const html = apostrophes(
      renderToStaticMarkup(createElement(DueInvoiceList, { commune: "jolieville", invoices: [{ id: "i1", number: "2026-000002", periodLabel: "Novembre 2026", remainingCents: 1560, dueDate: "2026-12-15" }] })),
    );
    expect(html).toContain(messages.onlinePayment.unavailable);
    expect(html).toContain("Facture 2026-000002 — Novembre 2026");
    expect(html).toContain("15,60");
    expect(html).not.toMatch(/<button|<input|Payer/);
  });

  it("offers no « Payer » button in the basket, only the counter; a basket the credit covers is still confirmed", () => {
    expect(basket(false, 720)).toContain(messages.onlinePayment.basketUnavailable);
    expect(basket(false, 720)).not.toContain("Payer");
    expect(basket(false, 0)).toContain("Confirmer (réglé par votre crédit)");
    expect(basket(true, 720)).toContain("Payer 7,20");
    expect(basket(true, 720)).not.toContain(messages.onlinePayment.basketUnavailable);
  });
});

describe("an invoice's due date", () => {
  it("says when an invoice still due is past its date, rather than « à régler avant » a day gone by", () => {
    const line = (overdue: boolean) => renderToStaticMarkup(createElement(DueDateLine, { dueDate: "2026-11-15", overdue }));
    expect(line(false)).toContain("À régler avant le 15 novembre 2026");
    expect(line(true)).toContain("Échéance dépassée : à régler depuis le 15 novembre 2026");
    expect(line(true)).not.toContain("avant le");
  });
});
