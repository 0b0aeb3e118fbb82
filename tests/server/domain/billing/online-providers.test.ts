import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/paiements/[provider]/route";
import { rereadEnvForTests } from "@/config/env";
import { bookings, emailOutbox, invoices, paymentAllocations, payments } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { withPlatform, withTenant } from "@/db/transaction";
import { householdBalance, householdStatement } from "@/server/domain/billing/ledger";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";
import { onlinePaymentStatus } from "@/server/domain/billing/online-payment";
import { startInvoicePayment } from "@/server/domain/billing/payment-start";
import { unpaidInvoices } from "@/server/domain/billing/payments";
import { refundThroughProvider } from "@/server/domain/billing/refunds";
import { staffActor, type Actor } from "@/server/domain/scope";
import { setPaymentSettings, startProviderOnboarding } from "@/server/domain/tenants/payment-settings";
import { findTenantBySlug, type Tenant } from "@/server/domain/tenants/tenants";
import { messages } from "@/common/messages";
import { book, BOOKING_NOW, demoIds } from "../../../fixtures/demo-ids";
import { loadDemo, userId } from "../../../fixtures/demo";
import { startBasket } from "../../../fixtures/payments";
import { startPayfipDouble, type PayfipDouble } from "../../../fixtures/payfip-double";
import { SECRET_KEY, signedEvent, startStripeDouble, WEBHOOK_SECRET, type StripeDouble } from "../../../fixtures/stripe-double";

/**
 * The "done when", end to end through the domain and the notification route: a Val-Fleuri
 * parent pays a basket with Stripe (local double of Stripe's API), a Jolieville parent pays two
 * invoices in one PayFiP payment (local SOAP double), and every webhook of a payment replayed three
 * times and in reverse order changes nothing.
 */

let stripe: StripeDouble;
let payfip: PayfipDouble;
let d: Awaited<ReturnType<typeof demoIds>>;
let vf: Tenant;
let jv: Tenant;
let martin: string;
let louise: string;
let cantine: string;
let admin: Actor;
const minutes = (n: number) => new Date(BOOKING_NOW.getTime() + n * 60_000);

beforeAll(async () => {
  await loadDemo();
  [stripe, payfip] = await Promise.all([startStripeDouble(), startPayfipDouble()]);
  vi.stubEnv("STRIPE_SECRET_KEY", SECRET_KEY);
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET);
  vi.stubEnv("STRIPE_API_URL", stripe.url);
  vi.stubEnv("PAYFIP_SOAP_URL", payfip.soapUrl);
  vi.stubEnv("PAYFIP_PAGE_URL", payfip.pageUrl);
  rereadEnvForTests();
  d = await demoIds();
  martin = d.ids["VF-0815"]!;
  louise = d.ids.Louise!;
  cantine = d.ids["vf:Cantine"]!;
  admin = staffActor(await userId("admin@val-fleuri.test"), ["admin"]);
  // Val-Fleuri chooses Stripe and opens its account; Jolieville chooses PayFiP with its numcli, in test mode.
  await setPaymentSettings(d.valFleuri, { provider: "stripe" });
  await startProviderOnboarding({ tenant: (await findTenantBySlug("val-fleuri"))!, actor: admin, now: BOOKING_NOW }, { email: null });
  await setPaymentSettings(d.jolieville, { provider: "payfip", settings: { numcli: "012345", mode: "T" } });
  vf = (await findTenantBySlug("val-fleuri"))!;
  jv = (await findTenantBySlug("jolieville"))!;
});

afterAll(async () => {
  await setPaymentSettings(vf, { provider: "default" });
  await setPaymentSettings(jv, { provider: "default" });
  vi.unstubAllEnvs();
  rereadEnvForTests();
  await Promise.all([stripe.close(), payfip.close()]);
});

