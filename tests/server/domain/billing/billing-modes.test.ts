import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf } from "@/db/client";
import { activities, bookings, occurrences } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { getBasket } from "@/server/domain/billing/basket";
import { effectiveBillingMode, modesInUse } from "@/server/domain/billing/billing-mode";
import { previewRun } from "@/server/domain/billing/invoice-run";
import type { BookingChange } from "@/server/domain/booking/bookings";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { truncateAll } from "../../../setup/engines";
import { loadDemo } from "../../../fixtures/demo";
import { book, demoIds, scopeOf } from "../../../fixtures/demo-ids";

type Demo = Awaited<ReturnType<typeof demoIds>>;
let demo: Demo;

async function reset() {
  await truncateAll(await getDb());
  await loadDemo();
  demo = await demoIds();
}

async function setActivity(tenant: Tenant, activityId: string, values: Partial<typeof activities.$inferInsert>) {
  await withTenant(tenant.id, (tx) =>
    tx
      .update(activities)
      .set(values)
      .where(and(eq(activities.tenantId, tenant.id), eq(activities.id, activityId))),
  );
}

const day = (activityId: string, childId: string, date: string): BookingChange => ({ activityId, childId, date, action: "book" });
const preview = (tenant: Tenant, period: string, mode: "advance" | "arrears") => withTenant(tenant.id, (tx) => previewRun(scopeOf(tx, tenant), { period, mode }));
const billedActivities = (p: Awaited<ReturnType<typeof preview>>) => new Set(p.households.flatMap((h) => h.lines.map((l) => l.activityName)));

