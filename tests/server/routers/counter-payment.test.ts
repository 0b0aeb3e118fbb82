import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { households, invoices, payments } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";
import { callerAs, loadDemo, tenantId } from "../../fixtures/demo";
import { callHttp } from "../../fixtures/http";

let jolieville: string;
let durand: string;
let martin: string;
let november: string;
let december: string;

beforeAll(async () => {
  await loadDemo();
  jolieville = await tenantId("jolieville");
  const rows = await withPlatform((tx) => tx.select().from(households));
  durand = rows.find((r) => r.reference === "JOL-00057")!.id;
  martin = rows.find((r) => r.reference === "JOL-00042")!.id;
  november = (await withPlatform((tx) => tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.number, "2026-000002"))))[0]!.id;
  december = await withTenant(jolieville, async (tx) => {
    const number = await nextDocumentNumber(tx, jolieville, "invoice", 2026);
    const [row] = await tx
      .insert(invoices)
      .values({ tenantId: jolieville, householdId: durand, number, kind: "monthly", periodLabel: "Décembre 2026", issuedAt: new Date("2026-11-27T09:00:00Z"), dueDate: "2026-12-15", totalCents: 2000 })
      .returning({ id: invoices.id });
    return row!.id;
  });
});

const record = (allocations: { invoiceId: string; amount: string }[], amount = "30,00", householdId = durand) =>
  callHttp("payments.recordCounterPayment", { householdId, method: "cheque", amount, reference: "Chèque 42", allocations, idempotencyKey: randomUUID() }, { as: "agent@jolieville.test", commune: "jolieville" });
const paymentCount = async () => (await withPlatform((tx) => tx.select().from(payments).where(eq(payments.tenantId, jolieville)))).length;

describe("a counter payment split by hand", () => {
  it("refuses, naming the invoice or the split, more than an invoice still owes, more than the payment, or an invoice not due; writes nothing", async () => {
    const before = await paymentCount();
    const tooMuch = await record([{ invoiceId: november, amount: "16,00" }]);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.error).toMatchObject({ message: "Répartition : la facture 2026-000002 ne reste due que de 15,60\u00a0€.", data: { field: "allocations" } });
    const overSplit = await record([
      { invoiceId: november, amount: "15,60" },
      { invoiceId: december, amount: "20,00" },
    ]);
    expect(overSplit.error).toMatchObject({ message: "Répartition : la somme répartie dépasse le montant du règlement." });
    const martinInvoice = (await withPlatform((tx) => tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.householdId, martin))))[0]!.id;
    expect((await record([{ invoiceId: martinInvoice, amount: "1,00" }])).error?.message).toBe("Répartition : facture introuvable ou déjà réglée.");
    const badAmount = await record([{ invoiceId: november, amount: "-2" }]);
    expect(badAmount.status).toBe(400);
    expect(badAmount.error!.message).toMatch(/^Montant : saisissez un montant en euros/);
    expect(await paymentCount()).toBe(before);
  });

  it("allocates as asked rather than oldest first, the rest staying as credit", async () => {
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const result = await agent.payments.recordCounterPayment({
      householdId: durand,
      method: "cheque",
      amount: "30,00",
      reference: "Chèque 42",
      idempotencyKey: randomUUID(),
      allocations: [
        { invoiceId: december, amount: "20,00" },
        { invoiceId: november, amount: "5,00" },
      ],
    });
    expect(result.allocations.map((a) => [a.invoiceId, a.amountCents])).toEqual([
      [december, 2000],
      [november, 500],
    ]);
    expect(result).toMatchObject({ creditCents: 500, balanceCents: 560 });
    // Without a split, the oldest invoice first (unchanged behaviour).
    const oldest = await agent.payments.recordCounterPayment({ householdId: durand, method: "cash", amount: "5,60", reference: "", idempotencyKey: randomUUID() });
    expect(oldest.balanceCents).toBe(0);
  });
});

describe("a counter payment submitted twice", () => {
  it("records one payment for 20 identical submissions of one opened form (same idempotency key), and another for a new form", async () => {
    const before = await paymentCount();
    const idempotencyKey = randomUUID();
    const submit = (key: string) =>
      callHttp("payments.recordCounterPayment", { householdId: durand, method: "cash", amount: "1,00", reference: "", idempotencyKey: key }, { as: "agent@jolieville.test", commune: "jolieville" });
    const answers = await Promise.all(Array.from({ length: 20 }, () => submit(idempotencyKey)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(await paymentCount()).toBe(before + 1);
    // Every answer names the one payment recorded.
    expect(new Set(answers.map((a) => (a.result as { paymentId: string }).paymentId)).size).toBe(1);
    expect((await submit(randomUUID())).status).toBe(200);
    expect(await paymentCount()).toBe(before + 2);
  });

  it("refuses a submission without its form's key, naming nothing half-written", async () => {
    const before = await paymentCount();
    const answer = await callHttp("payments.recordCounterPayment", { householdId: durand, method: "cash", amount: "1,00", reference: "" }, { as: "agent@jolieville.test", commune: "jolieville" });
    expect(answer.status).toBe(400);
    expect(await paymentCount()).toBe(before);
  });
});