const post = async (provider: string, notification: { body: string; headers: Headers }) => {
  const response = await POST(new Request(`http://localhost/api/paiements/${provider}`, { method: "POST", body: notification.body, headers: notification.headers }), {
    params: Promise.resolve({ provider }),
  });
  return { status: response.status, body: response.status === 200 ? ((await response.json()) as { outcome: string; status: string }) : null };
};
const day = (date: string, action: "book" | "cancel" = "book") => ({ childId: louise, activityId: cantine, date, action });
const statusesOf = async (dates: string[]) =>
  (await withPlatform((tx) => tx.select({ status: bookings.status }).from(bookings).where(and(eq(bookings.childId, louise), inArray(bookings.date, dates))))).map((b) => b.status).sort();
const paymentRow = async (ref: string) => (await withPlatform((tx) => tx.select().from(payments).where(eq(payments.providerRef, ref))))[0]!;
const receipts = async (to: string) => (await withPlatform((tx) => tx.select().from(emailOutbox).where(and(eq(emailOutbox.template, "payment-receipt"), eq(emailOutbox.to, to))))).length;

/** Everything money and bookings are made of, for one household: equal before and after a replay. */
async function ledgerOf(tenant: Tenant, householdId: string, dates: string[] = []) {
  const balance = await withTenant(tenant.id, (t) => householdBalance({ tx: t, tenant: tenant }, { householdId }));
  const bookingStatuses = await statusesOf(dates);
  return withPlatform(async (tx) => ({
    payments: (await tx.select({ s: payments.status, a: payments.amountCents, p: payments.purpose }).from(payments).where(eq(payments.householdId, householdId))).map((p) => `${p.p}:${p.s}:${p.a}`).sort(),
    allocated: rowsOf<{ c: number }>(
      await tx.execute(sql`select coalesce(sum(pa.amount_cents), 0)::int as c from ${paymentAllocations} pa join ${payments} p on p.tenant_id = pa.tenant_id and p.id = pa.payment_id where p.household_id = ${householdId}`),
    )[0]?.c,
    bookings: bookingStatuses,
    outbox: (await tx.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.template, "payment-receipt"))).length,
    balance,
  }));
}

