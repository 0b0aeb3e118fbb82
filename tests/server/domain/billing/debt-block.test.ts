import { now as clockNow } from "@/common/clock";
import { beforeAll, describe, expect, it } from "vitest";
import { children, enrolments, guardians, households, invoices } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { getBasket } from "@/server/domain/billing/basket";
import { householdBalance } from "@/server/domain/billing/ledger";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { messages } from "@/common/messages";
import { book, demoIds } from "../../../fixtures/demo-ids";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";
import { demoNotify } from "../../../fixtures/payments";

let j: Tenant;
let vf: Tenant;
let ids: Record<string, string>;
let lina: string;
let secondHousehold: string;

async function issueInvoice(tenant: Tenant, householdId: string, totalCents: number) {
  return withTenant(tenant.id, async (tx) => {
    const number = await nextDocumentNumber(tx, tenant.id, "invoice", 2026);
    await tx.insert(invoices).values({ tenantId: tenant.id, householdId, number, kind: "monthly", periodLabel: "Octobre 2026", issuedAt: new Date("2026-10-28T09:00:00Z"), dueDate: "2026-11-15", totalCents });
  });
}

beforeAll(async () => {
  await loadDemo();
  const d = await demoIds();
  j = d.jolieville;
  vf = d.valFleuri;
  ids = d.ids;
  // Julie Martin is also the guardian of a second Jolieville family file (a blended family), which owes 50,00 €.
  const parent = await userId("parent@recre.test");
  [secondHousehold, lina] = await withPlatform(async (tx) => {
    const [h] = await tx.insert(households).values({ tenantId: j.id, reference: "JOL-08000", name: "Famille Roche" }).returning();
    await tx.insert(guardians).values({ tenantId: j.id, householdId: h!.id, userId: parent, firstName: "Julie", lastName: "Martin", email: "parent@recre.test" });
    const [c] = await tx.insert(children).values({ tenantId: j.id, householdId: h!.id, firstName: "Lina", lastName: "Roche", birthDate: "2018-04-04", classLevel: "CE2" }).returning();
    await tx.insert(enrolments).values({ tenantId: j.id, childId: c!.id, activityId: ids.Cantine!, status: "accepted" });
    return [h!.id, c!.id];
  });
  await issueInvoice(j, secondHousehold, 5000);
});

describe("the debt threshold", () => {
  it("blocks the household of the child being booked only, and says where to pay", async () => {
    const strict = { ...j, debtBlockCents: 1000 };
    const parent = { userId: await userId("parent@recre.test"), role: "parent" as const, householdIds: [ids["JOL-00042"]!, secondHousehold], staffRoles: [] };
    const outcomes = await book(strict, parent, [
      { childId: ids.Sarah!, activityId: ids.Cantine!, date: "2026-12-07", action: "book" },
      { childId: lina, activityId: ids.Cantine!, date: "2026-12-07", action: "book" },
    ]);
    const byChild = Object.fromEntries(outcomes.map((o) => [o.childId, o]));
    expect(byChild[ids.Sarah!]).toMatchObject({ result: "confirmed" });
    expect(byChild[ids.Sarah!]!.payHref).toBeUndefined();
    expect(byChild[lina]).toMatchObject({ result: "refused", message: messages.payments.debtBlocked("50,00\u00a0€"), payHref: "/jolieville/factures" });
    expect(messages.payments.debtBlocked("50,00 €")).toMatch(/en ligne depuis la page « Factures » ou au guichet/);
  });

  it("in a prepaid commune, leaves the family a way to pay what it owes online, then to book again", async () => {
    const household = ids["VF-0815"]!;
    await issueInvoice(vf, household, 5000);
    // 50,00 € owed minus the seeded 3,60 € credit.
    expect(await withTenant(vf.id, (tx) => householdBalance({ tx: tx, tenant: vf }, { householdId: household }))).toBe(4640);
    const admin = await callerAs("admin@val-fleuri.test", "val-fleuri");
    await admin.payments.setDebtBlock({ debtBlock: "10,00" });
    const parent = await callerAs("parent@recre.test", "val-fleuri");
    const refused = await parent.reservations.applyChanges({ changes: [{ childId: ids.Louise!, activityId: ids["vf:Cantine"]!, date: "2026-12-07", action: "book" }] });
    expect(refused).toMatchObject([{ result: "refused", payHref: "/val-fleuri/factures" }]);
    // Nothing can go in the basket, but the basket shows the debt and the invoices page takes it.
    const basket = await withTenant(vf.id, (tx) => getBasket({ tx, tenant: vf, now: clockNow() }, { householdId: household }));
    expect(basket).toMatchObject({ lines: [], dueCents: 4640 });
    const [payable] = await parent.payments.myPayableInvoices();
    expect(payable!.invoices.map((i) => i.remainingCents)).toEqual([4640]);
    const start = await parent.payments.payInvoicesOnline({ invoiceIds: payable!.invoices.map((i) => i.id) });
    expect(start.amountCents).toBe(4640);
    await demoNotify(start.ref, "paid", clockNow());
    expect(await withTenant(vf.id, (tx) => householdBalance({ tx: tx, tenant: vf }, { householdId: household }))).toBe(0);
    const booked = await parent.reservations.applyChanges({ changes: [{ childId: ids.Louise!, activityId: ids["vf:Cantine"]!, date: "2026-12-07", action: "book" }] });
    expect(booked).toMatchObject([{ result: "confirmed", held: true }]);
  });
});
