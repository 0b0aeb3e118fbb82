import { beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../fixtures/demo";
import { demoIds } from "../../fixtures/demo-ids";

const notFound = { code: "NOT_FOUND" };
let ids: Record<string, string>;

beforeAll(async () => {
  await loadDemo();
  ids = (await demoIds()).ids;
});

const isPdf = (base64: string) => Buffer.from(base64, "base64").subarray(0, 5).toString() === "%PDF-";

describe("front desk: a household's invoices, their PDF and credit notes", () => {
  it("give an agent or an admin of the commune any household's invoice as a PDF", async () => {
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const [durand] = await agent.invoices.householdInvoices({ householdId: ids["JOL-00057"]! });
    expect(durand).toMatchObject({ number: "2026-000002", totalCents: 1560, remainingCents: 1560, paid: false });
    const pdf = await agent.invoices.staffPdf({ invoiceId: durand!.id });
    expect(pdf).toMatchObject({ type: "application/pdf", filename: messages.billing.pdf.filename("2026-000002") });
    expect(isPdf(pdf.base64)).toBe(true);
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    expect(isPdf((await admin.invoices.staffPdf({ invoiceId: durand!.id })).base64)).toBe(true);
  });

  it("refuse the staff PDF to a parent (even of that household), a site agent and another commune's staff", async () => {
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const [martin] = await agent.invoices.householdInvoices({ householdId: ids["JOL-00042"]! });
    for (const [email, commune] of [
      ["parent@recre.test", "jolieville"],
      ["voisin@recre.test", "jolieville"],
      ["animateur@jolieville.test", "jolieville"],
      ["admin@val-fleuri.test", "jolieville"],
      ["admin@val-fleuri.test", "val-fleuri"],
    ] as const) {
      const c = await callerAs(email, commune);
      await expect(c.invoices.staffPdf({ invoiceId: martin!.id })).rejects.toMatchObject(notFound);
    }
  });

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
