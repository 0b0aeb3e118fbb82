import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bookings, children, enrolments, occurrences } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { addTariff } from "@/server/domain/billing/tariffs";
import { applyBookingChanges, type BookingChange } from "@/server/domain/booking/bookings";
import type { Actor } from "@/server/domain/scope";
import { loadDemo, userId } from "../../../fixtures/demo";
import { demoIds, type DemoIds } from "../activities/helpers";
import { scopeOf, staffAs } from "../../../fixtures/demo-ids";

const now = new Date("2026-11-25T10:00:00Z");
let j: DemoIds;
let agent: Actor;

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
  agent = { userId: await userId("agent@jolieville.test"), role: "staff", householdIds: [], staffRoles: [] };
});

const book = (changes: BookingChange[]) => withTenant(j.tenant.id, (tx) => applyBookingChanges(scopeOf(tx, j.tenant, agent, now), { changes: changes, ...{ now } }));
const day = (child: string, activity: string, date: string, action: BookingChange["action"] = "book"): BookingChange => ({
  childId: j.child[child]!,
  activityId: j.activity[activity]!,
  date,
  action,
});
const stored = async (child: string, activity: string, date: string) =>
  (
    await withPlatform((tx) =>
      tx
        .select({ price: bookings.unitPriceCents, status: bookings.status })
        .from(bookings)
        .where(and(eq(bookings.childId, j.child[child]!), eq(bookings.activityId, j.activity[activity]!), eq(bookings.date, date), ne(bookings.status, "cancelled"))),
    )
  )[0];

