import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { withPlatform, withTenant } from "@/db/transaction";
import { bookings, emailOutbox, occurrences } from "@/db/schema";
import { promoteWhileRoom } from "@/server/domain/booking/bookings";
import { seedAllocationDemo } from "@/server/demo/seed-allocation";
import { now as clockNow } from "@/common/clock";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { demoIds, type DemoIds } from "../activities/helpers";

/*
 * Publishing the demo round (29 families, 12 places a day) in one booking request, and what a family
 * left waiting may get afterwards: its whole choice (the days it asked for) or nothing, in rank order.
 */
let j: DemoIds;
let roundId: string;
let activityId: string;
type Application = Awaited<ReturnType<Awaited<ReturnType<typeof admin>>["allocation"]["get"]>>["applications"][number];
let applications: Application[];

const admin = () => callerAs("admin@jolieville.test", "jolieville");
const agent = () => callerAs("agent@jolieville.test", "jolieville");

async function childDays(childId: string) {
  return withTenant(j.tenant.id, (tx) =>
    tx
      .select({ date: bookings.date, status: bookings.status })
      .from(bookings)
      .where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId), eq(bookings.childId, childId), inArray(bookings.status, ["held", "confirmed", "waitlisted"])))
      .orderBy(asc(bookings.date)),
  );
}

async function waitingOn(day: string) {
  return withTenant(j.tenant.id, (tx) =>
    tx
      .select({ childId: bookings.childId })
      .from(bookings)
      .where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId), eq(bookings.date, day), eq(bookings.status, "waitlisted")))
      .orderBy(asc(bookings.createdAt), asc(bookings.id)),
  );
}

const promotionMails = () => withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.template, "waitlist-promoted")));

beforeAll(async () => {
  await loadDemo();
  ({ roundId, activityId } = await seedAllocationDemo(await getDb(), clockNow()));
  j = await demoIds("jolieville");
  const api = await admin();
  await api.allocation.close({ roundId });
  await api.allocation.run({ roundId });
  ({ applications } = await api.allocation.get({ roundId }));
});

