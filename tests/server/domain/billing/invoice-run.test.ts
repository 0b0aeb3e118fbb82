import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf } from "@/db/client";
import { activities, attendance, bookings, emailOutbox, invoiceLines, invoices, occurrences } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { renderInvoicePdf } from "@/server/domain/billing/invoice-pdf";
import { issueBatch, issueRun, previewRun } from "@/server/domain/billing/invoice-run";
import { invoiceDetail, issueCreditNote, setInvoiceDelivery } from "@/server/domain/billing/invoices";
import type { BookingChange } from "@/server/domain/booking/bookings";
import { truncateAll } from "../../../setup/engines";
import { loadDemo } from "../../../fixtures/demo";
import { book, demoIds, scopeOf, staffAs, familyOf } from "../../../fixtures/demo-ids";

type Demo = Awaited<ReturnType<typeof demoIds>>;
let demo: Demo;
const J = () => demo.jolieville;

async function reset() {
  await truncateAll(await getDb());
  await loadDemo();
  demo = await demoIds();
}

const cantine = (child: string, date: string, action: BookingChange["action"] = "book"): BookingChange => ({
  childId: demo.ids[child]!,
  activityId: demo.ids.Cantine!,
  date,
  action,
});

/** The price snapshot, set here so these tests do not depend on the tariff lookup. */
async function setPrice(child: string, activity: string, cents: number) {
  await withTenant(J().id, (tx) =>
    tx
      .update(bookings)
      .set({ unitPriceCents: cents })
      .where(and(eq(bookings.tenantId, J().id), eq(bookings.childId, demo.ids[child]!), eq(bookings.activityId, demo.ids[activity]!))),
  );
}

/** Bookings written directly (past days, or many at once), bypassing deadlines. */
async function insertBookings(rows: { child: string; activity?: string; childId?: string; date: string; cents: number | null }[]) {
  await withTenant(J().id, async (tx) => {
    for (const r of rows) {
      const activityId = demo.ids[r.activity ?? "Cantine"]!;
      await tx.insert(occurrences).values({ tenantId: J().id, activityId, date: r.date }).onConflictDoNothing();
      await tx
        .insert(bookings)
        .values({ tenantId: J().id, childId: r.childId ?? demo.ids[r.child]!, activityId, date: r.date, status: "confirmed", unitPriceCents: r.cents });
    }
  });
}

async function mark(child: string, date: string, status: "present" | "absent" | "excused" | "unbooked_present", activity = "Cantine") {
  await withTenant(J().id, (tx) =>
    tx.insert(attendance).values({ tenantId: J().id, activityId: demo.ids[activity]!, date, childId: demo.ids[child]!, status }),
  );
}

/** Bills the activity in arrears (from attendance). */
const arrears = (activity: string) =>
  withTenant(J().id, (tx) =>
    tx.update(activities).set({ invoiceTiming: "arrears" }).where(and(eq(activities.tenantId, J().id), eq(activities.id, demo.ids[activity]!))),
  );

const admin = async () => (await import("../../../fixtures/demo")).userId("admin@jolieville.test");
const run = async (period: string, mode: "advance" | "arrears" = "advance") => {
  // Read before the transaction: PGlite has one connection, held by the transaction.
  const userId = await admin();
  return withTenant(J().id, (tx) => issueRun(scopeOf(tx, J(), staffAs(userId)), { period, mode }));
};
const preview = (period: string, mode: "advance" | "arrears" = "advance") => withTenant(J().id, (tx) => previewRun(scopeOf(tx, J()), { period, mode }));
const byRef = <T extends { reference: string }>(list: T[], ref: string) => list.find((h) => h.reference === ref)!;

