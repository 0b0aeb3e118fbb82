import { and, eq } from "drizzle-orm";
import { now as clockNow } from "@/common/clock";
import { beforeAll, describe, expect, it } from "vitest";
import { invoices, paymentAllocations, payments } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { settleInvoicePayment } from "@/server/domain/billing/invoice-payments";
import { householdBalance } from "@/server/domain/billing/ledger";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";
import { settleOnlinePayment } from "@/server/domain/billing/online-payment";
import { recordCounterPayment, unpaidInvoices } from "@/server/domain/billing/payments";
import { staffActor } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { messages } from "@/common/messages";
import { demoIds } from "../../../fixtures/demo-ids";
import { callerAs, loadDemo, userId } from "../../../fixtures/demo";
import { demoNotify, startInvoices } from "../../../fixtures/payments";

let j: Tenant;
let durand: string;
let martin: string;
/** The seeded November invoice of the Durands (15,60 €, unpaid), then two more. */
let november: { id: string; number: string };
let december: { id: string; number: string };
let january: { id: string; number: string };

async function issueInvoice(totalCents: number, at: string, householdId = durand) {
  return withTenant(j.id, async (tx) => {
    const number = await nextDocumentNumber(tx, j.id, "invoice", 2026);
    const [row] = await tx
      .insert(invoices)
      .values({ tenantId: j.id, householdId, number, kind: "monthly", periodLabel: at.slice(0, 7), issuedAt: new Date(at), dueDate: at.slice(0, 10), totalCents })
      .returning({ id: invoices.id, number: invoices.number });
    return row!;
  });
}

const inJ = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant(j.id, fn);
const balance = () => inJ((tx) => householdBalance({ tx: tx, tenant: j }, { householdId: durand }));
const due = async () => (await inJ((tx) => unpaidInvoices({ tx, tenant: j }, { householdId: durand }))).map((i) => [i.number, i.remainingCents]);
const allocationsOf = (paymentRef: string) =>
  withPlatform(async (tx) => {
    const [p] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.providerRef, paymentRef));
    return (await tx.select({ invoiceId: paymentAllocations.invoiceId, amountCents: paymentAllocations.amountCents }).from(paymentAllocations).where(eq(paymentAllocations.paymentId, p!.id))).sort(
      (a, b) => a.amountCents - b.amountCents,
    );
  });
const statusOf = async (ref: string) => (await withPlatform((tx) => tx.select({ status: payments.status }).from(payments).where(eq(payments.providerRef, ref))))[0]!.status;

beforeAll(async () => {
  await loadDemo();
  const d = await demoIds();
  j = d.jolieville;
  durand = d.ids["JOL-00057"]!;
  martin = d.ids["JOL-00042"]!;
  november = (await withPlatform((tx) => tx.select({ id: invoices.id, number: invoices.number }).from(invoices).where(and(eq(invoices.tenantId, j.id), eq(invoices.number, "2026-000002")))))[0]!;
  december = await issueInvoice(2500, "2026-11-27T09:00:00Z");
  january = await issueInvoice(800, "2026-12-27T09:00:00Z");
});

