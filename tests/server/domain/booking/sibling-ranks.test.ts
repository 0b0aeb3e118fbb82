import { and, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { activities, bookings, children } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { removeFromBasket } from "@/server/domain/billing/basket";
import { applyBookingChanges, type BookingChange } from "@/server/domain/booking/bookings";
import { staffActor } from "@/server/domain/scope";
import { loadDemo, userId } from "../../../fixtures/demo";
import { truncateAll } from "../../../setup/engines";
import { demoIds, type DemoIds } from "../activities/helpers";
import { testScope } from "../../../fixtures/scope";

// Mercredi loisirs, Martin family (QF 650 → 9,00 €; 2nd child −10 %): Sarah (born 2017) is older than Chloé (2019).
const now = new Date("2026-11-25T10:00:00Z");
const WEDNESDAY = "2026-12-02";

/** A fresh demo commune, so each order of booking starts from the same nothing. */
async function freshDemo() {
  await truncateAll((await getDatabase()).db);
  await loadDemo();
  const j = await demoIds("jolieville");
  const agent = staffActor(await userId("agent@jolieville.test"), ["agent"]);
  const change = (child: string, action: BookingChange["action"] = "book"): BookingChange => ({
    childId: j.child[child]!,
    activityId: j.activity["Mercredi loisirs"]!,
    date: WEDNESDAY,
    action,
  });
  const book = (...changes: BookingChange[]) => withTenant(j.tenant.id, (tx) => applyBookingChanges(testScope(tx, j.tenant, agent, now), { changes }));
  return { j, change, book };
}

/** What each Martin child's live booking that day costs, as stored: [rank, reduction, amount label]. */
async function stored(j: DemoIds) {
  const rows = await withPlatform((tx) =>
    tx
      .select({ childId: bookings.childId, rank: bookings.siblingRank, percent: bookings.reductionPercent, label: bookings.pricingLabel })
      .from(bookings)
      .where(and(eq(bookings.activityId, j.activity["Mercredi loisirs"]!), eq(bookings.date, WEDNESDAY), ne(bookings.status, "cancelled"))),
  );
  const name = (id: string) => Object.entries(j.child).find(([, childId]) => childId === id)![0];
  return Object.fromEntries(rows.map((r) => [name(r.childId), { rank: r.rank, percent: r.percent, label: r.label }]));
}

const bySarahFirst = {
  Sarah: { rank: 1, percent: 0, label: "QF 400 à moins de 700, résident" },
  Chloé: { rank: 2, percent: 10, label: "QF 400 à moins de 700, résident, réduction fratrie −10 %" },
};

describe("sibling rank follows age, not the order of the ticks", () => {
  it("the younger ticked first, then the elder: the elder is rank 1 and the younger gets the reduction", async () => {
    const { j, change, book } = await freshDemo();
    const [chloe] = await book(change("Chloé"));
    expect(chloe).toMatchObject({ result: "confirmed", amountCents: 900 }); // alone that day: no reduction yet
    const [sarah] = await book(change("Sarah"));
    expect(sarah).toMatchObject({ result: "confirmed", unitPriceCents: 900, amountCents: 900 });
    expect(await stored(j)).toEqual(bySarahFirst);
  });

  it("the elder ticked first, then the younger: the same amounts per child", async () => {
    const { j, change, book } = await freshDemo();
    await book(change("Sarah"));
    const [chloe] = await book(change("Chloé"));
    expect(chloe).toMatchObject({ result: "confirmed", amountCents: 810 });
    expect(await stored(j)).toEqual(bySarahFirst);
  });

  it("both in one request, in either order: the same amounts per child", async () => {
    for (const order of [["Chloé", "Sarah"], ["Sarah", "Chloé"]]) {
      const { j, change, book } = await freshDemo();
      const outcomes = await book(...order.map((c) => change(c)));
      expect(Object.fromEntries(outcomes.map((o) => [o.childId === j.child.Sarah ? "Sarah" : "Chloé", o.amountCents]))).toEqual({ Sarah: 900, Chloé: 810 });
      expect(await stored(j)).toEqual(bySarahFirst);
    }
  });

  it("cancelling the elder makes the younger the first child booked that day; booking the elder again restores both", async () => {
    const { j, change, book } = await freshDemo();
    await book(change("Sarah"), change("Chloé"));
    await book(change("Sarah", "cancel"));
    expect(await stored(j)).toEqual({ Chloé: { rank: 1, percent: 0, label: "QF 400 à moins de 700, résident" } });
    await book(change("Sarah"));
    expect(await stored(j)).toEqual(bySarahFirst);
  });
});

describe("sibling rank when a basket line is removed", () => {
  it("the younger left in the basket becomes the first child booked that day", async () => {
    const { j, change } = await freshDemo();
    await withPlatform((tx) => tx.update(activities).set({ billingMode: "prepaid" }).where(eq(activities.id, j.activity["Mercredi loisirs"]!)));
    const [household] = await withPlatform((tx) => tx.select({ id: children.householdId }).from(children).where(eq(children.id, j.child.Sarah!)));
    const parent = { userId: await userId("parent@recre.test"), role: "parent" as const, householdIds: [household!.id] };
    const outcomes = await withTenant(j.tenant.id, (tx) => applyBookingChanges(testScope(tx, j.tenant, parent, now), { changes: [change("Chloé"), change("Sarah")] }));
    expect(outcomes.map((o) => o.held)).toEqual([true, true]);
    expect(await stored(j)).toEqual(bySarahFirst);
    const [sarah] = await withPlatform((tx) =>
      tx.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.childId, j.child.Sarah!), eq(bookings.date, WEDNESDAY), eq(bookings.status, "held"))),
    );
    await withTenant(j.tenant.id, (tx) => removeFromBasket(tx, j.tenant, household!.id, parent.userId, sarah!.id, now));
    expect(await stored(j)).toEqual({ Chloé: { rank: 1, percent: 0, label: "QF 400 à moins de 700, résident" } });
  });
});
