import { now as clockNow } from "@/common/clock";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bookings, households, invoices, paymentAllocations, payments } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { staffActor, type Actor } from "@/server/domain/scope";
import { householdBalance, householdStatement } from "@/server/domain/billing/ledger";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";
import { recordCounterPayment, unpaidInvoices } from "@/server/domain/billing/payments";
import { invoiceStandings } from "@/server/domain/billing/standing";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { book, BOOKING_NOW, demoIds } from "../../../fixtures/demo-ids";
import { userId } from "../../../fixtures/demo";
import { loadDemo } from "../../../fixtures/demo";

let j: Tenant;
let durand: string;
let agent: string;
let voisin: Actor;
let tom: string;
let cantine: string;
const issued: { id: string; number: string }[] = [];

let fresh: string;

async function issueInvoice(totalCents: number, at: string, householdId = fresh) {
  return withTenant(j.id, async (tx) => {
    const number = await nextDocumentNumber(tx, j.id, "invoice", 2026);
    const [row] = await tx
      .insert(invoices)
      .values({ tenantId: j.id, householdId, number, kind: "monthly", periodLabel: at.slice(0, 7), issuedAt: new Date(at), dueDate: at.slice(0, 10), totalCents })
      .returning({ id: invoices.id, number: invoices.number });
    return row!;
  });
}

beforeAll(async () => {
  await loadDemo();
  const d = await demoIds();
  j = d.jolieville;
  durand = d.ids["JOL-00057"]!;
  voisin = d.voisin;
  tom = d.ids.Tom!;
  cantine = d.ids.Cantine!;
  agent = await userId("agent@jolieville.test");
  // A family with no history, so the seeded invoices do not get in the way.
  fresh = await withPlatform(async (tx) => {
    const [h] = await tx.insert(households).values({ tenantId: j.id, reference: "JOL-09000", name: "Famille Petit", addressLine: "5 rue Basse", postalCode: "69120", city: "Jolieville" }).returning();
    return h!.id;
  });
  issued.push(await issueInvoice(4000, "2026-10-28T09:00:00Z"), await issueInvoice(2500, "2026-11-27T09:00:00Z"));
});

const pay = (amountCents: number, allocations?: { invoiceId: string; amountCents: number }[], at = new Date("2026-11-25T10:00:00Z")) =>
  withTenant(j.id, (tx) => recordCounterPayment({ tx, tenant: j, actor: staffActor(agent, ["agent"]), now: at }, { householdId: fresh, method: "cheque", amountCents, reference: "Chèque n° 1234567", allocations }));