describe("an activity's own billing mode", () => {
  beforeAll(reset);

  it("follows the commune unless the activity sets its own", () => {
    expect(effectiveBillingMode({ billingMode: "invoice" }, { billingMode: null })).toBe("invoice");
    expect(effectiveBillingMode({ billingMode: "invoice" }, { billingMode: "prepaid" })).toBe("prepaid");
    expect(effectiveBillingMode({ billingMode: "prepaid" }, { billingMode: "invoice" })).toBe("invoice");
  });

  it("puts a prepaid activity of an invoicing commune in the basket, and keeps it out of the invoice run", async () => {
    const J = demo.jolieville;
    await setActivity(J, demo.ids["Mercredi loisirs"]!, { billingMode: "prepaid" });
    expect(await withTenant(J.id, (tx) => modesInUse(tx, J))).toEqual({ prepaid: true, invoice: true });

    const [wednesday] = await book(J, demo.parent, [day(demo.ids["Mercredi loisirs"]!, demo.ids.Sarah!, "2026-12-09")]);
    const [canteen] = await book(J, demo.parent, [day(demo.ids.Cantine!, demo.ids.Sarah!, "2026-12-10")]);
    expect(wednesday).toMatchObject({ result: "confirmed", held: true });
    expect(canteen).toMatchObject({ result: "confirmed", message: "Réservé." });
    expect(canteen!.held).toBeUndefined();

    const basket = await withTenant(J.id, (tx) => getBasket({ tx, tenant: J, now: new Date("2026-11-25T10:05:00Z") }, { householdId: demo.ids["JOL-00042"]! }));
    expect(basket.lines.map((l) => l.activityName)).toEqual(["Mercredi loisirs"]);

    // Even once paid (confirmed), the basket activity is never invoiced at month's end.
    await withTenant(J.id, (tx) =>
      tx.update(bookings).set({ status: "confirmed", heldUntil: null }).where(and(eq(bookings.tenantId, J.id), eq(bookings.activityId, demo.ids["Mercredi loisirs"]!))),
    );
    const run = await preview(J, "2026-12", "advance");
    expect(billedActivities(run).has("Mercredi loisirs")).toBe(false);
    expect(billedActivities(run).has("Cantine")).toBe(true);
  });

  it("confirms at once an invoiced activity of a prepaid commune, and lets that commune run invoices for it alone", async () => {
    const V = demo.valFleuri;
    await expect(preview(V, "2026-12", "advance")).rejects.toThrow(/Aucune activité de cette commune n'est facturée en fin de mois/);
    await setActivity(V, demo.ids["vf:Cantine"]!, { billingMode: "invoice" });
    const [outcome] = await book(V, demo.parentValFleuri, [day(demo.ids["vf:Cantine"]!, demo.ids.Louise!, "2026-12-14")]);
    expect(outcome).toMatchObject({ result: "confirmed", message: "Réservé." });
    const run = await preview(V, "2026-12", "advance");
    expect(run.households).toHaveLength(1);
    expect(billedActivities(run)).toEqual(new Set(["Cantine"]));
  });
});

describe("advance and arrears per activity", () => {
  beforeAll(reset);

  it("bills an arrears activity only in the arrears run, and an advance one only in the advance run", async () => {
    const J = demo.jolieville;
    await setActivity(J, demo.ids["Mercredi loisirs"]!, { invoiceTiming: "arrears" });
    await book(J, demo.parent, [day(demo.ids.Cantine!, demo.ids.Sarah!, "2026-12-10"), day(demo.ids["Mercredi loisirs"]!, demo.ids.Sarah!, "2026-12-09")]);
    // Days already past (25 November): a Wednesday at the leisure centre and a canteen day.
    await withTenant(J.id, async (tx) => {
      for (const [activity, date] of [["Mercredi loisirs", "2026-11-18"], ["Cantine", "2026-11-19"]] as const) {
        await tx.insert(occurrences).values({ tenantId: J.id, activityId: demo.ids[activity]!, date }).onConflictDoNothing();
        await tx.insert(bookings).values({ tenantId: J.id, childId: demo.ids.Sarah!, activityId: demo.ids[activity]!, date, status: "confirmed", unitPriceCents: 900 });
      }
    });

    const advance = await preview(J, "2026-12", "advance");
    expect(billedActivities(advance)).toEqual(new Set(["Cantine"]));
    const arrears = await preview(J, "2026-11", "arrears");
    expect(arrears.households.flatMap((h) => h.lines).map((l) => [l.activityName, l.dates])).toEqual([
      ["Mercredi loisirs", ["2026-11-18"]],
      ["Mercredi loisirs", ["2026-11-18"]],
    ]);
  });
});

describe("a day booked after its month was invoiced", () => {
  beforeAll(reset);

  it("is billed on the next month's invoice as a regularisation, once", async () => {
    const J = demo.jolieville;
    // November was invoiced in October (seed); the front desk adds 30 November for Sarah afterwards.
    await withTenant(J.id, async (tx) => {
      await tx.insert(occurrences).values({ tenantId: J.id, activityId: demo.ids.Cantine!, date: "2026-11-30" }).onConflictDoNothing();
      await tx.insert(bookings).values({ tenantId: J.id, childId: demo.ids.Sarah!, activityId: demo.ids.Cantine!, date: "2026-11-30", status: "confirmed", unitPriceCents: 210 });
    });
    const run = await preview(J, "2026-12", "advance");
    const martin = run.households.find((h) => h.reference === "JOL-00042")!;
    const late = martin.lines.filter((l) => l.dates.includes("2026-11-30"));
    expect(late.map((l) => l.label)).toEqual([
      "Cantine — accueil (hors repas) — régularisation : réservé après la facture précédente",
      "Cantine — repas — régularisation : réservé après la facture précédente",
    ]);
    expect(late.reduce((n, l) => n + l.amountCents, 0)).toBe(210);
    // Two months back is out of reach: a run bills its month and the one before, never older.
    expect((await preview(J, "2027-01", "advance")).households.flatMap((h) => h.lines).some((l) => l.dates.includes("2026-11-30"))).toBe(false);
  });
});

describe("a place freed on a full prepaid day", () => {
  beforeAll(reset);

  it("goes to the first family waiting as a day-long basket hold, and the e-mail asks to pay", async () => {
    const J = demo.jolieville;
    const wednesday = demo.ids["Mercredi loisirs"]!;
    await setActivity(J, wednesday, { billingMode: "prepaid" });
    // 16 December holds one child, Tom (seed); Sarah waits.
    const [waiting] = await book(J, demo.parent, [{ activityId: wednesday, childId: demo.ids.Sarah!, date: "2026-12-16", action: "waitlist" }]);
    expect(waiting).toMatchObject({ result: "waitlisted" });
    await book(J, demo.voisin, [{ activityId: wednesday, childId: demo.ids.Tom!, date: "2026-12-16", action: "cancel" }]);

    const [sarah] = await withTenant(J.id, (tx) =>
      tx.select().from(bookings).where(and(eq(bookings.tenantId, J.id), eq(bookings.childId, demo.ids.Sarah!), eq(bookings.date, "2026-12-16"))),
    );
    expect(sarah).toMatchObject({ status: "held" });
    expect(sarah!.heldUntil!.getTime() - new Date("2026-11-25T10:00:00Z").getTime()).toBe(24 * 3_600_000);
    const [mail] = rowsOf<{ text: string }>(await (await getDb()).execute(sql`select text from email_outbox where template = 'waitlist-promoted'`));
    expect(mail!.text).toContain("Elle vous attend dans votre panier jusqu'au 26/11/2026 à 11:00");
    expect(mail!.text).toMatch(/\/jolieville\/panier/);
  });
});
