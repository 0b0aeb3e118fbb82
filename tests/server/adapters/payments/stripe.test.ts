import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeProvider, type StripeSettings } from "@/server/adapters/payments/stripe";
import { InvalidNotification, ProviderUnavailable, type PaymentStartInput } from "@/server/adapters/payments/types";
import { SECRET_KEY, signedEvent, startStripeDouble, WEBHOOK_SECRET, type StripeDouble } from "../../../fixtures/stripe-double";
import { paymentProviderContract } from "./provider-contract";

let double: StripeDouble;
beforeAll(async () => {
  double = await startStripeDouble();
});
afterAll(() => double.close());

const account = "acct_TestJolieville";
const settings: StripeSettings = { accountId: account };
const provider = createStripeProvider(() => ({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiUrl: double.url, timeoutMs: 1_000 }));
const context = (s: StripeSettings | null) => ({ settingsOf: async () => s, paymentRefOf: async () => null, now: new Date() });

/** The event Stripe would send about a session the double opened. */
const sessionEvent = (id: string, type: string, sessionId: string, change: Record<string, unknown> = {}, on = account) =>
  signedEvent({ id, type, account: on, object: { ...double.sessions.get(sessionId)!, ...change } });

paymentProviderContract("stripe", () => ({
  provider,
  settings,
  notify: async (start, outcome, eventId) =>
    outcome === "paid"
      ? sessionEvent(eventId, "checkout.session.completed", start.providerReference, { payment_status: "paid", status: "complete" })
      : sessionEvent(eventId, "checkout.session.async_payment_failed", start.providerReference),
  // Another amount, signature unchanged: the signature check fails.
  tamper: (n) => ({ ...n, body: n.body.replace(/"amount_total":\d+/, '"amount_total":1') }),
}));

const input = (ref: string, amountCents = 360): PaymentStartInput => ({
  paymentRef: ref,
  amountCents,
  description: "Panier de réservations (2 jours)",
  commune: { id: "00000000-0000-4000-8000-00000000000f", slug: "val-fleuri", name: "Val-Fleuri" },
  expiresAt: new Date("2026-11-25T08:30:00Z"),
  returnUrl: "http://localhost:3000/val-fleuri/paiement/resultat?ref=" + ref,
  notifyUrl: "http://localhost:3000/api/paiements/stripe",
  customerEmail: "parent@recre.test",
});

