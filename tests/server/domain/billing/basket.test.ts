import { now as clockNow } from "@/common/clock";
import { and, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { beforeAll, describe, expect, it } from "vitest";
import { bookings, calendarPeriods, children, creditNotes, enrolments, households, invoiceLines, invoices, occurrences, paymentAllocations, payments } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import type { BookingChange } from "@/server/domain/booking/bookings";
import type { Actor } from "@/server/domain/scope";
import {
  emptyBasket,
  getBasket,
  releaseExpiredHolds,
  removeFromBasket,
  settleBasketPayment,
} from "@/server/domain/billing/basket";
import { startBasket } from "../../../fixtures/payments";
import { householdBalance, householdStatement } from "@/server/domain/billing/ledger";
import { nextDocumentNumber } from "@/server/domain/billing/numbering";
import { recordCounterPayment } from "@/server/domain/billing/payments";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { formatDayLong } from "@/common/dates";
import { messages } from "@/common/messages";
import { book, BOOKING_NOW, demoIds } from "../../../fixtures/demo-ids";
import { loadDemo, userId } from "../../../fixtures/demo";
import { staffActor, systemActor } from "@/server/domain/scope";

let vf: Tenant;
let parent: Actor;
let admin: Actor;
let household: string;
let louise: string;
let leo: string;
let cantine: string;
const minutes = (n: number) => new Date(BOOKING_NOW.getTime() + n * 60_000);

beforeAll(async () => {
  await loadDemo();
  const d = await demoIds();
  vf = d.valFleuri;
  parent = d.parentValFleuri;
  household = d.ids["VF-0815"]!;
  louise = d.ids.Louise!;
  cantine = d.ids["vf:Cantine"]!;
  admin = { userId: await userId("admin@val-fleuri.test"), role: "staff", householdIds: [], staffRoles: [] };
  // A second Val-Fleuri family, booked by the front desk, to fill days.
  leo = await withPlatform(async (tx) => {
    const [h] = await tx.insert(households).values({ tenantId: vf.id, reference: "VF-0900", name: "Famille Roux", addressLine: "1 rue Haute", postalCode: "06410", city: "Val-Fleuri" }).returning();
    const [c] = await tx
      .insert(children)
      .values({ tenantId: vf.id, householdId: h!.id, firstName: "Léo", lastName: "Roux", birthDate: "2017-02-02", classLevel: "CM1", school: "École des Oliviers" })
      .returning();
    await tx.insert(enrolments).values({ tenantId: vf.id, childId: c!.id, activityId: cantine, status: "accepted" });
    return c!.id;
  });
});

const day = (childId: string, date: string, action: BookingChange["action"] = "book"): BookingChange => ({ childId, activityId: cantine, date, action });
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant(vf.id, fn);
const statusOf = async (childId: string, date: string) =>
  (await withPlatform((tx) => tx.select({ status: bookings.status }).from(bookings).where(and(eq(bookings.childId, childId), eq(bookings.date, date))))).map((r) => r.status).sort();
const limitDay = (date: string, capacity: number) =>
  withPlatform((tx) =>
    tx.insert(occurrences).values({ tenantId: vf.id, activityId: cantine, date, capacity }).onConflictDoUpdate({ target: [occurrences.tenantId, occurrences.activityId, occurrences.date], set: { capacity } }),
  );
/** A monthly invoice of the Martins of Val-Fleuri, still due. */
const issueInvoice = (totalCents: number, at: string) =>
  inTenant(async (tx) => {
    const number = await nextDocumentNumber(tx, vf.id, "invoice", 2026);
    const [row] = await tx
      .insert(invoices)
      .values({ tenantId: vf.id, householdId: household, number, kind: "monthly", periodLabel: "Novembre 2026", issuedAt: new Date(at), dueDate: at.slice(0, 10), totalCents })
      .returning({ id: invoices.id, totalCents: invoices.totalCents });
    return row!;
  });
const balance = () => inTenant((tx) => householdBalance({ tx: tx, tenant: vf }, { householdId: household }));
const counts = () =>
  withPlatform(async (tx) => ({
    invoices: (await tx.select().from(invoices).where(eq(invoices.tenantId, vf.id))).length,
    succeeded: (await tx.select().from(payments).where(and(eq(payments.tenantId, vf.id), eq(payments.status, "succeeded")))).length,
    allocations: (await tx.select().from(paymentAllocations).where(eq(paymentAllocations.tenantId, vf.id))).length,
    creditNotes: (await tx.select().from(creditNotes).where(eq(creditNotes.tenantId, vf.id))).length,
  }));

describe("the prepaid basket", () => {
  it("holds a parent's bookings with their price, takes the account credit off and pays only the rest", async () => {
    const result = await book(vf, parent, [day(louise, "2026-12-14"), day(louise, "2026-12-15")]);
    expect(result.map((r) => [r.result, r.message])).toEqual([
      ["confirmed", messages.basket.added],
      ["confirmed", messages.basket.added],
    ]);
    const [row] = await withPlatform((tx) => tx.select().from(bookings).where(and(eq(bookings.childId, louise), eq(bookings.date, "2026-12-14"))));
    expect(row).toMatchObject({ status: "held", unitPriceCents: 360, heldUntil: minutes(30) });

    const basket = await inTenant((tx) => getBasket({ tx, tenant: vf, now: BOOKING_NOW }, { householdId: household }));
    expect(basket.lines.map((l) => [l.date, l.childName, l.activityName, l.pricing, l.unitPriceCents, l.amountCents])).toEqual([
      ["2026-12-14", "Louise", "Cantine", "tarif unique, résident", 360, 360],
      ["2026-12-15", "Louise", "Cantine", "tarif unique, résident", 360, 360],
    ]);
    // The seed's 3,60 € credit note on the Martin account.
    expect(basket).toMatchObject({ subtotalCents: 720, creditAvailableCents: 360, creditCents: 360, dueCents: 0, totalCents: 360, expiresAt: minutes(30) });

    const start = await startBasket(vf, household, minutes(1));
    expect(start).toMatchObject({ amountCents: 360, settled: false, url: expect.stringMatching(/^\/val-fleuri\/paiement\/demo\?ref=pay_/) });
    expect(await statusOf(louise, "2026-12-14")).toEqual(["held"]);

    const paid = await inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(2) }, { providerRef: start.ref, outcome: "succeeded" }));
    expect(paid).toMatchObject({ status: "succeeded", applied: true, confirmed: 2, credited: [], invoiceNumber: "2026-000001" });
    expect(await statusOf(louise, "2026-12-14")).toEqual(["confirmed"]);
    expect(await statusOf(louise, "2026-12-15")).toEqual(["confirmed"]);
    const [invoice] = await withPlatform((tx) => tx.select().from(invoices).where(eq(invoices.tenantId, vf.id)));
    expect(invoice).toMatchObject({ kind: "basket", totalCents: 720, previousBalanceCents: -360 });
    // The Val-Fleuri canteen has 2,50 € of food: supervision and meal on lines of their own (childcare tax credit).
    const lines = await withPlatform((tx) => tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id)).orderBy(invoiceLines.position));
    expect(lines.map((l) => [l.kind, l.label, l.dates, l.unitPriceCents, l.amountCents])).toEqual([
      ["service", "Cantine — accueil (hors repas) — Louise", ["2026-12-14"], 110, 110],
      ["meal", "Cantine — repas — Louise", ["2026-12-14"], 250, 250],
      ["service", "Cantine — accueil (hors repas) — Louise", ["2026-12-15"], 110, 110],
      ["meal", "Cantine — repas — Louise", ["2026-12-15"], 250, 250],
    ]);
    expect(await balance()).toBe(0);
    expect((await inTenant((tx) => getBasket({ tx, tenant: vf, now: minutes(2) }, { householdId: household }))).lines).toEqual([]);
  });

  it("applies the same notification twice, or a failure after the success, without doubling anything", async () => {
    const [payment] = await withPlatform((tx) => tx.select().from(payments).where(and(eq(payments.tenantId, vf.id), eq(payments.purpose, "basket"))));
    const before = await counts();
    const again = await inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(3) }, { providerRef: payment!.providerRef!, outcome: "succeeded" }));
    const failedLate = await inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(4) }, { providerRef: payment!.providerRef!, outcome: "failed" }));
    const both = await Promise.all([
      inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(5) }, { providerRef: payment!.providerRef!, outcome: "succeeded" })),
      inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(5) }, { providerRef: payment!.providerRef!, outcome: "succeeded" })),
    ]);
    for (const r of [again, failedLate, ...both]) expect(r).toMatchObject({ status: "succeeded", applied: false });
    expect(await counts()).toEqual(before);
    expect(await balance()).toBe(0);
  });

  it("credits a paid day cancelled within the deadline, once however often the cancellation is replayed", async () => {
    const [first] = await book(vf, parent, [day(louise, "2026-12-15", "cancel")], minutes(10));
    expect(first).toMatchObject({ result: "cancelled", message: messages.basket.cancelCredited("3,60\u00a0€") });
    const replay = await book(vf, parent, [day(louise, "2026-12-15", "cancel")], minutes(11));
    expect(replay[0]).toMatchObject({ result: "unchanged" });
    const notes = await withPlatform((tx) => tx.select().from(creditNotes).where(and(eq(creditNotes.tenantId, vf.id), eq(creditNotes.amountCents, 360))));
    expect(notes.filter((n) => n.bookingId)).toHaveLength(1);
    expect(notes.find((n) => n.bookingId)).toMatchObject({ reason: "Annulation du 15 décembre 2026", number: "AV-2026-000002" });
    expect(await balance()).toBe(-360);
    // A held (unpaid) day removed from the planning is not credited.
    await book(vf, parent, [day(louise, "2026-12-18")], minutes(12));
    await book(vf, parent, [day(louise, "2026-12-18", "cancel")], minutes(13));
    expect(await balance()).toBe(-360);
  });

  it("credits a paid day cancelled at the same instant as an earlier, unpaid cancellation of that day", async () => {
    // The demo's business clock stands still: every cancellation of a day can carry the same instant.
    const at = minutes(15);
    const friday = "2027-01-08";
    await book(vf, parent, [day(louise, friday)], at);
    await book(vf, parent, [day(louise, friday, "cancel")], at);
    await book(vf, parent, [day(louise, friday)], at);
    const start = await startBasket(vf, household, at);
    if (!start.settled) await inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: at }, { providerRef: start.ref, outcome: "succeeded" }));
    expect(await statusOf(louise, friday)).toEqual(["cancelled", "confirmed"]);
    const before = await balance();
    const [cancelled] = await book(vf, parent, [day(louise, friday, "cancel")], at);
    expect(cancelled).toMatchObject({ result: "cancelled", message: messages.basket.cancelCredited("3,60\u00a0€") });
    expect(await balance()).toBe(before - 360);
  });

  it("settles at once when the account credit covers the whole basket", async () => {
    await book(vf, parent, [day(louise, "2026-12-17")], minutes(20));
    const start = await startBasket(vf, household, minutes(21));
    expect(start).toMatchObject({ amountCents: 0, settled: true, url: expect.stringContaining("/val-fleuri/paiement/resultat?ref=") });
    expect(await statusOf(louise, "2026-12-17")).toEqual(["confirmed"]);
    expect(await balance()).toBe(0);
    // Nothing changed hands: the statement shows the invoice and the credit it used, no « Règlement » of 0,00 €.
    const statement = await inTenant((tx) => householdStatement({ tx, tenant: vf }, { householdId: household }));
    expect(statement.filter((l) => l.kind === "payment" && l.amountCents === 0)).toEqual([]);
  });

  it("counts held days against capacity until they expire, then frees them", async () => {
    await limitDay("2026-12-08", 1);
    await book(vf, parent, [day(louise, "2026-12-08")], minutes(0));
    expect((await book(vf, admin, [day(leo, "2026-12-08")], minutes(10)))[0]).toMatchObject({ result: "full" });
    // 30 minutes later the hold has expired: the place is free again.
    expect((await book(vf, admin, [day(leo, "2026-12-08")], minutes(31)))[0]).toMatchObject({ result: "confirmed", message: "Réservé." });
    expect(await inTenant((tx) => releaseExpiredHolds(tx, vf, minutes(31)))).toBeGreaterThanOrEqual(1);
    expect(await statusOf(louise, "2026-12-08")).toEqual(["cancelled"]);
    expect((await inTenant((tx) => getBasket({ tx, tenant: vf, now: minutes(31) }, { householdId: household }))).lines).toEqual([]);
    // Booking the day again once expired works (the expired hold gives way).
    await limitDay("2026-12-08", 2);
    expect((await book(vf, parent, [day(louise, "2026-12-08")], minutes(40)))[0]).toMatchObject({ result: "confirmed" });
    await inTenant((tx) => emptyBasket(tx, vf, household, parent.userId!, minutes(41)));
  });

  it("frees the places of an emptied basket and gives them to the waiting list; a line can be removed alone", async () => {
    await limitDay("2026-12-10", 1);
    await book(vf, parent, [day(louise, "2026-12-10"), day(louise, "2026-12-11")], minutes(50));
    expect((await book(vf, admin, [day(leo, "2026-12-10", "waitlist")], minutes(51)))[0]).toMatchObject({ result: "waitlisted" });
    const basket = await inTenant((tx) => getBasket({ tx, tenant: vf, now: minutes(52) }, { householdId: household }));
    const line11 = basket.lines.find((l) => l.date === "2026-12-11")!;
    await inTenant((tx) => removeFromBasket(tx, vf, household, parent.userId!, line11.bookingId, minutes(52)));
    expect((await inTenant((tx) => getBasket({ tx, tenant: vf, now: minutes(52) }, { householdId: household }))).lines.map((l) => l.date)).toEqual(["2026-12-10"]);
    await expect(inTenant((tx) => removeFromBasket(tx, vf, household, parent.userId!, line11.bookingId, minutes(52)))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await inTenant((tx) => emptyBasket(tx, vf, household, parent.userId!, minutes(53)))).toEqual({ removed: 1 });
    expect(await statusOf(louise, "2026-12-10")).toEqual(["cancelled"]);
    // Prepaid: the promoted day waits, unpaid, in Léo's family basket (a day long) instead of being confirmed for free.
    expect(await statusOf(leo, "2026-12-10")).toEqual(["held"]);
  });

  it("leaves the basket held after a refused payment", async () => {
    await book(vf, parent, [day(louise, "2026-12-07")], minutes(60));
    const start = await startBasket(vf, household, minutes(61));
    expect(await inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(62) }, { providerRef: start.ref, outcome: "failed" }))).toMatchObject({ status: "failed", applied: true });
    expect(await statusOf(louise, "2026-12-07")).toEqual(["held"]);
    expect(await inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(63) }, { providerRef: start.ref, outcome: "failed" }))).toMatchObject({ status: "failed", applied: false });
    await inTenant((tx) => emptyBasket(tx, vf, household, parent.userId!, minutes(64)));
  });

  it("a success arriving after expiry confirms the day if there is room, and credits it when the day filled up meanwhile", async () => {
    await limitDay("2026-12-03", 1);
    const at = minutes(100);
    await book(vf, parent, [day(louise, "2026-12-03"), day(louise, "2026-12-04")], at);
    const start = await startBasket(vf, household, at);
    expect(start.amountCents).toBe(720);
    // The hold expires; the expiry job releases both days; another family takes the last place of the 3rd.
    await inTenant((tx) => releaseExpiredHolds(tx, vf, minutes(131)));
    expect((await book(vf, admin, [day(leo, "2026-12-03")], minutes(132)))[0]).toMatchObject({ result: "confirmed" });
    const before = await balance();

    const late = await inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(140) }, { providerRef: start.ref, outcome: "succeeded" }));
    expect(late).toMatchObject({ status: "succeeded", applied: true, confirmed: 1 });
    expect(late.credited).toEqual([expect.objectContaining({ date: "2026-12-03", amountCents: 360 })]);
    expect(await statusOf(louise, "2026-12-03")).toEqual(["cancelled"]);
    expect(await statusOf(louise, "2026-12-04")).toEqual(["confirmed"]);
    const live = await withPlatform((tx) =>
      tx.select().from(bookings).where(and(eq(bookings.activityId, cantine), eq(bookings.date, "2026-12-03"), inArray(bookings.status, ["confirmed", "held"]))),
    );
    expect(live).toHaveLength(1);
    // Paid 7,20 €, charged 7,20 €, credited 3,60 €: the family has 3,60 € of credit more than before.
    expect(await balance()).toBe(before - 360);

    const snapshot = await counts();
    await inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(150) }, { providerRef: start.ref, outcome: "succeeded" }));
    await inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(151) }, { providerRef: start.ref, outcome: "failed" }));
    expect(await counts()).toEqual(snapshot);
    expect(await balance()).toBe(before - 360);

    const statement = await inTenant((tx) => householdStatement({ tx: tx, tenant: vf }, { householdId: household }));
    expect(statement.at(-1)!.balanceAfterCents).toBe(await balance());
  });
  it("a success arriving after expiry credits a day the school calendar closed meanwhile, and confirms the others", async () => {
    const at = minutes(200);
    await book(vf, parent, [day(louise, "2026-11-30"), day(louise, "2026-12-01")], at);
    const start = await startBasket(vf, household, at);
    // The hold expires (no job has passed: the bookings are still held), then the commune closes the 1st.
    const [closure] = await withPlatform((tx) =>
      tx.insert(calendarPeriods).values({ tenantId: vf.id, kind: "closure", label: "Grève", startDate: "2026-12-01", endDate: "2026-12-01" }).returning(),
    );
    const before = await balance();
    try {
      const late = await inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(240) }, { providerRef: start.ref, outcome: "succeeded" }));
      expect(late).toMatchObject({ status: "succeeded", applied: true, confirmed: 1 });
      expect(late.credited).toEqual([expect.objectContaining({ date: "2026-12-01", amountCents: 360 })]);
      expect(await statusOf(louise, "2026-12-01")).toEqual(["cancelled"]);
      expect(await statusOf(louise, "2026-11-30")).toEqual(["confirmed"]);
      const [note] = await withPlatform((tx) => tx.select().from(creditNotes).where(and(eq(creditNotes.tenantId, vf.id), eq(creditNotes.bookingId, late.credited[0]!.bookingId))));
      expect(note!.reason).toBe(messages.basket.lateClosedReason(formatDayLong("2026-12-01"), "Cantine", "Fermé : Grève"));
      // Billed 7,20 €, paid what the credit left to pay, the closed day's 3,60 € back on the account.
      expect(await balance()).toBe(before + 720 - start.amountCents - 360);
    } finally {
      await withPlatform((tx) => tx.delete(calendarPeriods).where(eq(calendarPeriods.id, closure!.id)));
    }
  });
  it("settles under the household's lock, the queue counter and invoice payments wait in: paid twice at once, an invoice gets what it is due", async () => {
    const debt = await issueInvoice(1000, "2026-11-20T09:00:00Z");
    const at = minutes(300);
    await book(vf, parent, [day(louise, "2026-12-08")], at);
    const start = await startBasket(vf, household, at);
    // The family then removes the day: the payment issues no basket invoice (whose foreign key would
    // share-lock the household row anyway), its money only goes to the debt. A row this transaction
    // has locked carries its id in xmax.
    const [line] = (await inTenant((tx) => getBasket({ tx, tenant: vf, now: at }, { householdId: household }))).lines;
    await inTenant((tx) => removeFromBasket(tx, vf, household, parent.userId!, line!.bookingId, at));
    const lockedHere = await inTenant(async (tx) => {
      await settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(301) }, { providerRef: start.ref, outcome: "succeeded" });
      const [row] = rowsOf<{ locked: boolean }>(
        await tx.execute(sql`select xmax = pg_current_xact_id()::xid as locked from households where tenant_id = ${vf.id} and id = ${household}`),
      );
      return row!.locked;
    });
    expect(lockedHere).toBe(true);

    // Another debt, paid online (basket) and at the counter at the same instant: on PostgreSQL the two
    // interleave and the lock makes the second read what the first allocated (PGlite runs them in turn).
    const second = await issueInvoice(800, "2026-11-21T09:00:00Z");
    await book(vf, parent, [day(louise, "2026-12-11")], minutes(310));
    const again = await startBasket(vf, household, minutes(310));
    const agent = await userId("admin@val-fleuri.test");
    await Promise.allSettled([
      inTenant((tx) => settleBasketPayment({ tx, tenant: vf, actor: systemActor, now: minutes(311) }, { providerRef: again.ref, outcome: "succeeded" })),
      inTenant((tx) => recordCounterPayment({ tx, tenant: vf, actor: staffActor(agent, ["agent"]), now: clockNow() }, { householdId: household, method: "cash", amountCents: 800, allocations: [{ invoiceId: second.id, amountCents: 800 }] })),
    ]);
    for (const invoice of [debt, second]) {
      const allocated = await withPlatform((tx) => tx.select({ cents: paymentAllocations.amountCents }).from(paymentAllocations).where(eq(paymentAllocations.invoiceId, invoice.id)));
      expect(allocated.reduce((sum, a) => sum + a.cents, 0)).toBeLessThanOrEqual(invoice.totalCents);
    }
  });
});