describe("publishing an allocation round", () => {
  it("gives a family waiting only its whole choice when a day has room at publication: one free day is not a place", async () => {
    // Staff raise the capacity of one day of a week families wait for: room on that day only.
    const firstWaiting = applications.filter((a) => a.result!.placedChoice === null).sort((a, b) => a.result!.rank - b.result!.rank)[0]!;
    const day = firstWaiting.choices[0]!.days[0]!;
    await withTenant(j.tenant.id, (tx) =>
      tx.insert(occurrences).values({ tenantId: j.tenant.id, activityId, date: day, capacity: 13 }).onConflictDoUpdate({ target: [occurrences.tenantId, occurrences.activityId, occurrences.date], set: { capacity: 13 } }),
    );
    const published = await (await admin()).allocation.publish({ roundId });
    expect(published.waitlisted).toBe(applications.filter((a) => a.result!.placedChoice === null).length);
    // Every family waiting for that week still waits for every one of its days, none holds the one free day alone.
    for (const a of applications.filter((x) => x.result!.placedChoice === null && x.choices[0]!.days.includes(day))) {
      expect((await childDays(a.childId)).map((b) => b.status)).toEqual(a.choices[0]!.days.map(() => "waitlisted"));
    }
  });

  it("books the places and queues the others in rank order on every day, each family once, with one summary e-mail per family", async () => {
    for (const a of applications) {
      const days = await childDays(a.childId);
      if (a.result!.placedChoice !== null) expect(days).toEqual(a.choices[a.result!.placedChoice]!.days.map((date) => ({ date, status: "confirmed" })));
      else expect(days.map((d) => d.date)).toEqual(a.choices[0]!.days);
    }
    const rankOf = new Map(applications.map((a) => [a.childId, a.result!.rank]));
    for (const day of new Set(applications.flatMap((a) => a.choices[0]!.days))) {
      const ranks = (await waitingOn(day)).map((b) => rankOf.get(b.childId)!);
      expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    }
    const summaries = await withPlatform((tx) => tx.select({ to: emailOutbox.to }).from(emailOutbox).where(eq(emailOutbox.template, "bookings-confirmed")));
    expect(summaries.length).toBeGreaterThan(0);
    expect(new Set(summaries.map((s) => s.to)).size).toBe(summaries.length);
  });

  it("does nothing the second time it is asked to publish", async () => {
    const count = async () => (await withTenant(j.tenant.id, (tx) => tx.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId))))).length;
    const before = await count();
    await expect((await admin()).allocation.publish({ roundId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await count()).toBe(before);
  });

  it("promotes a waiting family into its whole week when a place frees on every day of it, not into the one day freed first", async () => {
    const week = applications.find((a) => a.result!.placedChoice === null)!.choices[0]!.days;
    // The first in line who fits in one place a day: brothers and sisters waiting together need two.
    const alone = (childId: string) => {
      const a = applications.find((x) => x.childId === childId)!;
      return !a.keepSiblingsTogether || !applications.some((o) => o.id !== a.id && o.householdReference === a.householdReference && o.keepSiblingsTogether && o.result!.placedChoice === null);
    };
    const next = (await waitingOn(week[0]!)).find((w) => alone(w.childId));
    const leaving = applications.find((a) => a.result!.placedChoice !== null && a.choices[a.result!.placedChoice!]!.days.join() === week.join())!;
    const mailsBefore = (await promotionMails()).length;
    const cancel = (days: string[]) => agent().then((api) => api.bookingsOnBehalf.applyChanges({ changes: days.map((date) => ({ childId: leaving.childId, activityId, date, action: "cancel" as const })) }));

    // One day given back: the family first in line wants the whole week, so it keeps waiting for all of it.
    expect((await cancel([week[1]!]))[0]!.result).toBe("cancelled");
    expect((await childDays(next!.childId)).map((b) => b.status)).toEqual(week.map(() => "waitlisted"));
    expect((await promotionMails()).length).toBe(mailsBefore);

    // The rest of the week given back: the family gets every day of it at once, and one e-mail.
    await cancel(week.filter((d) => d !== week[1]));
    expect(await childDays(next!.childId)).toEqual(week.map((date) => ({ date, status: "confirmed" })));
    const mails = (await promotionMails()).slice(mailsBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toMatch(/Des places se sont libérées/);
    // Nobody else was promoted into part of that week.
    for (const day of week) {
      const stillWaiting = await waitingOn(day);
      for (const w of stillWaiting) expect((await childDays(w.childId)).every((b) => b.status === "waitlisted")).toBe(true);
    }
  });

  it("keeps brothers and sisters who asked to be together waiting as one: promoted together when the days have room for all, never one alone", async () => {
    const unit = applications.filter((a) => a.result!.placedChoice === null && a.keepSiblingsTogether);
    const byFamily = new Map<string, Application[]>();
    for (const a of unit) byFamily.set(a.householdReference, [...(byFamily.get(a.householdReference) ?? []), a]);
    const siblings = [...byFamily.values()].find((g) => g.length === 2 && g[0]!.choices[0]!.days.join() === g[1]!.choices[0]!.days.join())!;
    expect(siblings).toBeDefined();
    const week = siblings[0]!.choices[0]!.days;
    const ids = siblings.map((a) => a.childId);
    const groups = await withTenant(j.tenant.id, (tx) =>
      tx.selectDistinct({ group: bookings.waitlistGroup }).from(bookings).where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId), inArray(bookings.childId, ids), eq(bookings.status, "waitlisted"))),
    );
    expect(groups).toHaveLength(1);
    // Everyone else waiting for that week steps aside; the week then has room for one child, then for two.
    const roomFor = (n: number) =>
      withTenant(j.tenant.id, async (tx) => {
        for (const day of week) {
          await tx.execute(sql`update occurrences set capacity = (select count(*) from bookings b where b.tenant_id = ${j.tenant.id} and b.activity_id = ${activityId} and b.date = ${day}::date and b.status in ('confirmed', 'held')) + ${n}
            where tenant_id = ${j.tenant.id} and activity_id = ${activityId} and date = ${day}::date`);
        }
        for (const day of week) await promoteWhileRoom(tx, j.tenant, activityId, day, "Centre de loisirs d'été", clockNow());
      });
    await withTenant(j.tenant.id, (tx) =>
      tx
        .update(bookings)
        .set({ status: "cancelled", cancelledAt: clockNow() })
        .where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId), inArray(bookings.date, week), eq(bookings.status, "waitlisted"), sql`${bookings.childId} not in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)),
    );
    await roomFor(1);
    for (const id of ids) expect((await childDays(id)).every((b) => b.status === "waitlisted")).toBe(true);
    await roomFor(2);
    for (const id of ids) expect(await childDays(id)).toEqual(week.map((date) => ({ date, status: "confirmed" })));
  });
});
