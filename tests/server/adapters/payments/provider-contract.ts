import { describe, expect, it } from "vitest";
import { InvalidNotification, type PaymentEvent, type PaymentProvider, type PaymentStartInput, type RawNotification } from "@/server/adapters/payments/types";

/**
 * What every payment provider must do, whatever it talks to. A provider's own test file calls this
 * with how to make the notification its provider would send for a started payment (signed as the
 * provider signs it), and a way to spoil it.
 */
export interface ProviderHarness<S> {
  provider: PaymentProvider<S>;
  settings: S;
  /** The notification the provider would send for this started payment and outcome. */
  notify(start: { input: PaymentStartInput; redirectUrl: string; providerReference: string }, outcome: "paid" | "failed", eventId: string): Promise<RawNotification>;
  /** The same notification, altered (another amount, a broken signature). */
  tamper(notification: RawNotification): RawNotification;
  /**
   * false for a provider whose every start opens a new operation (PayFiP): the domain starts a
   * payment again only when it never recorded its page.
   */
  idempotentStart?: boolean;
}

export function paymentProviderContract<S>(name: string, harness: () => ProviderHarness<S>) {
  const now = new Date("2026-11-25T08:00:00Z");
  const input = (ref: string): PaymentStartInput => ({
    paymentRef: ref,
    amountCents: 2360,
    description: "Factures 2026-000001",
    commune: { id: "00000000-0000-4000-8000-000000000001", slug: "jolieville", name: "Jolieville" },
    expiresAt: new Date(now.getTime() + 30 * 60_000),
    returnUrl: "http://localhost/jolieville/paiement/resultat?ref=x",
    notifyUrl: "http://localhost/api/paiements/x",
    customerEmail: "parent@recre.test",
  });
  // What the domain knows: our reference of each payment started, by the provider's own id.
  const refs = new Map<string, string>();
  const started = async (ref: string) => {
    const h = harness();
    const answer = await h.provider.start(input(ref), h.settings);
    refs.set(answer.providerReference, ref);
    return { h, start: { input: input(ref), ...answer } };
  };
  const context = (settings: unknown, at = now) => ({ settingsOf: async () => settings as never, paymentRefOf: async (reference: string) => refs.get(reference) ?? null, now: at });

  describe(`the ${name} payment provider (contract)`, () => {
    it("starts a payment: a page to send the parent to and its own reference; the same payment started again gives the same answer", async () => {
      const { h, start } = await started("pay_contract_1");
      expect(start.redirectUrl).toMatch(/^(https?:\/\/|\/)/);
      expect(start.providerReference).toBeTruthy();
      if (h.idempotentStart === false) return;
      expect(await h.provider.start(input("pay_contract_1"), h.settings)).toEqual({ redirectUrl: start.redirectUrl, providerReference: start.providerReference });
    });

    it("turns a genuine notification into one normalized event: our reference, its reference, the status and the amount", async () => {
      const { h, start } = await started("pay_contract_2");
      const verify = async (n: RawNotification) => (await h.provider.verifyNotification(n, context(h.settings))) as PaymentEvent;
      const paid = await verify(await h.notify(start, "paid", "evt-1"));
      expect(paid).toMatchObject({ paymentRef: "pay_contract_2", providerReference: start.providerReference, status: "paid", amountCents: 2360 });
      expect(paid.eventId).toBeTruthy();
      // The same event delivered again has the same id: the domain applies it once.
      expect((await verify(await h.notify(start, "paid", "evt-1"))).eventId).toBe(paid.eventId);
      const failed = await verify(await h.notify(start, "failed", "evt-2"));
      expect(failed).toMatchObject({ status: "failed", paymentRef: "pay_contract_2" });
      expect(failed.eventId).not.toBe(paid.eventId);
    });

    it("refuses a notification it cannot trust, or for a payment that is not its own", async () => {
      const { h, start } = await started("pay_contract_3");
      const genuine = await h.notify(start, "paid", "evt-3");
      await expect(h.provider.verifyNotification(h.tamper(genuine), context(h.settings))).rejects.toBeInstanceOf(InvalidNotification);
      await expect(h.provider.verifyNotification({ body: "n'importe quoi", headers: new Headers() }, context(h.settings))).rejects.toBeInstanceOf(InvalidNotification);
      await expect(h.provider.verifyNotification(genuine, context(null))).rejects.toBeInstanceOf(InvalidNotification);
    });

    it("refunds a started payment through the provider when it can", async () => {
      const { h, start } = await started("pay_contract_4");
      if (!h.provider.refund) return;
      const asked = { paymentRef: "pay_contract_4", providerReference: start.providerReference, amountCents: 500, idempotencyKey: "refund-1" };
      const refund = await h.provider.refund(asked, h.settings);
      expect(refund.refundReference).toBeTruthy();
      expect(await h.provider.refund(asked, h.settings)).toEqual(refund);
    });
  });
}
