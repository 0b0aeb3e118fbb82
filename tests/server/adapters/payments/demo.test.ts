import { describe, expect, it } from "vitest";
import { demoProvider } from "@/server/adapters/payments/demo";
import type { PaymentEvent } from "@/server/adapters/payments/types";
import { paymentProviderContract } from "./provider-contract";

/** The demo page's form, posted with the signed fields of the page's URL. */
const form = (redirectUrl: string, outcome: "paid" | "failed", event: string) => {
  const params = new URL(redirectUrl, "http://localhost").searchParams;
  return new URLSearchParams({ ref: params.get("ref")!, montant: params.get("montant")!, exp: params.get("exp")!, sig: params.get("sig")!, outcome, event });
};

paymentProviderContract("demo", () => ({
  provider: demoProvider,
  settings: {},
  notify: async (start, outcome, event) => ({ body: form(start.redirectUrl, outcome, event).toString(), headers: new Headers() }),
  tamper: (n) => {
    const body = new URLSearchParams(n.body);
    body.set("montant", "1");
    return { ...n, body: body.toString() };
  },
}));

describe("the demo provider's page", () => {
  it("is the portal's own page, and reports a payment abandoned once its page has closed", async () => {
    const expiresAt = new Date("2026-11-25T08:30:00Z");
    const start = await demoProvider.start(
      { paymentRef: "pay_1", amountCents: 360, description: "Panier", commune: { id: "x", slug: "val-fleuri", name: "Val-Fleuri" }, expiresAt, returnUrl: "/", notifyUrl: "/" },
      {},
    );
    expect(start.redirectUrl).toMatch(/^\/val-fleuri\/paiement\/demo\?ref=pay_1&montant=360&exp=\d+&sig=/);
    const body = form(start.redirectUrl, "paid", "e").toString();
    const at = (iso: string) => ({ settingsOf: async () => ({}), paymentRefOf: async () => null, now: new Date(iso) });
    expect(((await demoProvider.verifyNotification({ body, headers: new Headers() }, at("2026-11-25T08:29:00Z"))) as PaymentEvent).status).toBe("paid");
    expect(((await demoProvider.verifyNotification({ body, headers: new Headers() }, at("2026-11-25T08:31:00Z"))) as PaymentEvent).status).toBe("abandoned");
  });
});
