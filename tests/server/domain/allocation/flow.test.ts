import { and, asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { withPlatform, withTenant } from "@/db/transaction";
import { auditEvents, bookings, emailOutbox, enrolments } from "@/db/schema";
import { seedAllocationDemo, summerWeeks, ALLOCATION_DEMO_FAMILIES } from "@/server/demo/seed-allocation";
import { now as clockNow } from "@/common/clock";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { demoIds, type DemoIds } from "../activities/helpers";

let j: DemoIds;
let roundId: string;
let activityId: string;
const { week1, week2 } = summerWeeks(clockNow());

beforeAll(async () => {
  await loadDemo();
  ({ roundId, activityId } = await seedAllocationDemo(await getDb(), clockNow()));
  j = await demoIds("jolieville");
});

const parent = () => callerAs("parent@recre.test", "jolieville");
const admin = () => callerAs("admin@jolieville.test", "jolieville");

describe("fair allocation, from the application window to a promotion", () => {
  it("lets a family apply with ranked choices while the window is open, and change its mind", async () => {
    const api = await parent();
    const [round] = await api.allocation.mine();
    expect(round).toMatchObject({ id: roundId, canApply: true, status: "open", seed: null });
    expect(round!.weeks.map((w) => w.days)).toEqual([week1, week2]);
    await api.allocation.saveApplication({ roundId, childId: j.child.Sarah!, choices: [{ days: week2 }], parentsWorking: false, keepSiblingsTogether: false });
    await api.allocation.saveApplication({ roundId, childId: j.child.Sarah!, choices: [{ days: week1 }, { days: week2 }], parentsWorking: true, keepSiblingsTogether: false });
    const mine = (await api.allocation.mine())[0]!.children.find((c) => c.childId === j.child.Sarah)!;
    expect(mine.application).toMatchObject({ parentsWorking: true, choices: [{ days: week1 }, { days: week2 }] });
  });

  it("refuses a day outside the round in French, naming the field, and another family's child", async () => {
    const api = await parent();
    await expect(api.allocation.saveApplication({ roundId, childId: j.child.Sarah!, choices: [{ days: ["2027-01-04"] }], parentsWorking: true, keepSiblingsTogether: false })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Choix :"),
    });
    await expect(api.allocation.saveApplication({ roundId, childId: j.child.Tom!, choices: [{ days: week1 }], parentsWorking: true, keepSiblingsTogether: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps first-come booking of those days shut until the result is published, even for staff", async () => {
    await withTenant(j.tenant.id, (tx) => tx.insert(enrolments).values({ tenantId: j.tenant.id, childId: j.child.Chloé!, activityId, status: "accepted" }));
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const outcomes = await agent.bookingsOnBehalf.applyChanges({
      changes: [{ childId: j.child.Chloé!, activityId, date: week1[0]!, action: "book" }],
      overrideReason: "essai",
    });
    expect(outcomes[0]).toMatchObject({ result: "refused", message: expect.stringContaining("candidature") });
  });

  it("closes the window with a seed drawn then, after which nobody can apply", async () => {
    const api = await admin();
    await api.allocation.close({ roundId });
    const { round } = await api.allocation.get({ roundId });
    expect(round.status).toBe("closed");
    expect(round.seed).toMatch(/^[0-9a-f]{64}$/);
    await expect(
      (await parent()).allocation.saveApplication({ roundId, childId: j.child.Sarah!, choices: [{ days: week1 }], parentsWorking: true, keepSiblingsTogether: false }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("allocates within capacity, in rank order, reproducibly", async () => {
    const api = await admin();
    const run = await api.allocation.run({ roundId });
    expect(run.applications).toBe(ALLOCATION_DEMO_FAMILIES + 10 + 1);
    const { applications } = await api.allocation.get({ roundId });
    const perDay = new Map<string, number>();
    for (const a of applications) if (a.result!.placedChoice !== null) for (const d of a.choices[a.result!.placedChoice]!.days) perDay.set(d, (perDay.get(d) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(12);
    expect(applications.map((a) => a.result!.rank)).toEqual(applications.map((_, i) => i + 1));
    const waiting = applications.filter((a) => a.result!.placedChoice === null);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.map((a) => a.result!.waitingRank)).toEqual(waiting.map((_, i) => i + 1));
    // Running again with the same seed gives the same result.
    expect(await api.allocation.verify({ roundId })).toMatchObject({ identical: true, differences: 0 });
    await api.allocation.run({ roundId });
    const again = await api.allocation.get({ roundId });
    expect(again.applications.map((a) => [a.id, a.result!.rank, a.result!.placedChoice])).toEqual(applications.map((a) => [a.id, a.result!.rank, a.result!.placedChoice]));
  });

  it("lets staff move one place with a recorded reason, and keeps results from families until published", async () => {
    const api = await admin();
    const { applications } = await api.allocation.get({ roundId });
    const placed = applications.find((a) => a.result!.placedChoice !== null && a.childId !== j.child.Sarah)!;
    await expect(api.allocation.adjust({ roundId, applicationId: placed.id, placedChoice: null, adjustReason: " " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await api.allocation.adjust({ roundId, applicationId: placed.id, placedChoice: null, adjustReason: "Désistement annoncé par téléphone" });
    const after = await api.allocation.get({ roundId });
    expect(after.adjustments).toMatchObject([{ applicationId: placed.id, toChoice: null, reason: "Désistement annoncé par téléphone" }]);
    expect(after.applications.find((a) => a.id === placed.id)!.result).toMatchObject({ placedChoice: null, adjusted: true });
    const audit = await withTenant(j.tenant.id, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.tenantId, j.tenant.id), eq(auditEvents.action, "allocation.adjusted"))));
    expect(audit).toHaveLength(1);
    // The adjusted place does not make the re-run differ.
    expect(await api.allocation.verify({ roundId })).toMatchObject({ identical: true, adjusted: 1 });
    const family = (await (await parent()).allocation.mine())[0]!;
    expect(family.children.every((c) => c.result === null)).toBe(true);
  });

  it("publishes: places become bookings, the others wait in rank order, the family sees its rank, points and the seed", async () => {
    const api = await admin();
    await api.allocation.publish({ roundId });
    const { round, applications } = await api.allocation.get({ roundId });
    const confirmed = await withTenant(j.tenant.id, (tx) =>
      tx.select().from(bookings).where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId), eq(bookings.status, "confirmed"))),
    );
    const placedDays = applications.filter((a) => a.result!.placedChoice !== null).reduce((n, a) => n + a.choices[a.result!.placedChoice!]!.days.length, 0);
    const perDay = new Map<string, number>();
    for (const b of confirmed) perDay.set(b.date, (perDay.get(b.date) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(12);
    expect(confirmed.length).toBeGreaterThanOrEqual(placedDays);
    // On a day, the families not placed follow in rank order: the place staff freed goes to the first, the others wait.
    const day = week1[0]!;
    const unplaced = applications.filter((a) => a.result!.placedChoice === null && a.choices[0]!.days.includes(day)).map((a) => a.childId);
    const onDay = await withTenant(j.tenant.id, (tx) =>
      tx
        .select({ childId: bookings.childId, status: bookings.status })
        .from(bookings)
        .where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId), eq(bookings.date, day), inArray(bookings.childId, unplaced)))
        .orderBy(asc(bookings.createdAt), asc(bookings.id)),
    );
    expect(onDay.map((b) => b.childId)).toEqual(unplaced);
    const statuses = onDay.map((b) => b.status);
    expect(statuses.filter((s) => s === "waitlisted").length).toBeGreaterThan(0);
    expect(statuses).toEqual([...statuses].sort((a, b) => (a === b ? 0 : a === "confirmed" ? -1 : 1)));

    const family = (await (await parent()).allocation.mine())[0]!;
    const sarah = family.children.find((c) => c.childId === j.child.Sarah)!;
    expect(family.seed).toBe(round.seed);
    expect(sarah.result).toMatchObject({ rank: expect.any(Number), points: 18, breakdown: expect.objectContaining({ resident: 10, parentsWorking: 8 }) });
    expect(await api.allocation.verify({ roundId })).toMatchObject({ identical: true });
  });

  it("promotes the next family in rank order into its whole week when a family gives its week back, and e-mails it", async () => {
    const day = week1[0]!;
    const { applications } = await (await admin()).allocation.get({ roundId });
    // The first in line who fits in the one place a day freed: brothers and sisters waiting together need two.
    const alone = (childId: string) => {
      const a = applications.find((x) => x.childId === childId)!;
      return !a.keepSiblingsTogether || !applications.some((o) => o.id !== a.id && o.householdReference === a.householdReference && o.keepSiblingsTogether && o.result!.placedChoice === null);
    };
    const next = (
      await withTenant(j.tenant.id, (tx) =>
        tx
          .select({ childId: bookings.childId })
          .from(bookings)
          .where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId), eq(bookings.date, day), eq(bookings.status, "waitlisted")))
          .orderBy(asc(bookings.createdAt), asc(bookings.id)),
      )
    ).find((w) => alone(w.childId));
    const nextApplication = applications.find((a) => a.childId === next!.childId)!;
    const before = applications.filter((a) => a.result!.placedChoice === null && a.choices[0]!.days.includes(day) && a.result!.rank < nextApplication.result!.rank);
    expect(before.every((a) => a.result!.waitingRank! < nextApplication.result!.waitingRank!)).toBe(true);
    const leaving = applications.find((a) => a.result!.placedChoice !== null && a.choices[a.result!.placedChoice!]!.days.includes(day))!;
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const week = leaving.choices[leaving.result!.placedChoice!]!.days;
    const cancelled = await agent.bookingsOnBehalf.applyChanges({ changes: week.map((date) => ({ childId: leaving.childId, activityId, date, action: "cancel" as const })) });
    expect(cancelled.map((c) => c.result)).toEqual(week.map(() => "cancelled"));
    const promoted = await withTenant(j.tenant.id, (tx) =>
      tx.select().from(bookings).where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId), eq(bookings.childId, next!.childId))).orderBy(asc(bookings.date)),
    );
    expect(nextApplication.choices[0]!.days).toEqual(week);
    expect(promoted.map((b) => [b.date, b.status, b.promotedAt !== null])).toEqual(week.map((date) => [date, "confirmed", true]));
    const mails = await withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.template, "waitlist-promoted")));
    expect(mails.some((m) => m.text.includes(nextApplication.childName))).toBe(true);
  });
});
