import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invoices, paymentAllocations, payments } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { getBasket } from "@/server/domain/billing/basket";
import { payableInvoices } from "@/server/domain/billing/invoice-payments";
import { householdBalance } from "@/server/domain/billing/ledger";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";
import { PAYMENT_WINDOW_MINUTES } from "@/server/domain/billing/open-payments";
import { settleOnlinePayment } from "@/server/domain/billing/online-payment";
import { parentActor } from "@/server/domain/scope";
import { unpaidInvoices } from "@/server/domain/billing/payments";
import type { Actor } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { messages } from "@/common/messages";
import { book, BOOKING_NOW, demoIds } from "../../../fixtures/demo-ids";
import { loadDemo } from "../../../fixtures/demo";
import { demoNotify, startBasket, startInvoices } from "../../../fixtures/payments";

let j: Tenant;
let vf: Tenant;
let durand: string;
let martinVf: string;
let parentVf: Actor;
let louise: string;
let cantine: string;
const minutes = (n: number) => new Date(BOOKING_NOW.getTime() + n * 60_000);

beforeAll(async () => {
  await loadDemo();
  const d = await demoIds();
  j = d.jolieville;
  vf = d.valFleuri;
  durand = d.ids["JOL-00057"]!;
  martinVf = d.ids["VF-0815"]!;
  parentVf = d.parentValFleuri;
  louise = d.ids.Louise!;
  cantine = d.ids["vf:Cantine"]!;
});

async function issueInvoice(tenant: Tenant, householdId: string, totalCents: number, at: string) {
  return withTenant(tenant.id, async (tx) => {
    const number = await nextDocumentNumber(tx, tenant.id, "invoice", 2026);
    const [row] = await tx
      .insert(invoices)
      .values({ tenantId: tenant.id, householdId, number, kind: "monthly", periodLabel: at.slice(0, 7), issuedAt: new Date(at), dueDate: at.slice(0, 10), totalCents })
      .returning({ id: invoices.id, number: invoices.number });
    return row!;
  });
}

const inJ = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant(j.id, fn);
const inVf = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant(vf.id, fn);
const payInvoices = (ids: string[], at: Date) => startInvoices(j, [durand], ids, at);
/** The family clicks « Payer » on the demo page: its form is posted to the notification route. */
const demo = (_tenant: Tenant, _householdId: string, ref: string, at: Date) => demoNotify(ref, "paid", at);
const statusOf = async (ref: string) => (await withPlatform((tx) => tx.select({ status: payments.status }).from(payments).where(eq(payments.providerRef, ref))))[0]!.status;
const countPayments = async (householdId: string) => (await withPlatform((tx) => tx.select().from(payments).where(eq(payments.householdId, householdId)))).length;
const allocatedTo = async (invoiceId: string) =>
  (await withPlatform((tx) => tx.select({ cents: paymentAllocations.amountCents }).from(paymentAllocations).where(eq(paymentAllocations.invoiceId, invoiceId)))).reduce((s, a) => s + a.cents, 0);
const canteen = (date: string) => ({ childId: louise, activityId: cantine, date, action: "book" as const });