describe("price snapshot at booking", () => {
  it("prices Sarah's canteen day from her family's QF 650 (2,10 €) and Tom's, with no QF, at the highest bracket (3,90 €)", async () => {
    const outcomes = await book([day("Sarah", "Cantine", "2026-12-07"), day("Tom", "Cantine", "2026-12-07")]);
    expect(outcomes.map((o) => [o.childId, o.result, o.unitPriceCents]).sort()).toEqual(
      [
        [j.child.Sarah, "confirmed", 210],
        [j.child.Tom, "confirmed", 390],
      ].sort(),
    );
    expect(await stored("Sarah", "Cantine", "2026-12-07")).toEqual({ price: 210, status: "confirmed" });
    expect(await stored("Tom", "Cantine", "2026-12-07")).toEqual({ price: 390, status: "confirmed" });
  });

  it("never reprices a booking when a new tariff starts; bookings made after it use it", async () => {
    await withTenant(j.tenant.id, (tx) =>
      addTariff(scopeOf(tx, j.tenant, staffAs(null)), {
        activityId: j.activity.Cantine!,
        validFrom: "2026-12-01",
        pricing: { resident: { kind: "unit", cents: 250 }, nonResident: { kind: "unit", cents: 500 } },
      }),
    );
    expect(await stored("Sarah", "Cantine", "2026-12-07")).toEqual({ price: 210, status: "confirmed" });
    const [later] = await book([day("Sarah", "Cantine", "2026-12-08")]);
    expect(later).toMatchObject({ result: "confirmed", unitPriceCents: 250 });
    // A day before the new tariff still uses the one in force on that day.
    const [old] = await book([{ ...day("Sarah", "Cantine", "2026-11-30") }]);
    expect(old!.result).toBe("refused"); // past the deadline: the front desk needs a reason
    const [forced] = await withTenant(j.tenant.id, (tx) =>
      applyBookingChanges(scopeOf(tx, j.tenant, agent, ({ now, overrideReason: "Oubli" }).now), { changes: [day("Sarah", "Cantine", "2026-11-30")], ...{ now, overrideReason: "Oubli" } }),
    );
    expect(forced!.unitPriceCents).toBe(210);
  });

  it("has no price when the activity has no tariff", async () => {
    const childId = j.child.Sarah!;
    await withTenant(j.tenant.id, (tx) => tx.insert(enrolments).values({ tenantId: j.tenant.id, childId, activityId: j.activity["Garderie du matin"]!, status: "accepted" }));
    await withPlatform((tx) => tx.execute(`delete from tariffs where activity_id = '${j.activity["Garderie du matin"]!}'`));
    const [o] = await book([day("Sarah", "Garderie du matin", "2026-12-10")]);
    expect(o).toMatchObject({ result: "confirmed", unitPriceCents: null });
    expect((await stored("Sarah", "Garderie du matin", "2026-12-10"))!.price).toBeNull();
  });

  it("gives the sibling reduction by age: the eldest booked that day pays full price, in any order of booking", async () => {
    // Mercredi loisirs: QF 650 → 9,00 €; 2nd child −10 %, 3rd −20 %. Sarah (2017) is older than Chloé (2019).
    const amounts = async (date: string) =>
      Object.fromEntries(
        (await withPlatform((tx) =>
          tx
            .select({ childId: bookings.childId, unit: bookings.unitPriceCents, percent: bookings.reductionPercent, label: bookings.pricingLabel })
            .from(bookings)
            .where(and(eq(bookings.activityId, j.activity["Mercredi loisirs"]!), eq(bookings.date, date), ne(bookings.status, "cancelled"))),
        ))
          .filter((r) => r.childId !== j.child.Tom)
          .map((r) => [r.childId === j.child.Sarah ? "Sarah" : "Chloé", [r.unit, r.percent, r.label]]),
      );
    const byAge = {
      Sarah: [900, 0, "QF 400 à moins de 700, résident"],
      Chloé: [900, 10, "QF 400 à moins de 700, résident, réduction fratrie −10 %"],
    };
    // The younger first, then the older; and the other way round another Wednesday.
    const [chloe] = await book([day("Chloé", "Mercredi loisirs", "2026-12-02")]);
    const [sarah] = await book([day("Sarah", "Mercredi loisirs", "2026-12-02")]);
    expect(chloe).toMatchObject({ unitPriceCents: 900, amountCents: 900, pricingLabel: "QF 400 à moins de 700, résident" }); // alone, so far
    expect(sarah).toMatchObject({ unitPriceCents: 900, amountCents: 900, pricingLabel: "QF 400 à moins de 700, résident" });
    // 16 December: Tom's day, opened to more children.
    await withTenant(j.tenant.id, (tx) =>
      tx.update(occurrences).set({ capacity: 5 }).where(and(eq(occurrences.activityId, j.activity["Mercredi loisirs"]!), eq(occurrences.date, "2026-12-16"))),
    );
    await book([day("Sarah", "Mercredi loisirs", "2026-12-16")]);
    await book([day("Chloé", "Mercredi loisirs", "2026-12-16")]);
    expect(await amounts("2026-12-02")).toEqual(byAge);
    expect(await amounts("2026-12-16")).toEqual(byAge);
    // Unticking the younger and ticking her again changes nothing: still 9,00 € + 8,10 €.
    await book([day("Chloé", "Mercredi loisirs", "2026-12-02", "cancel")]);
    const [again] = await book([day("Chloé", "Mercredi loisirs", "2026-12-02")]);
    expect(again).toMatchObject({ result: "confirmed", amountCents: 810 });
    expect(await amounts("2026-12-02")).toEqual(byAge);
  });

  it("ranks waitlisted siblings too, and keeps a waitlisted child's price when promoted", async () => {
    // One place on 9 December, taken by Tom (no QF on file: the highest bracket).
    await withTenant(j.tenant.id, (tx) => tx.insert(occurrences).values({ tenantId: j.tenant.id, activityId: j.activity["Mercredi loisirs"]!, date: "2026-12-09", capacity: 1 }));
    const [tom] = await book([day("Tom", "Mercredi loisirs", "2026-12-09", "waitlist")]);
    expect(tom).toMatchObject({ result: "confirmed", unitPriceCents: 1500, amountCents: 1500, pricingLabel: "sans QF connu : tranche la plus haute, résident" });
    const [chloe] = await book([day("Chloé", "Mercredi loisirs", "2026-12-09", "waitlist")]);
    expect(chloe).toMatchObject({ result: "waitlisted", unitPriceCents: 900, amountCents: 900 }); // first of her family that day
    const [sarah] = await book([day("Sarah", "Mercredi loisirs", "2026-12-09", "waitlist")]);
    expect(sarah).toMatchObject({ result: "waitlisted", unitPriceCents: 900, amountCents: 900 }); // the eldest: Chloé becomes rank 2
    // A third Martin child, the youngest: rank 3, −20 %.
    const [baby] = await withTenant(j.tenant.id, async (tx) => {
      const [household] = await tx.select({ id: children.householdId }).from(children).where(eq(children.id, j.child.Sarah!));
      const rows = await tx
        .insert(children)
        .values({ tenantId: j.tenant.id, householdId: household!.id, firstName: "Léo", lastName: "Martin", birthDate: "2020-02-02" })
        .returning({ id: children.id });
      await tx.insert(enrolments).values({ tenantId: j.tenant.id, childId: rows[0]!.id, activityId: j.activity["Mercredi loisirs"]!, status: "accepted" });
      return rows;
    });
    const [leo] = await book([{ childId: baby!.id, activityId: j.activity["Mercredi loisirs"]!, date: "2026-12-09", action: "waitlist" }]);
    expect(leo).toMatchObject({ result: "waitlisted", unitPriceCents: 900, amountCents: 720 });

    await book([day("Tom", "Mercredi loisirs", "2026-12-09", "cancel")]);
    // Whoever is promoted (same instant in this test: by id) keeps the price fixed when they joined the list.
    const after = await withPlatform((tx) =>
      tx
        .select({ childId: bookings.childId, percent: bookings.reductionPercent, status: bookings.status })
        .from(bookings)
        .where(and(eq(bookings.activityId, j.activity["Mercredi loisirs"]!), eq(bookings.date, "2026-12-09"), ne(bookings.status, "cancelled"))),
    );
    const percents = Object.fromEntries(after.map((r) => [r.childId, r.percent]));
    expect(percents).toEqual({ [j.child["Chloé"]!]: 10, [j.child.Sarah!]: 0, [baby!.id]: 20 });
    expect(after.filter((r) => r.status === "confirmed")).toHaveLength(1);
  });
});
