import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StatementTable } from "@/app/_components/billing/statement-table";

describe("StatementTable", () => {
  it("dates each document in the commune's time zone", () => {
    // 02:30 on 1 December in Paris is still 30 November in Martinique.
    const lines = [{ id: "a", at: new Date("2026-12-01T01:30:00Z"), label: "Facture 2026-000001", amountCents: 720, balanceAfterCents: 720 }];
    const html = (timeZone: string) => renderToStaticMarkup(createElement(StatementTable, { lines, balanceCents: 720, timeZone }));
    expect(html("America/Martinique")).toContain("30/11/2026");
    expect(html("America/Martinique")).not.toContain("01/12/2026");
    expect(html("Europe/Paris")).toContain("01/12/2026");
  });
});