describe("a Val-Fleuri parent paying a basket with Stripe (test mode, local double)", () => {
  it("pays on the commune's connected account, gets a receipt, and a refund and every webhook replayed change nothing more", async () => {
    const account = (vf.paymentSettings as { stripe: { accountId: string } }).stripe.accountId;
    expect(account).toMatch(/^acct/);
    await book(vf, d.parentValFleuri, [day("2026-12-14"), day("2026-12-15")], minutes(0));
    const start = await startBasket(vf, martin, minutes(1));
    expect(start.url).toMatch(new RegExp(`^${stripe.url}/pay/cs_test_`));
    const sent = stripe.requests.filter((r) => r.path === "/v1/checkout/sessions").at(-1)!;
    expect(sent.headers["stripe-account"]).toBe(account);
    expect(sent.headers["idempotency-key"]).toBe(start.ref);
    expect(sent.form).toMatchObject({ "line_items[0][price_data][unit_amount]": String(start.amountCents), "line_items[0][price_data][currency]": "eur", "metadata[paymentRef]": start.ref, "metadata[tenantId]": vf.id });
    const sessionId = (await paymentRow(start.ref)).providerSession!;
    const completed = signedEvent({ id: "evt_vf_1", type: "checkout.session.completed", account, object: { ...stripe.sessions.get(sessionId)!, payment_status: "paid", status: "complete" } });
    expect(await post("stripe", completed)).toEqual({ status: 200, body: { outcome: "applied", status: "succeeded" } });
    expect(await statusesOf(["2026-12-14", "2026-12-15"])).toEqual(["confirmed", "confirmed"]);
    expect(await receipts("parent@recre.test")).toBe(1);
    const [receipt] = await withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.template, "payment-receipt")));
    expect(receipt!.text).toContain(sessionId);
    expect(receipt!.text).toMatch(/Cantine — Louise — 14 décembre 2026/);
    const status = await withTenant(vf.id, (tx) => onlinePaymentStatus({ tx, tenant: vf, actor: d.parentValFleuri, now: minutes(3) }, { ref: start.ref }));
    expect(status.receipt).toMatchObject({ amountCents: start.amountCents, providerReference: sessionId, methodLabel: "Carte bancaire" });

    // A paid day cancelled in time is credited; staff refund that credit through Stripe.
    await book(vf, d.parentValFleuri, [day("2026-12-15", "cancel")], minutes(5));
    const credit = -(await withTenant(vf.id, (tx) => householdBalance({ tx: tx, tenant: vf }, { householdId: martin })));
    expect(credit).toBeGreaterThan(0);
    const refund = await refundThroughProvider({ tenant: vf, actor: admin, now: minutes(6) }, { householdId: martin, paymentId: (await paymentRow(start.ref)).id, amountCents: credit });
    expect(refund.balanceCents).toBe(0);
    const refundSent = stripe.requests.at(-1)!;
    expect(refundSent).toMatchObject({ path: "/v1/refunds", form: { amount: String(credit) } });
    expect(refundSent.headers["stripe-account"]).toBe(account);
    expect(refundSent.headers["idempotency-key"]).toBe(refund.refundRef);
    const statement = await withTenant(vf.id, (tx) => householdStatement({ tx: tx, tenant: vf }, { householdId: martin }));
    expect(statement.at(-1)).toMatchObject({ kind: "payment", amountCents: credit, label: "Remboursement (Carte bancaire)", balanceAfterCents: 0 });
    // Trying to refund the same credit again: nothing left.
    await expect(refundThroughProvider({ tenant: vf, actor: admin, now: minutes(7) }, { householdId: martin, paymentId: (await paymentRow(start.ref)).id, amountCents: credit })).rejects.toMatchObject({
      message: messages.paymentsOnline.refund.aboveCredit("0,00\u00a0€"),
    });
    const refunded = signedEvent({
      id: "evt_vf_2",
      type: "refund.created",
      account,
      object: { id: refund.refundReference, amount: credit, currency: "eur", status: "succeeded", metadata: { paymentRef: start.ref, refundRef: refund.refundRef } },
    });
    expect(await post("stripe", refunded)).toEqual({ status: 200, body: { outcome: "unchanged", status: "succeeded" } });

    // Every webhook of this payment, three times, in reverse order: nothing moves.
    const before = await ledgerOf(vf, martin, ["2026-12-14", "2026-12-15"]);
    for (let i = 0; i < 3; i++) {
      for (const event of [refunded, completed]) expect((await post("stripe", event)).body).toMatchObject({ outcome: "unchanged" });
    }
    expect(await ledgerOf(vf, martin, ["2026-12-14", "2026-12-15"])).toEqual(before);
    expect(await receipts("parent@recre.test")).toBe(1);
  });

  it("applies a late success after the parent abandoned (session expired), once, and refuses an event from another account", async () => {
    const account = (vf.paymentSettings as { stripe: { accountId: string } }).stripe.accountId;
    await book(vf, d.parentValFleuri, [day("2026-12-17")], minutes(20));
    const start = await startBasket(vf, martin, minutes(21));
    const sessionId = (await paymentRow(start.ref)).providerSession!;
    const session = stripe.sessions.get(sessionId)!;
    const expired = signedEvent({ id: "evt_vf_3", type: "checkout.session.expired", account, object: { ...session, status: "expired" } });
    const completed = signedEvent({ id: "evt_vf_4", type: "checkout.session.completed", account, object: { ...session, payment_status: "paid", status: "complete" } });
    const forged = signedEvent({ id: "evt_vf_5", type: "checkout.session.completed", account: "acct_Autre", object: { ...session, payment_status: "paid" } });
    expect((await post("stripe", forged)).status).toBe(400);
    expect((await post("stripe", expired)).body).toEqual({ outcome: "applied", status: "failed" });
    expect((await post("stripe", completed)).body).toEqual({ outcome: "applied", status: "succeeded" });
    const before = await ledgerOf(vf, martin, ["2026-12-17"]);
    expect(before.bookings).toEqual(["confirmed"]);
    for (let i = 0; i < 3; i++) for (const event of [completed, expired]) expect((await post("stripe", event)).body).toMatchObject({ outcome: "unchanged" });
    expect(await ledgerOf(vf, martin, ["2026-12-17"])).toEqual(before);
  });

  it("tells the parent in French when Stripe is down, and the payment holds nothing", async () => {
    await book(vf, d.parentValFleuri, [day("2026-12-18")], minutes(40));
    vi.spyOn(console, "error").mockImplementation(() => {});
    stripe.mode = "error";
    try {
      await expect(startBasket(vf, martin, minutes(41))).rejects.toMatchObject({ message: messages.onlinePayment.providerDown });
    } finally {
      stripe.mode = "ok";
      vi.restoreAllMocks();
    }
    const [failed] = await withPlatform((tx) => tx.select().from(payments).where(and(eq(payments.householdId, martin), eq(payments.createdAt, minutes(41)))));
    expect(failed).toMatchObject({ status: "failed", expiresAt: minutes(41) });
  });
});

