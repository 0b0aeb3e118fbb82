import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { InvalidNotification } from "@/server/adapters/payments/types";
import { receivePaymentNotification } from "@/server/domain/billing/payment-notifications";
import { demoForm } from "../../fixtures/payments";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { households, payments } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { env } from "@/config/env";
import { messages } from "@/common/messages";
import { book, demoIds } from "../../fixtures/demo-ids";
import { callerAs, loadDemo, tenantId } from "../../fixtures/demo";
import { callHttp } from "../../fixtures/http";

let valFleuri: string;
let jolieville: string;
let otherVf: string;
let durand: string;
let otherRef: string;

beforeAll(async () => {
  await loadDemo();
  valFleuri = await tenantId("val-fleuri");
  jolieville = await tenantId("jolieville");
  const rows = await withPlatform((tx) => tx.select().from(households));
  durand = rows.find((r) => r.reference === "JOL-00057")!.id;
  otherRef = `demo_${randomUUID()}`;
  otherVf = await withPlatform(async (tx) => {
    const [h] = await tx.insert(households).values({ tenantId: valFleuri, reference: "VF-0901", name: "Famille Blanc", addressLine: "2 rue", postalCode: "06410", city: "Val-Fleuri" }).returning();
    await tx.insert(payments).values({ tenantId: valFleuri, householdId: h!.id, method: "demo", amountCents: 500, purpose: "basket", providerRef: otherRef });
    return h!.id;
  });
});

describe("basket and payment procedures", () => {
  it("show a parent their own basket and statement, never another family's", async () => {
    const parent = await callerAs("parent@recre.test", "val-fleuri");
    await expect(parent.basket.basket()).resolves.toMatchObject({ lines: [], creditAvailableCents: 360 });
    await expect(parent.basket.basket({ householdId: otherVf })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(parent.payments.myStatement({ householdId: otherVf })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(parent.basket.paymentStatus({ ref: otherRef })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another family's payment cannot be answered without the signed fields of its own demo page.
    const forged = new URLSearchParams({ ref: otherRef, montant: "500", exp: String(Date.now() + 3_600_000), sig: "contrefait", outcome: "paid", event: "x" });
    await expect(receivePaymentNotification({ provider: "demo", notification: { body: forged.toString(), headers: new Headers() }, loopback: true })).rejects.toBeInstanceOf(InvalidNotification);
    const [row] = await withPlatform((tx) => tx.select().from(payments).where(eq(payments.providerRef, otherRef)));
    expect(row!.status).toBe("pending");
    const statement = await parent.payments.myStatement();
    expect(statement).toMatchObject({ balanceCents: -360 });
    expect(statement.lines[0]!.label).toBe("Avoir AV-2026-000001 — Régularisation");
    // Staff procedures are not for parents.
    await expect(parent.payments.statement({ householdId: otherVf })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(parent.basket.startPayment()).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Votre panier est vide." });
  });

  it("refuse bad amounts at the counter with a French message naming the field, writing nothing", async () => {
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const before = (await withPlatform((tx) => tx.select().from(payments).where(eq(payments.tenantId, jolieville)))).length;
    for (const amount of ["-3", "abc", "0", "", "12,345"]) {
      const { status, error } = await callHttp("payments.recordCounterPayment", { householdId: durand, method: "cash", amount, reference: "", idempotencyKey: randomUUID() }, { as: "agent@jolieville.test", commune: "jolieville" });
      expect(status).toBe(400);
      expect(error?.message).toMatch(/^Montant : saisissez un montant en euros/);
      expect(Object.keys(error!.data.fieldErrors)).toEqual(["amount"]);
    }
    expect((await withPlatform((tx) => tx.select().from(payments).where(eq(payments.tenantId, jolieville)))).length).toBe(before);
    const ok = await agent.payments.recordCounterPayment({ householdId: durand, method: "cash", amount: "12,50", reference: "", idempotencyKey: randomUUID() });
    expect(ok.creditCents + ok.allocations.reduce((s, a) => s + a.amountCents, 0)).toBe(1250);
    await expect(agent.payments.recordCounterPayment({ householdId: otherVf, method: "cash", amount: "1", reference: "", idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("let an admin set the debt threshold, with a French message for a bad amount", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    const bad = await callHttp("payments.setDebtBlock", { debtBlock: "abc" }, { as: "admin@jolieville.test", commune: "jolieville" });
    expect(bad.error?.message).toMatch(/^Seuil de blocage des réservations : saisissez/);
    await expect(admin.payments.setDebtBlock({ debtBlock: "45,30" })).resolves.toEqual({ debtBlockCents: 4530 });
    await expect(admin.payments.debtBlock()).resolves.toEqual({ debtBlockCents: 4530 });
    await expect(admin.payments.setDebtBlock({ debtBlock: "" })).resolves.toEqual({ debtBlockCents: null });
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    await expect(agent.payments.setDebtBlock({ debtBlock: "1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("without an online payment provider (production without PAYMENT_PROVIDER=demo)", () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });
  const offline = () => {
    const saved = env().paymentProvider;
    env().paymentProvider = null;
    return () => {
      env().paymentProvider = saved;
    };
  };
  const statusOf = async (ref: string) => (await withPlatform((tx) => tx.select({ status: payments.status }).from(payments).where(eq(payments.providerRef, ref))))[0]!.status;

  it("refuse to open any online payment, sending families to the counter, and take no demonstration answer", async () => {
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    const [invoice] = (await voisin.payments.myPayableInvoices())[0]!.invoices;
    // Opened while the demonstration provider was still configured.
    const opened = await voisin.payments.payInvoicesOnline({ invoiceIds: [invoice!.id] });
    restore = offline();
    expect(await voisin.commune.access()).toMatchObject({ onlinePayments: false });
    const before = (await withPlatform((tx) => tx.select().from(payments))).length;
    await expect(voisin.payments.payInvoicesOnline({ invoiceIds: [invoice!.id] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.onlinePayment.unavailable });
    // The demonstration provider is switched off: its notification route answers 404 (null here), applying nothing.
    const form = new URLSearchParams({ ...(await demoForm(opened.ref)), outcome: "paid", event: "y" });
    expect(await receivePaymentNotification({ provider: "demo", notification: { body: form.toString(), headers: new Headers() } })).toBeNull();
    expect(await statusOf(opened.ref)).toBe("pending");

    const d = await demoIds();
    const day = (date: string) => ({ childId: d.ids.Louise!, activityId: d.ids["vf:Cantine"]!, date, action: "book" as const });
    await book(d.valFleuri, d.parentValFleuri, [day("2026-12-14"), day("2026-12-15")]);
    const parent = await callerAs("parent@recre.test", "val-fleuri");
    await expect(parent.basket.startPayment()).rejects.toMatchObject({ code: "BAD_REQUEST", message: messages.onlinePayment.basketUnavailable });
    expect((await withPlatform((tx) => tx.select().from(payments))).length).toBe(before);
    // A basket the account's credit covers needs no provider: it is confirmed at once.
    const basket = await parent.basket.basket();
    await parent.basket.removeFromBasket({ bookingId: basket.lines[1]!.bookingId });
    await expect(parent.basket.startPayment()).resolves.toMatchObject({ amountCents: 0, settled: true });
  });

  it("are open again with the demonstration provider", async () => {
    const voisin = await callerAs("voisin@recre.test", "jolieville");
    expect(await voisin.commune.access()).toMatchObject({ onlinePayments: true });
  });
});