describe("advance run (périscolaire) and its regularisations", () => {
  beforeAll(reset);

  it("previews per household: meal and service apart, previous balance, without writing", async () => {
    await book(J(), demo.parent, [cantine("Sarah", "2026-12-03"), cantine("Sarah", "2026-12-04")]);
    await book(J(), demo.voisin, [cantine("Tom", "2026-12-07"), cantine("Tom", "2026-12-08")]);
    await setPrice("Sarah", "Cantine", 210);
    await setPrice("Tom", "Cantine", 390);
    const p = await preview("2026-12");
    expect(p.households.map((h) => h.reference)).toEqual(["JOL-00042", "JOL-00057"]);
    const martin = byRef(p.households, "JOL-00042");
    // The cantine tariff has a 1,00 € meal part: each day is split for the childcare tax credit.
    expect(martin.lines.map((l) => [l.kind, l.quantity, l.unitPriceCents, l.amountCents, l.dates])).toEqual([
      ["service", 2, 110, 220, ["2026-12-03", "2026-12-04"]],
      ["meal", 2, 100, 200, ["2026-12-03", "2026-12-04"]],
    ]);
    expect(martin).toMatchObject({ totalCents: 420, previousBalanceCents: 0, toPayCents: 420 });
    const durand = byRef(p.households, "JOL-00057");
    // The seeded November invoice (15,60 €) is unpaid; the Wednesday of the 16th (15,00 €, 3,00 € meal) is billed too.
    expect(durand).toMatchObject({ totalCents: 780 + 1500, previousBalanceCents: 1560, toPayCents: 1560 + 2280 });
    expect(durand.lines.map((l) => [l.label, l.amountCents])).toEqual([
      ["Cantine — accueil (hors repas)", 580],
      ["Cantine — repas", 200],
      ["Mercredi loisirs — accueil (hors repas)", 1200],
      ["Mercredi loisirs — repas", 300],
    ]);
    const db = await getDb();
    expect(await db.$count(invoices, eq(invoices.tenantId, J().id))).toBe(2);
  });

  it("warns when a booking has no price snapshot", async () => {
    await withTenant(J().id, (tx) =>
      tx.update(bookings).set({ unitPriceCents: null }).where(and(eq(bookings.childId, demo.ids.Sarah!), eq(bookings.date, "2026-12-04"))),
    );
    const p = await preview("2026-12");
    expect(p.warnings).toEqual([expect.stringContaining("tarif non renseigné pour 1 jour")]);
    await setPrice("Sarah", "Cantine", 210);
  });

  it("issues one invoice per household with gapless numbers, e-mails only e-invoice families, and never bills twice", async () => {
    await withTenant(J().id, (tx) => setInvoiceDelivery(scopeOf(tx, J(), familyOf([demo.ids["JOL-00042"]!])), { householdId: demo.ids["JOL-00042"]!, delivery: "email" }));
    const result = await run("2026-12");
    expect(result.issued.map((i) => i.number)).toEqual(["2026-000003", "2026-000004"]);
    expect(result).toMatchObject({ invoiceCount: 2, totalCents: 420 + 2280, done: true, remaining: 0 });
    const db = await getDb();
    const [durand] = await db.select().from(invoices).where(eq(invoices.number, "2026-000004"));
    expect(durand).toMatchObject({ previousBalanceCents: 1560, totalCents: 2280, dueDate: "2026-12-15", periodLabel: "Décembre 2026", kind: "monthly" });

    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "invoice-available"));
    expect(mails.map((m) => m.to)).toEqual(["parent@recre.test"]);
    expect(mails[0]!.subject).toBe("Votre facture est disponible sur le Portail Familles — Jolieville");
    expect(mails[0]!.text).toContain("Bonjour Julie");
    expect(mails[0]!.text).toContain("Décembre 2026");
    expect(mails[0]!.text).toContain("/jolieville/factures");
    expect(mails[0]!.text).not.toMatch(/€|4,20|Martin|Sarah/);

    const again = await run("2026-12");
    expect(again.issued).toEqual([]);
    expect((await preview("2026-12")).households).toEqual([]);
    expect(await db.$count(invoices, eq(invoices.tenantId, J().id))).toBe(4);
  });

  it("credits a day cancelled or excused after invoicing, charges a presence without booking, once", async () => {
    // Cancelled within the deadline, after the December invoice.
    const [outcome] = await book(J(), demo.parent, [cantine("Sarah", "2026-12-03", "cancel")]);
    expect(outcome!.result).toBe("cancelled");
    await mark("Tom", "2026-12-07", "excused");
    await mark("Sarah", "2026-12-10", "unbooked_present");
    const p = await preview("2027-01");
    const martin = byRef(p.households, "JOL-00042");
    // Supervision and meal apart here too: a credited day gives back each part where it was charged.
    expect(martin.lines.map((l) => [l.kind, l.label, l.dates, l.amountCents])).toEqual([
      ["regularisation", "Cantine — accueil (hors repas) — régularisation : présence sans réservation (100 % du tarif)", ["2026-12-10"], 110],
      ["meal", "Cantine — repas — régularisation : présence sans réservation (100 % du tarif)", ["2026-12-10"], 100],
      ["regularisation", "Cantine — accueil (hors repas) — régularisation : réservation annulée dans les délais", ["2026-12-03"], -110],
      ["meal", "Cantine — repas — régularisation : réservation annulée dans les délais", ["2026-12-03"], -100],
    ]);
    const durand = byRef(p.households, "JOL-00057");
    expect(durand.lines.map((l) => [l.label, l.amountCents])).toEqual([
      ["Cantine — accueil (hors repas) — régularisation : absence excusée", -290],
      ["Cantine — repas — régularisation : absence excusée", -100],
    ]);
    expect(durand.previousBalanceCents).toBe(1560 + 2280);

    await run("2027-01");
    expect((await preview("2027-01")).households).toEqual([]);
    expect((await preview("2027-02")).households).toEqual([]);
    const db = await getDb();
    const regularised = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from billed_bookings where kind = 'regularisation'`));
    expect(regularised[0]!.n).toBe(2);
  });

  it("renders the PDF: number, family reference, amounts and the total to pay", async () => {
    const db = await getDb();
    const [row] = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.number, "2026-000004"));
    const detail = await withTenant(J().id, (tx) => invoiceDetail(scopeOf(tx, J(), familyOf([demo.ids["JOL-00057"]!])), { invoiceId: row!.id }));
    const pdf = await renderInvoicePdf(detail, J());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    if (!existsSync("/usr/bin/pdftotext")) return;
    const dir = mkdtempSync(path.join(tmpdir(), "facture-"));
    const file = path.join(dir, "facture.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]).toString("utf8");
    for (const expected of [
      "Facture",
      "2026-000004",
      "JOL-00057",
      "Commune de Jolieville",
      "Famille Durand",
      "3 impasse du Moulin",
      "Mercredi loisirs - repas",
      "22,80 €",
      "15,60 €",
      "38,40 €",
      "Total à payer",
      "15 décembre 2026",
      "Décembre 2026",
      "/jolieville",
      "Code d'activation",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain("Solde antérieur restant dû");
    // A credit brought forward is printed as a deduction, not as a negative amount still due.
    writeFileSync(file, await renderInvoicePdf({ ...detail, previousBalanceCents: -360 }, J()));
    const credited = execFileSync("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]).toString("utf8");
    expect(credited).toMatch(/Crédit antérieur déduit\s+- 3,60 €/);
    expect(credited).not.toContain("Solde antérieur restant dû");
  });

  it("credit notes: reason required, at most what is left on the invoice, own gapless numbers", async () => {
    const db = await getDb();
    const [row] = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.number, "2026-000004"));
    const userId = await admin();
    const note = await withTenant(J().id, (tx) => issueCreditNote(scopeOf(tx, J(), staffAs(userId)), { invoiceId: row!.id, amountCents: 500, reason: "Repas non servi (grève)" }));
    expect(note).toMatchObject({ number: "AV-2026-000001", amountCents: 500 });
    await expect(
      withTenant(J().id, (tx) => issueCreditNote(scopeOf(tx, J(), staffAs(userId)), { invoiceId: row!.id, amountCents: 1781, reason: "Trop" })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", field: "amountCents", message: expect.stringContaining("17,80") });
    await expect(withTenant(J().id, (tx) => issueCreditNote(scopeOf(tx, J(), staffAs(userId)), { invoiceId: row!.id, amountCents: 10, reason: "  " }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "reason",
    });
    const second = await withTenant(J().id, (tx) => issueCreditNote(scopeOf(tx, J(), staffAs(userId)), { invoiceId: row!.id, amountCents: 1780, reason: "Geste commercial" }));
    expect(second.number).toBe("AV-2026-000002");
  });
});

describe("arrears run (from attendance)", () => {
  beforeAll(reset);

  it("charges present days, penalises unjustified absences, skips excused ones and surcharges presence without booking", async () => {
    // Arrears runs bill the activities set to "à terme échu" only.
    await withTenant(J().id, (tx) =>
      tx.update(activities).set({ invoiceTiming: "arrears" }).where(and(eq(activities.tenantId, J().id), eq(activities.id, demo.ids.Cantine!))),
    );
    await insertBookings([
      { child: "Tom", date: "2026-11-16", cents: 390 },
      { child: "Tom", date: "2026-11-17", cents: 390 },
      { child: "Tom", date: "2026-11-19", cents: 390 },
      // Not yet past on the demo's "today" (25 November): not billed in arrears.
      { child: "Tom", date: "2026-11-30", cents: 390 },
    ]);
    await mark("Tom", "2026-11-16", "present");
    await mark("Tom", "2026-11-17", "absent");
    await mark("Tom", "2026-11-19", "excused");
    await mark("Tom", "2026-11-20", "unbooked_present");
    const p = await preview("2026-11", "arrears");
    expect(p.households.map((h) => h.reference)).toEqual(["JOL-00057"]);
    const [durand] = p.households;
    // Penalty and surcharge lines keep the meal apart as well.
    expect(durand!.lines.map((l) => [l.kind, l.label, l.dates, l.amountCents])).toEqual([
      ["service", "Cantine — accueil (hors repas)", ["2026-11-16"], 290],
      ["meal", "Cantine — repas", ["2026-11-16"], 100],
      ["penalty", "Cantine — accueil (hors repas) — absence non justifiée (100 % du tarif)", ["2026-11-17"], 290],
      ["meal", "Cantine — repas — absence non justifiée (100 % du tarif)", ["2026-11-17"], 100],
      ["surcharge", "Cantine — accueil (hors repas) — présence sans réservation (100 % du tarif)", ["2026-11-20"], 290],
      ["meal", "Cantine — repas — présence sans réservation (100 % du tarif)", ["2026-11-20"], 100],
    ]);
    expect(durand!.totalCents).toBe(1170);
    const issued = await run("2026-11", "arrears");
    expect(issued.issued).toHaveLength(1);
    expect((await preview("2026-11", "arrears")).households).toEqual([]);
  });
});

describe("one rounding per line, and the tariff for a presence without booking", () => {
  beforeAll(reset);

  it("prices a presence without any booking from the tariff at the household's QF and residency, plus the surcharge", async () => {
    // Chloé has never been booked: the Martins' QF 650 gives 2,10 € at the canteen (1,00 € of it food) and
    // 0,20 % × 650 = 1,30 € at the evening care, surcharged to 150 %.
    await arrears("Cantine");
    await arrears("Garderie du soir");
    await mark("Chloé", "2026-11-20", "unbooked_present");
    await mark("Chloé", "2026-11-19", "unbooked_present", "Garderie du soir");
    const martin = byRef((await preview("2026-11", "arrears")).households, "JOL-00042");
    expect(martin.lines.map((l) => [l.kind, l.label, l.quantity, l.unitPriceCents, l.amountCents])).toEqual([
      ["surcharge", "Cantine — accueil (hors repas) — présence sans réservation (100 % du tarif)", 1, 110, 110],
      ["meal", "Cantine — repas — présence sans réservation (100 % du tarif)", 1, 100, 100],
      ["surcharge", "Garderie du soir — présence sans réservation (150 % du tarif)", 1, 130, 195],
    ]);
    expect(martin.warnings).toEqual([]);
  });

  it("rounds penalties, surcharges and sibling reductions once for the whole line, not per day", async () => {
    await withTenant(J().id, (tx) =>
      tx.execute(sql`update tariffs set pricing = pricing || '{"resident": {"kind": "unit", "cents": 115}, "nonResident": {"kind": "unit", "cents": 115}, "mealCents": 0, "absencePenaltyPercent": 15, "unbookedSurchargePercent": 150}'::jsonb
        where tenant_id = ${J().id} and activity_id = ${demo.ids.Cantine!}`),
    );
    await insertBookings(["2026-11-02", "2026-11-03", "2026-11-05"].map((date) => ({ child: "Tom", date, cents: 115 })));
    await insertBookings(["2026-11-09", "2026-11-10", "2026-11-12"].map((date) => ({ child: "Tom", date, cents: 205 })));
    await withTenant(J().id, (tx) =>
      tx.update(bookings).set({ reductionPercent: 10 }).where(and(eq(bookings.childId, demo.ids.Tom!), eq(bookings.unitPriceCents, 205))),
    );
    for (const date of ["2026-11-02", "2026-11-03", "2026-11-05"]) await mark("Tom", date, "absent");
    for (const date of ["2026-11-16", "2026-11-17", "2026-11-19"]) await mark("Tom", date, "unbooked_present");
    const durand = byRef((await preview("2026-11", "arrears")).households, "JOL-00057");
    expect(durand.lines.map((l) => [l.kind, l.label, l.quantity, l.unitPriceCents, l.amountCents])).toEqual([
      // 3 × 2,05 € − 10 % = 5,535 → 5,54 € (per day: 3 × 1,85 = 5,55 €).
      ["service", "Cantine, réduction fratrie −10 %", 3, 205, 554],
      // 3 × 1,15 € × 15 % = 0,5175 → 0,52 € (per day: 3 × 0,17 = 0,51 €).
      ["penalty", "Cantine — absence non justifiée (15 % du tarif)", 3, 115, 52],
      // 3 × 1,15 € × 150 % = 5,175 → 5,18 € (per day: 3 × 1,73 = 5,19 €).
      ["surcharge", "Cantine — présence sans réservation (150 % du tarif)", 3, 115, 518],
    ]);
    expect(durand.totalCents).toBe(554 + 52 + 518);
  });
});

describe("concurrent runs", () => {
  beforeAll(reset);

  it("keeps invoice numbers gapless and unique when two periods are issued at once", async () => {
    // 30 more households, each with a child booked on a December and a January day.
    const extra = Array.from({ length: 30 }, (_, i) => ({ i, householdId: randomUUID(), childId: randomUUID() }));
    await withTenant(J().id, async (tx) => {
      for (const f of extra) {
        await tx.execute(sql`insert into households (tenant_id, id, reference, name) values (${J().id}, ${f.householdId}, ${`BEN-${String(f.i).padStart(3, "0")}`}, ${`Famille ${f.i}`})`);
        await tx.execute(sql`insert into children (tenant_id, id, household_id, first_name, last_name, birth_date) values (${J().id}, ${f.childId}, ${f.householdId}, 'Enfant', ${String(f.i)}, '2018-01-01')`);
      }
    });
    await insertBookings(extra.flatMap((f) => [{ child: "", childId: f.childId, date: "2026-12-03", cents: 210 }, { child: "", childId: f.childId, date: "2027-01-07", cents: 210 }]));
    const userId = await admin();
    await Promise.all([
      withTenant(J().id, (tx) => issueRun(scopeOf(tx, J(), staffAs(userId)), { period: "2026-12", mode: "advance" })),
      withTenant(J().id, (tx) => issueRun(scopeOf(tx, J(), staffAs(userId)), { period: "2027-01", mode: "advance" })),
      // A batch of the December run racing the whole run: it must not bill anyone twice.
      withTenant(J().id, (tx) => issueBatch(scopeOf(tx, J(), staffAs(userId)), { period: "2026-12", mode: "advance", batchSize: 10 })),
    ]);
    const db = await getDb();
    const numbers = (await db.select({ number: invoices.number }).from(invoices).where(eq(invoices.tenantId, J().id))).map((r) => r.number).sort();
    // 2 seeded + 30 December (+ Tom's Wednesday) + 30 January.
    expect(numbers).toHaveLength(2 + 31 + 30);
    expect(numbers).toEqual(numbers.map((_, k) => `2026-${String(k + 1).padStart(6, "0")}`));
    const billedTwice = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from (select booking_id from billed_bookings group by booking_id, kind having count(*) > 1) d`),
    );
    expect(billedTwice[0]!.n).toBe(0);
  });
});