describe("a Jolieville parent paying two invoices in one PayFiP payment (local SOAP double)", () => {
  it("opens one PayFiP operation for both, reads the result back from PayFiP, pays both, sends one receipt; replays change nothing", async () => {
    const durand = d.ids["JOL-00057"]!;
    const november = (await withTenant(jv.id, (tx) => unpaidInvoices({ tx, tenant: jv }, { householdId: durand })))[0]!;
    const december = await withTenant(jv.id, async (tx) => {
      const number = await nextDocumentNumber(tx, jv.id, "invoice", 2026);
      const [row] = await tx
        .insert(invoices)
        .values({ tenantId: jv.id, householdId: durand, number, kind: "monthly", periodLabel: "Décembre 2026", issuedAt: new Date("2026-11-24T09:00:00Z"), dueDate: "2026-12-15", totalCents: 2000 })
        .returning({ id: invoices.id });
      return row!.id;
    });
    const start = await startInvoicePayment({ tenant: jv, actor: d.voisin, now: BOOKING_NOW }, { invoiceIds: [november.id, december] });
    expect(start.amountCents).toBe(november.remainingCents + 2000);
    const idOp = new URL(start.url).searchParams.get("idop")!;
    expect(start.url).toBe(`${payfip.pageUrl}?idop=${idOp}`);
    expect(payfip.operations.get(idOp)!.request).toMatchObject({ numcli: "012345", saisie: "T", montant: String(start.amountCents), mel: "voisin@recre.test", exer: "2026" });

    const notification = { body: `idop=${idOp}`, headers: new Headers({ "content-type": "application/x-www-form-urlencoded" }) };
    payfip.results.set(idOp, "P");
    expect(await post("payfip", notification)).toEqual({ status: 200, body: { outcome: "applied", status: "succeeded" } });
    expect(payfip.received.at(-1)).toMatchObject({ operation: "recupererDetailPaiementSecurise" });
    expect(await withTenant(jv.id, (tx) => unpaidInvoices({ tx, tenant: jv }, { householdId: durand }))).toEqual([]);
    expect(await receipts("voisin@recre.test")).toBe(1);
    const [receipt] = await withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, "voisin@recre.test")));
    expect(receipt!.text).toContain(november.number);
    expect(receipt!.text).toContain(idOp);

    const before = await ledgerOf(jv, durand);
    for (let i = 0; i < 3; i++) expect((await post("payfip", notification)).body).toMatchObject({ outcome: "unchanged" });
    // PayFiP saying "abandoned" afterwards (a stale page) undoes nothing.
    payfip.results.set(idOp, "A");
    expect((await post("payfip", notification)).body).toMatchObject({ outcome: "unchanged", status: "succeeded" });
    expect(await ledgerOf(jv, durand)).toEqual(before);
    // An operation PayFiP never opened for us: refused.
    expect((await post("payfip", { ...notification, body: "idop=00000000-0000-4000-8000-999999999999" })).status).toBe(400);
  });
});
