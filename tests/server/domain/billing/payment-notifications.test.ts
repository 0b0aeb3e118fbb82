import { and, eq, inArray } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/paiements/[provider]/route";
import { bookings, paymentAllocations, paymentEvents, payments } from "@/db/schema";
import { insideTenantTransaction, withPlatform, withTenant } from "@/db/transaction";
import { demoProvider } from "@/server/adapters/payments/demo";
import { householdBalance } from "@/server/domain/billing/ledger";
import { openPayments } from "@/server/domain/billing/open-payments";
import { applyPaymentEvent } from "@/server/domain/billing/payment-notifications";
import { systemActor } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { messages } from "@/common/messages";
import { book, BOOKING_NOW, demoIds } from "../../../fixtures/demo-ids";
import { loadDemo } from "../../../fixtures/demo";
import { demoForm, demoNotify, loopbackHeaders, startBasket } from "../../../fixtures/payments";

let vf: Tenant;
let martin: string;
let louise: string;
let cantine: string;
let parentVf: Awaited<ReturnType<typeof demoIds>>["parentValFleuri"];
const minutes = (n: number) => new Date(BOOKING_NOW.getTime() + n * 60_000);

beforeAll(async () => {
  await loadDemo();
  const d = await demoIds();
  vf = d.valFleuri;
  martin = d.ids["VF-0815"]!;
  louise = d.ids.Louise!;
  cantine = d.ids["vf:Cantine"]!;
  parentVf = d.parentValFleuri;
});
afterEach(() => vi.restoreAllMocks());

const day = (date: string) => ({ childId: louise, activityId: cantine, date, action: "book" as const });
const paymentRow = async (ref: string) => (await withPlatform((tx) => tx.select().from(payments).where(eq(payments.providerRef, ref))))[0]!;
const statusesOf = async (dates: string[]) =>
  (await withPlatform((tx) => tx.select({ status: bookings.status }).from(bookings).where(and(eq(bookings.childId, louise), inArray(bookings.date, dates))))).map((b) => b.status).sort();
const allocated = async (ref: string) => {
  const payment = await paymentRow(ref);
  return (await withPlatform((tx) => tx.select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, payment.id)))).reduce((s, a) => s + a.amountCents, 0);
};
const balance = () => withTenant(vf.id, (tx) => householdBalance({ tx: tx, tenant: vf }, { householdId: martin }));
const apply = (event: { eventId: string; paymentRef: string; status: "paid" | "failed" | "abandoned" | "refunded"; amountCents: number }, at: Date) =>
  withTenant(vf.id, (tx) => applyPaymentEvent({ tx, tenant: vf, actor: systemActor, now: at }, { provider: "demo", event: { providerReference: `demo_${event.paymentRef}`, ...event } }));

describe("applying a provider's notifications", () => {
  it("applies the same success three times, a refusal after it, and a second success event once: paid once, days confirmed once", async () => {
    await book(vf, parentVf, [day("2026-12-14"), day("2026-12-15")], minutes(0));
    const start = await startBasket(vf, martin, minutes(1));
    expect(start.amountCents).toBe(360); // 7,20 € less the seeded 3,60 € credit
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await demoNotify(start.ref, "paid", minutes(2), "evt-A")).outcome);
    expect(outcomes).toEqual(["applied", "unchanged", "unchanged"]);
    expect(await demoNotify(start.ref, "failed", minutes(3))).toMatchObject({ outcome: "unchanged", status: "succeeded" });
    expect(await demoNotify(start.ref, "paid", minutes(4), "evt-B")).toMatchObject({ outcome: "unchanged", status: "succeeded" });
    expect(await statusesOf(["2026-12-14", "2026-12-15"])).toEqual(["confirmed", "confirmed"]);
    expect(await allocated(start.ref)).toBe(360);
    expect(await balance()).toBe(0);
    const payment = await paymentRow(start.ref);
    const events = await withPlatform((tx) => tx.select().from(paymentEvents).where(eq(paymentEvents.paymentId, payment.id)).orderBy(paymentEvents.receivedAt));
    expect(events.map((e) => [e.eventId, e.outcome])).toEqual([
      ["demo_evt-A_paid", "applied"],
      [expect.stringMatching(/_failed$/), "unchanged"],
      ["demo_evt-B_paid", "unchanged"],
    ]);
  });

  it("applies a late success after the parent refused and the page closed: money received is never ignored", async () => {
    await book(vf, parentVf, [day("2026-12-17")], minutes(10));
    const start = await startBasket(vf, martin, minutes(11));
    expect(await demoNotify(start.ref, "failed", minutes(12))).toMatchObject({ outcome: "applied", status: "failed" });
    // The demo page closed: what it posts now is an abandon, which changes nothing more.
    expect(await demoNotify(start.ref, "paid", minutes(11 + 31))).toMatchObject({ outcome: "unchanged", status: "failed" });
    // A real provider's success arriving late (the card was charged): applied, the day confirmed if it still fits.
    expect(await apply({ eventId: "late-1", paymentRef: start.ref, status: "paid", amountCents: start.amountCents }, minutes(45))).toMatchObject({ outcome: "applied", status: "succeeded" });
    expect(await apply({ eventId: "late-1", paymentRef: start.ref, status: "paid", amountCents: start.amountCents }, minutes(46))).toMatchObject({ outcome: "unchanged" });
    expect(await statusesOf(["2026-12-17"])).toEqual(["confirmed"]);
    expect(await allocated(start.ref)).toBe(start.amountCents);
    expect(await balance()).toBe(0);
  });

  it("does not apply a success for another amount than the payment's, nor a refund yet", async () => {
    await book(vf, parentVf, [day("2026-12-18")], minutes(50));
    const start = await startBasket(vf, martin, minutes(51));
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await apply({ eventId: "x-1", paymentRef: start.ref, status: "paid", amountCents: start.amountCents + 1 }, minutes(52))).toMatchObject({ outcome: "refused", status: "pending" });
    expect(await apply({ eventId: "x-2", paymentRef: start.ref, status: "refunded", amountCents: start.amountCents }, minutes(52))).toMatchObject({ outcome: "unchanged", status: "pending" });
    expect((await paymentRow(start.ref)).status).toBe("pending");
    expect(await demoNotify(start.ref, "paid", minutes(53))).toMatchObject({ outcome: "applied", status: "succeeded" });
  });
});