describe("an online payment still open", () => {
  it("is given back when the same invoices are paid again (a second tab): they cannot be paid twice", async () => {
    const november = (await inJ((tx) => unpaidInvoices({ tx, tenant: j }, { householdId: durand })))[0]!;
    const before = await countPayments(durand);
    const first = await payInvoices([november.id], minutes(0));
    const second = await payInvoices([november.id], minutes(5));
    expect(second).toEqual(first);
    expect(await countPayments(durand)).toBe(before + 1);
    await demo(j, durand, first.ref, minutes(6));
    expect(await inJ((tx) => settleOnlinePayment(tx, j, second.ref, "succeeded", minutes(7)))).toMatchObject({ applied: false });
    expect(await allocatedTo(november.id)).toBe(november.remainingCents);
    expect(await inJ((tx) => householdBalance({ tx: tx, tenant: j }, { householdId: durand }))).toBe(0);
  });

  it("is replaced by a newer choice of those invoices, whose old page then takes nothing", async () => {
    const december = await issueInvoice(j, durand, 2500, "2026-11-27T09:00:00Z");
    const january = await issueInvoice(j, durand, 800, "2026-12-27T09:00:00Z");
    const one = await payInvoices([december.id], minutes(10));
    const both = await payInvoices([december.id, january.id], minutes(11));
    expect(both.ref).not.toBe(one.ref);
    expect(both.amountCents).toBe(3300);
    expect(await statusOf(one.ref)).toBe("cancelled");
    // The replaced payment's page may still be posted: nothing is applied.
    expect(await demo(j, durand, one.ref, minutes(12))).toMatchObject({ outcome: "unchanged", status: "cancelled" });
    expect(await inJ((tx) => settleOnlinePayment(tx, j, one.ref, "succeeded", minutes(12)))).toMatchObject({ status: "cancelled", applied: false });
    await demo(j, durand, both.ref, minutes(13));
    expect(await inJ((tx) => householdBalance({ tx: tx, tenant: j }, { householdId: durand }))).toBe(0);
  });

  it("stops holding anything once its page has closed: abandoned, it blocks nothing, and cannot be paid any more", async () => {
    const february = await issueInvoice(j, durand, 1200, "2027-01-27T09:00:00Z");
    const abandoned = await payInvoices([february.id], minutes(20));
    const later = minutes(20 + PAYMENT_WINDOW_MINUTES + 1);
    const fresh = await payInvoices([february.id], later);
    expect(fresh.ref).not.toBe(abandoned.ref);
    // Its page closed: the demo provider reports it abandoned, never paid.
    expect(await demo(j, durand, abandoned.ref, later)).toMatchObject({ outcome: "applied", status: "failed" });
    await demo(j, durand, fresh.ref, later);
    expect(await inJ((tx) => householdBalance({ tx: tx, tenant: j }, { householdId: durand }))).toBe(0);
  });

  it("of invoices is left out of the basket's total, so a debt paid from « Factures » is not paid again with the basket", async () => {
    // The Martins' 3,60 € credit takes 3,60 € off a 10,00 € invoice: 6,40 € due.
    const debt = await issueInvoice(vf, martinVf, 1000, "2026-11-20T09:00:00Z");
    const invoicePayment = await startInvoices(vf, [martinVf], [debt.id], minutes(30));
    expect(invoicePayment.amountCents).toBe(640);
    await book(vf, parentVf, [canteen("2026-12-14")], minutes(30));
    const basket = await inVf((tx) => getBasket({ tx, tenant: vf, now: minutes(31) }, { householdId: martinVf }));
    expect(basket).toMatchObject({ subtotalCents: 360, dueCents: 0, pendingCents: 640, totalCents: 360 });
    const basketPayment = await startBasket(vf, martinVf, minutes(31));
    expect(basketPayment.amountCents).toBe(360);
    await demo(vf, martinVf, basketPayment.ref, minutes(32));
    await demo(vf, martinVf, invoicePayment.ref, minutes(33));
    expect(await allocatedTo(debt.id)).toBe(640);
    expect(await inVf((tx) => householdBalance({ tx: tx, tenant: vf }, { householdId: martinVf }))).toBe(0);
  });

  it("of a basket holds the debts added to its total: « Factures » does not ask them again, and a changed basket replaces it", async () => {
    const debt = await issueInvoice(vf, martinVf, 500, "2026-11-21T09:00:00Z");
    await book(vf, parentVf, [canteen("2026-12-15")], minutes(40));
    const first = await startBasket(vf, martinVf, minutes(40));
    expect(first.amountCents).toBe(860);
    await expect(startInvoices(vf, [martinVf], [debt.id], minutes(41))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.onlinePayment.inBasketPayment(debt.number, PAYMENT_WINDOW_MINUTES),
    });
    const [payable] = await inVf((tx) => payableInvoices({ tx, tenant: vf, actor: parentActor(randomUUID(), [martinVf]), now: minutes(41) }));
    expect(payable!.invoices.map((i) => [i.number, i.remainingCents, i.openPaymentUrl])).toEqual([[debt.number, 0, first.url]]);
    // A second tab: the same payment. A day added: a new one, for the whole basket, and the old one is closed.
    expect(await startBasket(vf, martinVf, minutes(42))).toEqual(first);
    await book(vf, parentVf, [canteen("2026-12-17")], minutes(43));
    const changed = await startBasket(vf, martinVf, minutes(43));
    expect(changed).toMatchObject({ amountCents: 1220 });
    expect(await statusOf(first.ref)).toBe("cancelled");
    expect(await demo(vf, martinVf, first.ref, minutes(44))).toMatchObject({ outcome: "unchanged", status: "cancelled" });
    await demo(vf, martinVf, changed.ref, minutes(44));
    expect(await allocatedTo(debt.id)).toBe(500);
    const [basketInvoice] = await withPlatform((tx) =>
      tx.select({ id: invoices.id, total: invoices.totalCents }).from(invoices).where(and(eq(invoices.householdId, martinVf), eq(invoices.kind, "basket"), eq(invoices.totalCents, 720))),
    );
    expect(await allocatedTo(basketInvoice!.id)).toBe(720);
    expect(await inVf((tx) => householdBalance({ tx: tx, tenant: vf }, { householdId: martinVf }))).toBe(0);
  });
});
