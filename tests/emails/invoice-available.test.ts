import { render } from "@react-email/components";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import InvoiceAvailableEmail from "@/emails/invoice-available";

describe("the invoice notice e-mail", () => {
  it("sends families back to the « Factures » page, where paying online and the paper choice are", async () => {
    const text = await render(createElement(InvoiceAvailableEmail, { firstName: "Marc", communeName: "Jolieville", periodLabel: "Décembre 2026", url: "http://localhost/jolieville/factures" }), {
      plainText: true,
    });
    expect(text).toContain("la régler en ligne");
    expect(text).toContain("depuis la page « Factures » du portail");
    expect(text).not.toContain("Ma famille");
  });
});