describe("the Stripe provider against a local double of Stripe's API", () => {
  it("opens a Checkout Session on the commune's connected account: amount, euros, our metadata, our reference as idempotency key", async () => {
    const start = await provider.start(input("pay_stripe_1"), settings);
    const sent = double.requests.at(-1)!;
    expect(sent).toMatchObject({ method: "POST", path: "/v1/checkout/sessions" });
    expect(sent.headers["stripe-account"]).toBe(account);
    expect(sent.headers["idempotency-key"]).toBe("pay_stripe_1");
    expect(sent.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(sent.form).toMatchObject({
      mode: "payment",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][currency]": "eur",
      "line_items[0][price_data][unit_amount]": "360",
      "line_items[0][price_data][product_data][name]": "Panier de réservations (2 jours)",
      "metadata[paymentRef]": "pay_stripe_1",
      "metadata[tenantId]": "00000000-0000-4000-8000-00000000000f",
      "payment_intent_data[metadata][paymentRef]": "pay_stripe_1",
      client_reference_id: "pay_stripe_1",
      customer_email: "parent@recre.test",
      success_url: "http://localhost:3000/val-fleuri/paiement/resultat?ref=pay_stripe_1",
      // « Retour » on Checkout: our page says the parent left, not that the bank has yet to answer.
      cancel_url: "http://localhost:3000/val-fleuri/paiement/resultat?ref=pay_stripe_1&annule=1",
      // Our page's window plus five minutes (Stripe keeps a session 30 minutes at least).
      expires_at: String(Date.parse("2026-11-25T08:35:00Z") / 1000),
    });
    expect(start).toEqual({ redirectUrl: `${double.url}/pay/${start.providerReference}`, providerReference: expect.stringMatching(/^cs_test_/) });
  });

  it("says the provider is unavailable when Stripe fails or does not answer in time", async () => {
    try {
      double.mode = "error";
      await expect(provider.start(input("pay_stripe_down"), settings)).rejects.toBeInstanceOf(ProviderUnavailable);
      double.mode = "hang";
      await expect(provider.start(input("pay_stripe_slow"), settings)).rejects.toBeInstanceOf(ProviderUnavailable);
    } finally {
      double.mode = "ok";
    }
  });

  it("accepts only events signed with the webhook secret, from the payment's own connected account", async () => {
    const start = await provider.start(input("pay_stripe_2"), settings);
    const completed = sessionEvent("evt_1", "checkout.session.completed", start.providerReference, { payment_status: "paid" });
    expect(await provider.verifyNotification(completed, context(settings))).toEqual({
      eventId: "evt_1",
      paymentRef: "pay_stripe_2",
      providerReference: start.providerReference,
      status: "paid",
      amountCents: 360,
    });
    const unsigned = { body: completed.body, headers: new Headers() };
    await expect(provider.verifyNotification(unsigned, context(settings))).rejects.toBeInstanceOf(InvalidNotification);
    const otherSecret = { ...completed, headers: new Headers({ "stripe-signature": completed.headers.get("stripe-signature")!.replace(/v1=\w+/, "v1=" + "0".repeat(64)) }) };
    await expect(provider.verifyNotification(otherSecret, context(settings))).rejects.toBeInstanceOf(InvalidNotification);
    const elsewhere = sessionEvent("evt_2", "checkout.session.completed", start.providerReference, { payment_status: "paid" }, "acct_Autre");
    await expect(provider.verifyNotification(elsewhere, context(settings))).rejects.toBeInstanceOf(InvalidNotification);
    // A session expired: the parent abandoned; a delayed method completing unpaid says nothing yet.
    expect(await provider.verifyNotification(sessionEvent("evt_3", "checkout.session.expired", start.providerReference), context(settings))).toMatchObject({ status: "abandoned" });
    expect(await provider.verifyNotification(sessionEvent("evt_4", "checkout.session.completed", start.providerReference), context(settings))).toMatchObject({ ignored: true });
    expect(await provider.verifyNotification(signedEvent({ id: "evt_5", type: "customer.created", account, object: { id: "cus_1" } }), context(settings))).toMatchObject({ ignored: true });
  });

  it("refunds on the connected account, once per idempotency key, and reads the refund's event back", async () => {
    const start = await provider.start(input("pay_stripe_3", 720), settings);
    const refund = await provider.refund!({ paymentRef: "pay_stripe_3", providerReference: start.providerReference, amountCents: 360, idempotencyKey: "rfd_1" }, settings);
    const sent = double.requests.at(-1)!;
    expect(sent).toMatchObject({ method: "POST", path: "/v1/refunds" });
    expect(sent.headers["stripe-account"]).toBe(account);
    expect(sent.headers["idempotency-key"]).toBe("rfd_1");
    expect(sent.form).toMatchObject({ amount: "360", payment_intent: double.sessions.get(start.providerReference)!.payment_intent, "metadata[refundRef]": "rfd_1" });
    const event = signedEvent({ id: "evt_r1", type: "refund.created", account, object: { id: refund.refundReference, amount: 360, currency: "eur", status: "succeeded", metadata: { paymentRef: "pay_stripe_3", refundRef: "rfd_1" } } });
    expect(await provider.verifyNotification(event, context(settings))).toMatchObject({ status: "refunded", amountCents: 360, refundRef: "rfd_1", paymentRef: "pay_stripe_3" });
    // A refund made in Stripe's dashboard carries none of our references: ignored, the treasury records it.
    const dashboard = signedEvent({ id: "evt_r2", type: "refund.created", account, object: { id: "re_x", amount: 100, currency: "eur", status: "succeeded", metadata: {} } });
    expect(await provider.verifyNotification(dashboard, context(settings))).toMatchObject({ ignored: true });
  });

  it("opens the commune's own account once and gives the onboarding link (Connect)", async () => {
    const commune = { id: "00000000-0000-4000-8000-00000000000f", name: "Val-Fleuri", email: "regie@val-fleuri.test" };
    const first = await provider.connect!.onboardingLink({ commune, accountId: null, returnUrl: "http://localhost/r", refreshUrl: "http://localhost/f" });
    const created = double.requests.find((r) => r.path === "/v1/accounts")!;
    expect(created.form).toMatchObject({ country: "FR", type: "standard", email: "regie@val-fleuri.test", "business_profile[name]": "Val-Fleuri" });
    expect(created.headers["idempotency-key"]).toBe(`account_${commune.id}`);
    expect(first.url).toBe(`${double.url}/connect/${first.accountId}`);
    const link = double.requests.at(-1)!;
    expect(link.form).toMatchObject({ account: first.accountId, type: "account_onboarding", return_url: "http://localhost/r" });
    const again = await provider.connect!.onboardingLink({ commune, accountId: first.accountId, returnUrl: "http://localhost/r", refreshUrl: "http://localhost/f" });
    expect(again.accountId).toBe(first.accountId);
    expect(double.requests.filter((r) => r.path === "/v1/accounts")).toHaveLength(1);
    expect(await provider.connect!.accountReady(first.accountId)).toBe(true);
  });
});
