import { now as clockNow } from "@/common/clock";
import { beforeAll, describe, expect, it } from "vitest";
import { households, invoices } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { settleBasketPayment } from "@/server/domain/billing/basket";
import { familyInvoices, householdInvoices, invoiceDetail } from "@/server/domain/billing/invoices";
import { householdBalance } from "@/server/domain/billing/ledger";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";
import { recordCounterPayment, unpaidInvoices } from "@/server/domain/billing/payments";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { book, BOOKING_NOW, demoIds, scopeOf, familyOf } from "../../../fixtures/demo-ids";
import { loadDemo, userId } from "../../../fixtures/demo";
import { startBasket } from "../../../fixtures/payments";
import { staffActor, systemActor } from "@/server/domain/scope";

type Demo = Awaited<ReturnType<typeof demoIds>>;
let demo: Demo;
const minutes = (n: number) => new Date(BOOKING_NOW.getTime() + n * 60_000);

beforeAll(async () => {
  await loadDemo();
  demo = await demoIds();
});

/** Every view of a household's invoices, as the family, the front desk and the payment desk read them. */
async function views(tenant: Tenant, householdId: string) {
  return withTenant(tenant.id, async (tx) => {
    const family = await familyInvoices(scopeOf(tx, tenant, familyOf([householdId])));
    const desk = await householdInvoices(scopeOf(tx, tenant), { householdId });
    const details = await Promise.all(desk.map((i) => invoiceDetail(scopeOf(tx, tenant, familyOf([householdId])), { invoiceId: i.id })));
    return { family, desk, details, unpaid: await unpaidInvoices({ tx, tenant }, { householdId }), balance: await householdBalance({ tx, tenant }, { householdId }) };
  });
}

describe("an invoice's standing is the same everywhere", () => {
  it("shows a basket paid half by the account credit and half by card as paid, in every list", async () => {
    const vf = demo.valFleuri;
    const household = demo.ids["VF-0815"]!;
    const cantine = demo.ids["vf:Cantine"]!;
    const louise = demo.ids.Louise!;
    // The Martins have 3,60 € of credit (seeded credit note); a 7,20 € basket leaves 3,60 € to pay.
    await book(vf, demo.parentValFleuri, [
      { childId: louise, activityId: cantine, date: "2026-12-14", action: "book" },
      { childId: louise, activityId: cantine, date: "2026-12-15", action: "book" },
    ]);
    const start = await startBasket(vf, household, minutes(1));
    expect(start.amountCents).toBe(360);
    await withTenant(vf.id, (tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(2) }, { providerRef: start.ref, outcome: "succeeded" }));

    const v = await views(vf, household);
    expect(v.balance).toBe(0);
    expect(v.family.toPay).toEqual([]);
    expect(v.family.paid.map((i) => [i.totalCents, i.paidCents, i.accountCreditCents, i.remainingCents, i.status])).toEqual([[720, 360, 360, 0, "paid"]]);
    expect(v.desk.map((i) => [i.remainingCents, i.status])).toEqual([[0, "paid"]]);
    expect(v.details.map((i) => [i.remainingCents, i.status])).toEqual([[0, "paid"]]);
    expect(v.unpaid).toEqual([]);
  });

  it("lets an overpayment in invoice mode settle the next invoice, so the remainders add up to the balance", async () => {
    const j = demo.jolieville;
    const agent = await userId("agent@jolieville.test");
    const household = await withPlatform(async (tx) => {
      const [h] = await tx.insert(households).values({ tenantId: j.id, reference: "JOL-09100", name: "Famille Blanc", addressLine: "7 rue Neuve", postalCode: "69120", city: "Jolieville" }).returning();
      return h!.id;
    });
    const issue = (totalCents: number, at: string) =>
      withTenant(j.id, async (tx) => {
        const number = await nextDocumentNumber(tx, j.id, "invoice", 2026);
        const [row] = await tx
          .insert(invoices)
          .values({ tenantId: j.id, householdId: household, number, kind: "monthly", periodLabel: at.slice(0, 7), issuedAt: new Date(at), dueDate: at.slice(0, 10), totalCents })
          .returning({ id: invoices.id });
        return row!.id;
      });
    const november = await issue(4000, "2026-10-28T09:00:00Z");
    // 50 € at the counter for a 40 € invoice: 10 € of credit on the account.
    await withTenant(j.id, (tx) => recordCounterPayment({ tx, tenant: j, actor: staffActor(agent, ["agent"]), now: new Date("2026-11-05T10:00:00Z") }, { householdId: household, method: "cheque", amountCents: 5000, reference: "Chèque n° 77" }));
    const december = await issue(2500, "2026-11-27T09:00:00Z");

    const v = await views(j, household);
    expect(v.balance).toBe(1500);
    expect(v.family.toPay.map((i) => [i.id, i.paidCents, i.accountCreditCents, i.remainingCents, i.status])).toEqual([[december, 0, 1000, 1500, "partly_paid"]]);
    expect(v.family.paid.map((i) => [i.id, i.status])).toEqual([[november, "paid"]]);
    expect(v.desk.map((i) => [i.id, i.remainingCents, i.status])).toEqual([
      [december, 1500, "partly_paid"],
      [november, 0, "paid"],
    ]);
    expect(v.details.find((d) => d.id === december)).toMatchObject({ remainingCents: 1500, accountCreditCents: 1000, status: "partly_paid" });
    expect(v.unpaid.map((i) => [i.id, i.remainingCents])).toEqual([[december, 1500]]);
    expect(v.desk.reduce((s, i) => s + i.remainingCents, 0)).toBe(v.balance);

    // Paying the rest at the counter goes to that invoice only, and clears it.
    const paid = await withTenant(j.id, (tx) => recordCounterPayment({ tx, tenant: j, actor: staffActor(agent, ["agent"]), now: clockNow() }, { householdId: household, method: "cash", amountCents: 1500 }));
    expect(paid.allocations.map((a) => [a.invoiceId, a.amountCents])).toEqual([[december, 1500]]);
    expect((await views(j, household)).desk.map((i) => i.status)).toEqual(["paid", "paid"]);
  });
});