describe("starting a payment", () => {
  it("calls the provider outside any transaction, after the payment row is committed, and records its page", async () => {
    await book(vf, parentVf, [day("2026-12-07")], minutes(60));
    const seen: { inside: boolean; committed: boolean }[] = [];
    const real = demoProvider.start.bind(demoProvider);
    vi.spyOn(demoProvider, "start").mockImplementation(async (input, settings) => {
      // Read on another connection path: the row must already be committed.
      const [row] = await withPlatform((tx) => tx.select({ status: payments.status }).from(payments).where(eq(payments.providerRef, input.paymentRef)));
      seen.push({ inside: insideTenantTransaction(), committed: row?.status === "pending" });
      return real(input, settings);
    });
    const start = await startBasket(vf, martin, minutes(61));
    expect(seen).toEqual([{ inside: false, committed: true }]);
    expect(await paymentRow(start.ref)).toMatchObject({ provider: "demo", providerSession: `demo_${start.ref}`, redirectUrl: start.url });
    // A second tab gets the same page without asking the provider again.
    expect(await startBasket(vf, martin, minutes(62))).toEqual(start);
    expect(seen).toHaveLength(1);
    await expect(withTenant(vf.id, () => startBasket(vf, martin, minutes(63)))).rejects.toThrow(/hors de toute transaction/);
    await demoNotify(start.ref, "paid", minutes(64));
  });

  it("tells the parent in French when the provider is down, and leaves nothing held by the payment; the days keep their own expiry", async () => {
    await book(vf, parentVf, [day("2026-12-08")], minutes(70));
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(demoProvider, "start").mockRejectedValueOnce(new Error("connect ECONNREFUSED"));
    await expect(startBasket(vf, martin, minutes(71))).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.onlinePayment.providerDown });
    const [failed] = await withPlatform((tx) => tx.select().from(payments).where(and(eq(payments.householdId, martin), eq(payments.status, "failed"), eq(payments.createdAt, minutes(71)))));
    expect(failed).toMatchObject({ status: "failed", redirectUrl: null, expiresAt: minutes(71) });
    expect(await withTenant(vf.id, (tx) => openPayments(tx, vf.id, martin, minutes(71)))).toEqual([]);
    expect(await statusesOf(["2026-12-08"])).toEqual(["held"]);
    // Once the provider is back, a new payment opens with its page.
    const retry = await startBasket(vf, martin, minutes(72));
    expect(retry.ref).not.toBe(failed!.providerRef);
    expect(retry.url).toMatch(/^\/val-fleuri\/paiement\/demo\?/);
    await demoNotify(retry.ref, "paid", minutes(73));
    expect(await statusesOf(["2026-12-08"])).toEqual(["confirmed"]);
  });
});

describe("the notification route", () => {
  const post = (provider: string, body: string, accept = "application/json", from: Record<string, string> = loopbackHeaders()) =>
    POST(new Request(`http://localhost/api/paiements/${provider}`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", accept, ...from } }), {
      params: Promise.resolve({ provider }),
    });

  it("sends the demo page's form on to the result page, refuses a forged one (400), and knows no other provider (404)", async () => {
    vi.stubEnv("RECRE_NOW", minutes(81).toISOString());
    try {
      await book(vf, parentVf, [day("2026-12-10")], minutes(80));
      const start = await startBasket(vf, martin, minutes(80));
      const form = new URLSearchParams({ ...(await demoForm(start.ref)), outcome: "paid", event: "route-1" });
      const forged = new URLSearchParams(form);
      forged.set("montant", "1");
      expect((await post("demo", forged.toString())).status).toBe(400);
      // The demo page is a development tool: a remote caller, or one a local proxy forwards, gets 404.
      expect((await post("demo", form.toString(), "application/json", {})).status).toBe(404);
      expect((await post("demo", form.toString(), "application/json", { ...loopbackHeaders(), "x-forwarded-for": "203.0.113.7" })).status).toBe(404);
      expect((await post("stripe", form.toString())).status).toBe(404);
      const answer = await post("demo", form.toString(), "text/html,application/xhtml+xml");
      expect(answer.status).toBe(303);
      expect(answer.headers.get("location")).toBe(`/val-fleuri/paiement/resultat?ref=${start.ref}`);
      expect(await (await post("demo", form.toString())).json()).toEqual({ outcome: "unchanged", status: "succeeded" });
      expect(await statusesOf(["2026-12-10"])).toEqual(["confirmed"]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