describe("paying invoices online", () => {
  it("opens one payment for the invoices ticked, for what is due on each, and changes nothing until the provider answers", async () => {
    expect(await due()).toEqual([
      [november.number, 1560],
      [december.number, 2500],
      [january.number, 800],
    ]);
    const start = await startInvoices(j, [durand], [november.id, january.id], clockNow());
    expect(start).toMatchObject({ amountCents: 2360, settled: false, url: expect.stringMatching(new RegExp(`^/jolieville/paiement/demo\\?ref=${start.ref}&montant=2360&exp=\\d+&sig=`)) });
    expect(await statusOf(start.ref)).toBe("pending");
    expect(await balance()).toBe(4860);

    const settled = await inJ((tx) => settleOnlinePayment(tx, j, start.ref, "succeeded"));
    expect(settled).toMatchObject({ status: "succeeded", applied: true });
    expect(await allocationsOf(start.ref)).toEqual([
      { invoiceId: january.id, amountCents: 800 },
      { invoiceId: november.id, amountCents: 1560 },
    ]);
    expect(await due()).toEqual([[december.number, 2500]]);
    expect(await balance()).toBe(2500);
  });

  it("applies a notification delivered twice, or two at once, exactly once", async () => {
    const start = await startInvoices(j, [durand], [december.id], clockNow());
    const answers = await Promise.all([
      inJ((tx) => settleInvoicePayment(tx, j, start.ref, "succeeded")),
      inJ((tx) => settleInvoicePayment(tx, j, start.ref, "succeeded")),
    ]);
    expect(answers.map((a) => a.applied).sort()).toEqual([false, true]);
    const again = await inJ((tx) => settleOnlinePayment(tx, j, start.ref, "succeeded"));
    expect(again).toMatchObject({ status: "succeeded", applied: false });
    // A late refusal after the success does not undo it either.
    expect(await inJ((tx) => settleOnlinePayment(tx, j, start.ref, "failed"))).toMatchObject({ status: "succeeded", applied: false });
    expect(await allocationsOf(start.ref)).toEqual([{ invoiceId: december.id, amountCents: 2500 }]);
    expect(await balance()).toBe(0);
    expect(await due()).toEqual([]);
  });

  it("changes nothing when the payment is refused; a success that arrives after a refusal still counts", async () => {
    const february = await issueInvoice(1200, "2027-01-27T09:00:00Z");
    const start = await startInvoices(j, [durand], [february.id], clockNow());
    expect(await inJ((tx) => settleOnlinePayment(tx, j, start.ref, "failed"))).toMatchObject({ status: "failed", applied: true });
    expect(await inJ((tx) => settleOnlinePayment(tx, j, start.ref, "failed"))).toMatchObject({ status: "failed", applied: false });
    expect(await allocationsOf(start.ref)).toEqual([]);
    expect(await balance()).toBe(1200);
    expect(await due()).toEqual([[february.number, 1200]]);
    await inJ((tx) => settleOnlinePayment(tx, j, start.ref, "succeeded"));
    expect(await balance()).toBe(0);
  });

  it("gives an invoice paid meanwhile at the counter only what is still due: the rest is credit", async () => {
    const march = await issueInvoice(3000, "2027-02-27T09:00:00Z");
    const start = await startInvoices(j, [durand], [march.id], clockNow());
    expect(start.amountCents).toBe(3000);
    const agent = await userId("agent@jolieville.test");
    await inJ((tx) => recordCounterPayment({ tx, tenant: j, actor: staffActor(agent, ["agent"]), now: clockNow() }, { householdId: durand, method: "cash", amountCents: 1000 }));
    await inJ((tx) => settleOnlinePayment(tx, j, start.ref, "succeeded"));
    expect(await allocationsOf(start.ref)).toEqual([{ invoiceId: march.id, amountCents: 2000 }]);
    expect(await balance()).toBe(-1000);
  });

  it("refuses another family's invoice (NOT_FOUND), a paid one, or none, writing nothing", async () => {
    const april = await issueInvoice(500, "2027-03-27T09:00:00Z");
    const before = (await withPlatform((tx) => tx.select().from(payments))).length;
    await expect(startInvoices(j, [martin], [april.id], clockNow())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startInvoices(j, [durand], [november.id], clockNow())).rejects.toMatchObject({ code: "BAD_REQUEST", field: "invoiceIds", message: messages.onlinePayment.notDue });
    await expect(startInvoices(j, [durand], [], clockNow())).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.onlinePayment.noneSelected });
    expect((await withPlatform((tx) => tx.select().from(payments))).length).toBe(before);
  });

  it("through the procedures: a family pays from « Factures à payer » with the demo provider, and sees only its own payments", async () => {
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    // 20,00 € billed; the 10,00 € of credit left from the counter covered April's 5,00 € and 5,00 € of this one: 15,00 € to pay.
    const may = await issueInvoice(2000, "2027-04-27T09:00:00Z");
    const payable = await voisin.payments.myPayableInvoices();
    expect(payable.map((p) => [p.householdId, p.invoices.map((i) => [i.id, i.remainingCents])])).toEqual([[durand, [[may.id, 1500]]]]);
    const ids = [may.id];
    const start = await voisin.payments.payInvoicesOnline({ invoiceIds: ids });
    expect(start.amountCents).toBe(1500);
    const status = await voisin.basket.paymentStatus({ ref: start.ref });
    expect(status).toMatchObject({ purpose: "invoices", status: "pending", amountCents: start.amountCents, lines: [] });
    expect(status.invoices.map((i) => i.label)).toEqual(payable[0]!.invoices.map((i) => `Facture ${i.number} — ${i.periodLabel}`));

    const parent = await callerAs("parent@recre.test", "jolieville");
    await expect(parent.basket.paymentStatus({ ref: start.ref })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(parent.payments.payInvoicesOnline({ invoiceIds: ids })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await demoNotify(start.ref, "paid", clockNow());
    expect((await voisin.basket.paymentStatus({ ref: start.ref })).status).toBe("succeeded");
    expect(await balance()).toBe(0);
    expect(await voisin.payments.myPayableInvoices()).toEqual([{ householdId: durand, invoices: [] }]);
  });
});