describe("a month issued before the one it follows", () => {
  beforeAll(reset);

  it("leaves the earlier month's bookings to that month's own invoice", async () => {
    const userId = await admin();
    await insertBookings([
      { child: "Sarah", date: "2026-12-03", cents: 210 },
      { child: "Sarah", date: "2027-01-07", cents: 210 },
    ]);
    const january = await withTenant(J().id, (tx) => issueRun(scopeOf(tx, J(), staffAs(userId)), { period: "2027-01", mode: "advance" }));
    const december = await withTenant(J().id, (tx) => issueRun(scopeOf(tx, J(), staffAs(userId)), { period: "2026-12", mode: "advance" }));
    const db = await getDb();
    const datesOf = async (invoiceIds: string[]) =>
      (await db.select({ dates: invoiceLines.dates }).from(invoiceLines).where(inArray(invoiceLines.invoiceId, invoiceIds))).flatMap((l) => l.dates);
    expect(await datesOf(january.issued.map((i) => i.id))).not.toContain("2026-12-03");
    expect(await datesOf(december.issued.map((i) => i.id))).toContain("2026-12-03");
  });
});

describe("a run issued batch by batch", () => {
  beforeAll(reset);

  it("goes on from the last family billed, and still bills one that booked behind it before closing", async () => {
    const userId = await admin();
    await insertBookings([
      { child: "Sarah", date: "2027-01-07", cents: 210 },
      { child: "Tom", date: "2027-01-07", cents: 210 },
    ]);
    const batch = (runId?: string) => withTenant(J().id, (tx) => issueBatch(scopeOf(tx, J(), staffAs(userId)), { period: "2027-01", mode: "advance", runId, batchSize: 1 }));
    const first = await batch();
    expect(first).toMatchObject({ done: false, invoiceCount: 1, remaining: 1 });
    // The Martins (JOL-00042, billed first) book another January day while the run goes on.
    await insertBookings([{ child: "Sarah", date: "2027-01-08", cents: 210 }]);
    const second = await batch(first.runId);
    expect(second).toMatchObject({ done: false, invoiceCount: 2, remaining: 1 });
    const third = await batch(first.runId);
    expect(third).toMatchObject({ done: true, invoiceCount: 3, remaining: 0 });
    expect(third.issued.map((i) => i.householdId)).toEqual([first.issued[0]!.householdId]);
    const db = await getDb();
    const billedTwice = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from (select booking_id from billed_bookings group by booking_id, kind having count(*) > 1) d`),
    );
    expect(billedTwice[0]!.n).toBe(0);
  });
});
