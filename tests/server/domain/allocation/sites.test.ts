import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { withTenant } from "@/db/transaction";
import { activities, allocationApplications, allocationRounds, bookings, enrolments } from "@/db/schema";
import { seedAllocationDemo, summerWeeks, FERRY_SITE } from "@/server/demo/seed-allocation";
import { defaultCriteria } from "@/common/allocation";
import { now as clockNow } from "@/common/clock";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { demoIds, type DemoIds } from "../activities/helpers";

/*
 * One round over the summer centre at two sites (the demo: Jules Verne, and Jules Ferry, here with
 * one place a day): families rank « Ferry, week 1 » against « Verne, week 1 »; capacity holds per
 * site and day; publication books and enrols each child at the site it got; a choice naming an
 * activity outside the round is refused; a round recorded before sites still re-runs identically.
 */
let j: DemoIds;
let roundId: string;
let verne: string;
let ferry: string;
const { week1, week2 } = summerWeeks(clockNow());
const admin = () => callerAs("admin@jolieville.test", "jolieville");
const family = (n: number) => callerAs(`famille-${String(n).padStart(2, "0")}@jolieville.test`, "jolieville");
/** Families with one child (one family in three has two). */
const ferryFirst = [2, 3, 5, 6];

beforeAll(async () => {
  await loadDemo();
  ({ roundId, activityId: verne, ferryActivityId: ferry } = await seedAllocationDemo(await getDb(), clockNow()));
  j = await demoIds("jolieville");
  await withTenant(j.tenant.id, (tx) => tx.update(activities).set({ capacity: 1 }).where(and(eq(activities.tenantId, j.tenant.id), eq(activities.id, ferry))));
});

async function liveDays(childId: string, activityId: string) {
  return withTenant(j.tenant.id, (tx) =>
    tx
      .select({ date: bookings.date, status: bookings.status })
      .from(bookings)
      .where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId), eq(bookings.childId, childId), sql`${bookings.status} in ('held', 'confirmed', 'waitlisted')`))
      .orderBy(asc(bookings.date)),
  );
}

