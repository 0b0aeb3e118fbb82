import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPayfipProvider, objetOf, refdetOf, type PayfipSettings } from "@/server/adapters/payments/payfip";
import { AmountOutsideLimits, InvalidNotification, ProviderUnavailable, type PaymentStartInput } from "@/server/adapters/payments/types";
import { startPayfipDouble, type PayfipDouble } from "../../../fixtures/payfip-double";
import { paymentProviderContract } from "./provider-contract";

let double: PayfipDouble;
beforeAll(async () => {
  double = await startPayfipDouble();
});
afterAll(() => double.close());

const settings: PayfipSettings = { numcli: "012345", mode: "T" };
const provider = createPayfipProvider(() => ({ soapUrl: double.soapUrl, pageUrl: double.pageUrl, timeoutMs: 5_000 }));
const notification = (idOp: string) => ({ body: new URLSearchParams({ idop: idOp }).toString(), headers: new Headers({ "content-type": "application/x-www-form-urlencoded" }) });

paymentProviderContract("payfip", () => ({
  provider,
  settings,
  // Every creerPaiementSecurise opens a new operation at PayFiP.
  idempotentStart: false,
  notify: async (start, outcome) => {
    double.results.set(start.providerReference, outcome === "paid" ? "P" : "R");
    return notification(start.providerReference);
  },
  tamper: () => notification("00000000-0000-4000-8000-999999999999"),
}));

const ref = "pay_3f2a9c4e-7b1d-4e8a-9c3b-2d1e0f9a8b7c";
const input = (amountCents = 4120, paymentRef = ref): PaymentStartInput => ({
  paymentRef,
  amountCents,
  description: "Factures 2026-000002, 2026-000014",
  commune: { id: "00000000-0000-4000-8000-000000000001", slug: "jolieville", name: "Jolieville" },
  expiresAt: new Date("2026-11-25T08:30:00Z"),
  returnUrl: `http://localhost:3000/jolieville/paiement/resultat?ref=${paymentRef}`,
  notifyUrl: "http://localhost:3000/api/paiements/payfip",
  customerEmail: "parent@recre.test",
});
const context = (s: PayfipSettings | null, known: Record<string, string>) => ({ settingsOf: async () => s, paymentRefOf: async (idOp: string) => known[idOp] ?? null, now: new Date() });

describe("the PayFiP provider against a local SOAP double", () => {
  it("sends creerPaiementSecurise as the schema and the field rules want it, and sends the parent to PayFiP's page with the idop", async () => {
    const start = await provider.start(input(), settings);
    const sent = double.operations.get(start.providerReference)!.request;
    expect(sent).toEqual({
      exer: "2026",
      mel: "parent@recre.test",
      montant: "4120",
      numcli: "012345",
      objet: "Factures 2026 000002 2026 000014",
      refdet: refdetOf(ref),
      saisie: "T",
      urlnotif: "http://localhost:3000/api/paiements/payfip",
      urlredirect: `http://localhost:3000/jolieville/paiement/resultat?ref=${ref}`,
    });
    expect(refdetOf(ref)).toMatch(/^[A-Z0-9]{26}$/);
    expect(double.received.at(-1)!.xml).toContain("<arg0><exer>2026</exer>");
    expect(start.redirectUrl).toBe(`${double.pageUrl}?idop=${start.providerReference}`);
  });

  it("reads the result from PayFiP itself: P and V paid, R and Z refused, A abandoned; the amount PayFiP says", async () => {
    const start = await provider.start(input(), settings);
    const known = { [start.providerReference]: ref };
    const cases = { P: "paid", V: "paid", R: "failed", Z: "failed", A: "abandoned" } as const;
    for (const [resultrans, status] of Object.entries(cases)) {
      double.results.set(start.providerReference, resultrans);
      expect(await provider.verifyNotification(notification(start.providerReference), context(settings, known))).toEqual({
        eventId: `${start.providerReference}_${resultrans}`,
        paymentRef: ref,
        providerReference: start.providerReference,
        status,
        amountCents: 4120,
      });
    }
    expect(double.received.at(-1)).toMatchObject({ operation: "recupererDetailPaiementSecurise" });
    expect(double.received.at(-1)!.xml).toContain(`<arg0><idOp>${start.providerReference}</idOp></arg0>`);
  });

  it("refuses a notification for another commune's numcli or an operation it does not know", async () => {
    const start = await provider.start(input(), settings);
    double.results.set(start.providerReference, "P");
    const known = { [start.providerReference]: ref };
    await expect(provider.verifyNotification(notification(start.providerReference), context({ numcli: "999999", mode: "T" }, known))).rejects.toBeInstanceOf(InvalidNotification);
    await expect(provider.verifyNotification(notification(start.providerReference), context(settings, {}))).rejects.toBeInstanceOf(InvalidNotification);
    await expect(provider.verifyNotification({ body: "idop=<script>", headers: new Headers() }, context(settings, known))).rejects.toBeInstanceOf(InvalidNotification);
  });

  it("keeps to PayFiP's limits: 1,00 € to 99 999,99 €, 30 characters of reference, a plain subject", async () => {
    await expect(provider.start(input(99), settings)).rejects.toBeInstanceOf(AmountOutsideLimits);
    await expect(provider.start(input(10_000_000), settings)).rejects.toBeInstanceOf(AmountOutsideLimits);
    expect((await provider.start(input(100), settings)).providerReference).toBeTruthy();
    expect((await provider.start(input(9_999_999), settings)).providerReference).toBeTruthy();
    expect(objetOf("Panier de réservations (2 jours) — Jolieville")).toBe("Panier de reservations 2 jours Jolieville");
    expect(refdetOf("pay_ffffffff-ffff-4fff-bfff-ffffffffffff").length).toBeLessThanOrEqual(30);
  });

  it("says the provider is unavailable when PayFiP is down or does not answer in time", async () => {
    try {
      double.mode = "down";
      await expect(provider.start(input(), settings)).rejects.toBeInstanceOf(ProviderUnavailable);
      double.mode = "hang";
      await expect(provider.start(input(), settings)).rejects.toBeInstanceOf(ProviderUnavailable);
    } finally {
      double.mode = "ok";
    }
  });
});
