import { beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../fixtures/demo";
import { demoIds } from "../../fixtures/demo-ids";

let ids: Record<string, string>;

beforeAll(async () => {
  await loadDemo();
  ids = (await demoIds()).ids;
});

describe("front desk: a household's invoices and credit notes", () => {
  it("lower the household's balance by an avoir, up to what remains creditable", async () => {
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const householdId = ids["JOL-00057"]!;
    const before = await agent.payments.statement({ householdId });
    const [invoice] = await agent.invoices.householdInvoices({ householdId });
    const note = await agent.invoices.creditNote({ invoiceId: invoice!.id, amountCents: 350, reason: "Repas non servi" });
    expect(note).toMatchObject({ number: expect.stringMatching(/^AV-2026-\d{6}$/), amountCents: 350 });

    const after = await agent.payments.statement({ householdId });
    expect(after.balanceCents).toBe(before.balanceCents - 350);
    expect(after.lines.at(-1)).toMatchObject({ kind: "credit_note", label: `Avoir ${note.number} — Repas non servi`, amountCents: -350 });
    const detail = await agent.invoices.staffDetail({ invoiceId: invoice!.id });
    expect(detail).toMatchObject({ creditedCents: 350, remainingCents: 1210, paid: false });
    expect(detail.creditNotes.map((c) => [c.number, c.amountCents, c.reason])).toEqual([[note.number, 350, "Repas non servi"]]);

    // 15,60 € billed, 3,50 € already credited: 12,11 € is one cent too many, with a French message on the amount.
    await expect(agent.invoices.creditNote({ invoiceId: invoice!.id, amountCents: 1211, reason: "Trop" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.billing.creditNote.tooMuch(formatMoney(1210)),
    });
    await expect(agent.invoices.creditNote({ invoiceId: invoice!.id, amountCents: 100, reason: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