describe("a round over the summer centre at two sites", () => {
  it("offers the family both sites, each with its weeks", async () => {
    const [round] = await (await family(2)).allocation.mine();
    expect(round!.sites.map((s) => [s.activityId, s.siteName])).toEqual([
      [verne, "Accueil de loisirs Jules Verne"],
      [ferry, FERRY_SITE],
    ]);
    expect(round!.sites[1]!.weeks.map((w) => w.days)).toEqual([week1, week2]);
  });

  it("refuses a choice naming an activity outside the round, in French naming the field, and changes nothing", async () => {
    const api = await family(2);
    const before = (await api.allocation.mine())[0]!.children[0]!;
    await expect(
      api.allocation.saveApplication({ roundId, childId: before.childId, choices: [{ activityId: j.activity.Cantine!, days: week1 }], parentsWorking: true, keepSiblingsTogether: false }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^Choix : .*activité/) });
    expect((await api.allocation.mine())[0]!.children[0]!.application).toEqual(before.application);
  });

  it("refuses a round mixing services, naming the field", async () => {
    await expect(
      (await admin()).allocation.create({
        roundActivityIds: [verne, j.activity.Cantine!], roundLabel: "Mélange", mode: "application", periodFrom: week1[0]!, periodTo: week2[4] ?? week2[0]!,
        opensDate: "2027-03-01", opensTime: "09:00", closesDate: "2027-03-15", closesTime: "18:00", criteria: defaultCriteria,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Activités du tour") });
  });

  it("keeps first-come booking shut on the second site too until publication", async () => {
    await withTenant(j.tenant.id, (tx) => tx.insert(enrolments).values({ tenantId: j.tenant.id, childId: j.child.Chloé!, activityId: ferry, status: "accepted" }));
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const outcomes = await agent.bookingsOnBehalf.applyChanges({ changes: [{ childId: j.child.Chloé!, activityId: ferry, date: week1[0]!, action: "book" }], overrideReason: "essai" });
    expect(outcomes[0]).toMatchObject({ result: "refused", message: expect.stringContaining("candidature") });
    await withTenant(j.tenant.id, (tx) => tx.delete(enrolments).where(and(eq(enrolments.tenantId, j.tenant.id), eq(enrolments.childId, j.child.Chloé!), eq(enrolments.activityId, ferry))));
  });

  it("ranks choices across sites, holds capacity per site and day, and publishes each place at its site", async () => {
    const childOf = new Map<number, string>();
    for (const n of ferryFirst) {
      const api = await family(n);
      const child = (await api.allocation.mine())[0]!.children[0]!;
      childOf.set(n, child.childId);
      await api.allocation.saveApplication({
        roundId, childId: child.childId, choices: [{ activityId: ferry, days: week1 }, { activityId: verne, days: week1 }], parentsWorking: true, keepSiblingsTogether: false,
      });
    }
    const stored = await withTenant(j.tenant.id, (tx) => tx.select().from(allocationApplications).where(and(eq(allocationApplications.tenantId, j.tenant.id), eq(allocationApplications.childId, childOf.get(2)!))));
    expect(stored[0]!.choices).toEqual([{ activityId: ferry, days: week1 }, { activityId: verne, days: week1 }]);

    const api = await admin();
    await api.allocation.close({ roundId });
    await api.allocation.run({ roundId });
    const { applications, round, sites } = await api.allocation.get({ roundId });
    expect(sites.map((s) => s.siteName)).toEqual(["Accueil de loisirs Jules Verne", FERRY_SITE]);
    expect(Object.keys(round.capacity!).every((k) => k.includes("|"))).toBe(true);
    expect(round.capacity![`${ferry}|${week1[0]}`]).toBe(1);

    // Capacity per activity and day: 1 at Ferry, 12 at Verne.
    const perSlot = new Map<string, number>();
    for (const a of applications) {
      const c = a.result!.placedChoice === null ? null : a.choices[a.result!.placedChoice]!;
      for (const d of c?.days ?? []) perSlot.set(`${c!.activityId ?? verne}|${d}`, (perSlot.get(`${c!.activityId ?? verne}|${d}`) ?? 0) + 1);
    }
    for (const [slot, n] of perSlot) expect(n).toBeLessThanOrEqual(slot.startsWith(ferry) ? 1 : 12);
    // Of the families who put Ferry first, the best ranked gets it; the others get Verne week 1 if it still had room at their turn, or wait.
    const rivals = applications.filter((a) => [...childOf.values()].includes(a.childId)).sort((a, b) => a.result!.rank - b.result!.rank);
    expect(rivals[0]!.result!.placedChoice).toBe(0);
    for (const a of rivals.slice(1)) {
      const verneTaken = applications.filter((o) => o.result!.rank < a.result!.rank && o.result!.placedChoice !== null && (o.choices[o.result!.placedChoice]!.activityId ?? verne) === verne && o.choices[o.result!.placedChoice]!.days.includes(week1[0]!)).length;
      expect(a.result!.placedChoice).toBe(verneTaken < 12 ? 1 : null);
    }
    expect(await api.allocation.verify({ roundId })).toMatchObject({ identical: true, differences: 0 });

    await api.allocation.publish({ roundId });
    const winner = rivals[0]!;
    expect(await liveDays(winner.childId, ferry)).toEqual(week1.map((date) => ({ date, status: "confirmed" })));
    expect(await liveDays(winner.childId, verne)).toEqual([]);
    const enrolled = await withTenant(j.tenant.id, (tx) => tx.select().from(enrolments).where(and(eq(enrolments.tenantId, j.tenant.id), eq(enrolments.childId, winner.childId))));
    expect(enrolled.map((e) => [e.activityId, e.status])).toEqual([[ferry, "accepted"]]);
    for (const a of rivals.slice(1)) {
      if (a.result!.placedChoice === 1) expect(await liveDays(a.childId, verne)).toEqual(week1.map((date) => ({ date, status: "confirmed" })));
      // Not placed: waiting for its first choice, at Ferry.
      else expect((await liveDays(a.childId, ferry)).map((b) => b.status)).toEqual(week1.map(() => "waitlisted"));
    }
    // Families see the site of the place they got.
    const mine = (await (await family(ferryFirst.find((n) => childOf.get(n) === winner.childId)!)).allocation.mine())[0]!;
    expect(mine.children[0]!.result).toMatchObject({ placedChoice: 0 });
    expect(mine.children[0]!.application!.choices[0]).toEqual({ activityId: ferry, days: week1 });
  });
});

describe("a round recorded before sites", () => {
  it("reads its choices without activity and its capacity by day as its one activity, and re-runs identically", async () => {
    const api = await admin();
    const oldRoundId = await withTenant(j.tenant.id, async (tx) => {
      const [round] = await tx
        .insert(allocationRounds)
        .values({
          tenantId: j.tenant.id, activityId: verne, label: "Ancien tour", mode: "application", fromDate: week2[0]!, toDate: week2[week2.length - 1]!,
          opensAt: new Date("2026-11-01T08:00:00Z"), closesAt: new Date("2026-11-20T08:00:00Z"), criteria: defaultCriteria, status: "closed", seed: "f".repeat(64),
        })
        .returning();
      expect(round!.activityIds).toEqual([]);
      const kids = await tx.execute(sql`select id, household_id from children where tenant_id = ${j.tenant.id} and household_id in (select household_id from children where tenant_id = ${j.tenant.id} group by household_id having count(*) = 1) order by id limit 3`);
      const rows = (Array.isArray(kids) ? kids : (kids as unknown as { rows: { id: string; household_id: string }[] }).rows) as { id: string; household_id: string }[];
      for (const k of rows) {
        await tx.insert(allocationApplications).values({ tenantId: j.tenant.id, roundId: round!.id, childId: k.id, householdId: k.household_id, choices: [{ days: week2 }], submittedAt: new Date(), updatedAt: new Date() });
      }
      return round!.id;
    });
    await api.allocation.run({ roundId: oldRoundId });
    const first = await api.allocation.get({ roundId: oldRoundId });
    expect(first.sites.map((s) => s.activityId)).toEqual([verne]);
    expect(first.applications).toHaveLength(3);
    // The snapshot as it was recorded before sites (by day alone): the re-run reads it as the round's activity.
    await withTenant(j.tenant.id, (tx) =>
      tx
        .update(allocationRounds)
        .set({ capacity: Object.fromEntries(Object.entries(first.round.capacity!).map(([k, n]) => [k.split("|")[1]!, n])) })
        .where(and(eq(allocationRounds.tenantId, j.tenant.id), eq(allocationRounds.id, oldRoundId))),
    );
    expect(await api.allocation.verify({ roundId: oldRoundId })).toMatchObject({ identical: true, differences: 0, checked: 3 });
    // And the rule book keeps its days shut for first-come booking, as before.
    await withTenant(j.tenant.id, (tx) => tx.insert(enrolments).values({ tenantId: j.tenant.id, childId: j.child.Chloé!, activityId: verne, status: "accepted" }).onConflictDoNothing());
    const outcomes = await (await callerAs("agent@jolieville.test", "jolieville")).bookingsOnBehalf.applyChanges({
      changes: [{ childId: j.child.Chloé!, activityId: verne, date: week2[0]!, action: "book" }],
      overrideReason: "essai",
    });
    expect(outcomes[0]).toMatchObject({ result: "refused", message: expect.stringContaining("candidature") });
  });
});
