import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InvoiceView } from "@/app/_components/billing/invoice-view";

const apostrophes = (html: string) => html.replaceAll("&#x27;", "'");
const invoice = {
  number: "2026-000002",
  dueDate: "2026-12-15",
  paidCents: 0,
  accountCreditCents: 0,
  remainingCents: 1310,
  totalCents: 1560,
  creditedCents: 250,
  previousBalanceCents: -360,
  toPayCents: 1200,
  lines: [{ id: "l1", childName: "Tom Durand", kind: "meal", label: "Repas", dates: ["2026-11-02", "2026-11-03"], quantity: 2, unitPriceCents: 780, amountCents: 1560 }],
  creditNotes: [{ id: "c1", number: "AV-2026-000001", amountCents: 250, reason: "Repas non servi", issuedAt: new Date("2026-11-20T10:00:00Z") }],
};
const render = (props: Partial<Parameters<typeof InvoiceView>[0]>) =>
  apostrophes(renderToStaticMarkup(createElement(InvoiceView, { invoice, status: createElement("span", null, "À payer"), ...props })));

describe("InvoiceView", () => {
  it("shows the family and the front desk the same lines, previous balance and totals", () => {
    for (const html of [render({}), render({ staff: true, issuedOn: "01/12/2026" })]) {
      expect(html).toContain("Lignes de la facture 2026-000002");
      expect(html).toContain("Tom Durand");
      expect(html).toContain("02/11, 03/11");
      expect(html).toMatch(/Crédit antérieur|crédit/i);
      expect(html).toContain("Total de la facture");
      expect(html).toContain("À payer");
    }
  });

  it("gives the front desk the issue date and avoirs in the summary and the amount due at issue; the family its avoirs under the lines", () => {
    const staff = render({ staff: true, issuedOn: "01/12/2026" });
    expect(staff).toContain("Émise le");
    expect(staff).toContain("Total à payer (à l'émission)");
    expect(staff).not.toContain("Avoir AV-2026-000001");
    const family = render({ overdue: true });
    expect(family).not.toContain("Émise le");
    expect(family).toContain("Échéance dépassée");
    expect(family).toContain("Avoir AV-2026-000001");
  });

  it("puts each role's actions in its slot", () => {
    const html = render({ actions: createElement("button", null, "Masquer cette facture"), beforeDetail: createElement("p", null, "Payer cette facture") });
    expect(html.indexOf("Masquer cette facture")).toBeLessThan(html.indexOf("Payer cette facture"));
    expect(html.indexOf("Payer cette facture")).toBeLessThan(html.indexOf("Lignes de la facture"));
  });
});