describe("payments at the counter", () => {
  it("allocates to the oldest unpaid invoice first", async () => {
    const result = await pay(5000);
    expect(result.allocations).toEqual([
      { invoiceId: issued[0]!.id, number: issued[0]!.number, amountCents: 4000 },
      { invoiceId: issued[1]!.id, number: issued[1]!.number, amountCents: 1000 },
    ]);
    expect(result).toMatchObject({ creditCents: 0, balanceCents: 1500 });
    const [first] = await withTenant(j.id, (tx) => invoiceStandings(tx, j.id, [fresh]));
    expect(first).toMatchObject({ id: issued[0]!.id, remainingCents: 0, status: "paid" });
    expect((await withTenant(j.id, (tx) => unpaidInvoices({ tx, tenant: j }, { householdId: fresh }))).map((i) => [i.number, i.remainingCents])).toEqual([[issued[1]!.number, 1500]]);
  });

  it("never allocates more than an invoice's remaining due, and writes nothing when refused", async () => {
    const before = await withPlatform((tx) => tx.select().from(payments));
    await expect(pay(2000, [{ invoiceId: issued[1]!.id, amountCents: 1600 }])).rejects.toMatchObject({ code: "BAD_REQUEST", field: "allocations" });
    await expect(pay(1000, [{ invoiceId: issued[1]!.id, amountCents: 1200 }])).rejects.toMatchObject({ code: "BAD_REQUEST" });
    for (const bad of [0, -300, 12.5]) await expect(pay(bad)).rejects.toMatchObject({ code: "BAD_REQUEST", field: "amount", message: expect.stringMatching(/^Montant : /) });
    // A cheque without its number could not be found again at the bank deposit.
    const noNumber = withTenant(j.id, (tx) => recordCounterPayment({ tx, tenant: j, actor: staffActor(agent, ["agent"]), now: clockNow() }, { householdId: fresh, method: "cheque", amountCents: 100, reference: "  " }));
    await expect(noNumber).rejects.toMatchObject({ code: "BAD_REQUEST", field: "reference", message: expect.stringMatching(/^Référence : indiquez le numéro du chèque/) });
    expect(await withPlatform((tx) => tx.select().from(payments))).toHaveLength(before.length);
  });

  it("leaves an overpayment as credit, and the statement's running balance ends on the balance", async () => {
    const result = await pay(2000, undefined, new Date("2026-11-30T10:00:00Z"));
    expect(result).toMatchObject({ creditCents: 500, balanceCents: -500 });
    expect(result.allocations).toEqual([{ invoiceId: issued[1]!.id, number: issued[1]!.number, amountCents: 1500 }]);
    expect(await withTenant(j.id, (tx) => unpaidInvoices({ tx, tenant: j }, { householdId: fresh }))).toEqual([]);
    const statement = await withTenant(j.id, (tx) => householdStatement({ tx: tx, tenant: j }, { householdId: fresh }));
    expect(statement.map((l) => [l.amountCents, l.balanceAfterCents])).toEqual([
      [4000, 4000],
      [-5000, -1000],
      [2500, 1500],
      [-2000, -500],
    ]);
    expect(statement[1]!.label).toBe("Règlement (Chèque) — Chèque n° 1234567");
    // A later invoice is first paid by that credit.
    const third = await issueInvoice(800, "2026-12-27T09:00:00Z");
    expect((await withTenant(j.id, (tx) => unpaidInvoices({ tx, tenant: j }, { householdId: fresh }))).map((i) => [i.id, i.remainingCents])).toEqual([[third.id, 300]]);
    const mine = await withPlatform((tx) => tx.select({ id: payments.id }).from(payments).where(eq(payments.householdId, fresh)));
    const allocations = await withPlatform((tx) => tx.select().from(paymentAllocations).where(eq(paymentAllocations.tenantId, j.id)));
    expect(allocations.filter((a) => mine.some((m) => m.id === a.paymentId)).reduce((s, a) => s + a.amountCents, 0)).toBe(6500);
  });

  it("refuses new bookings above the commune's debt threshold, with the amount owed", async () => {
    const owed = await withTenant(j.id, (tx) => householdBalance({ tx: tx, tenant: j }, { householdId: durand }));
    await issueInvoice(4530 - owed, "2026-11-20T09:00:00Z", durand);
    expect(await withTenant(j.id, (tx) => householdBalance({ tx: tx, tenant: j }, { householdId: durand }))).toBe(4530);
    const strict = { ...j, debtBlockCents: 1000 };
    const [refused] = await book(strict, voisin, [{ childId: tom, activityId: cantine, date: "2026-12-07", action: "book" }], BOOKING_NOW);
    expect(refused).toMatchObject({
      result: "refused",
      message: "Votre compte présente un solde dû de 45,30\u00a0€ : réglez-le en ligne depuis la page « Factures » ou au guichet de la mairie pour réserver à nouveau.",
      payHref: "/jolieville/factures",
    });
    expect(await withPlatform((tx) => tx.select().from(bookings).where(eq(bookings.date, "2026-12-07")))).toEqual([]);
    // Below the threshold, or without one, booking works.
    const [ok] = await book({ ...j, debtBlockCents: 5000 }, voisin, [{ childId: tom, activityId: cantine, date: "2026-12-07", action: "book" }], BOOKING_NOW);
    expect(ok).toMatchObject({ result: "confirmed" });
  });
});
