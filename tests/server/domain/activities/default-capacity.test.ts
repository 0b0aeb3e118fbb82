import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bookings, children, emailOutbox, enrolments, occurrences } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { getActivityDetail, updateActivity } from "@/server/domain/activities/activities";
import { applyBookingChanges, PROMOTION_HOLD_HOURS, type BookingChange } from "@/server/domain/booking/bookings";
import type { Actor } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { loadDemo, userId } from "../../../fixtures/demo";
import { demoIds, inTenant, type DemoIds } from "./helpers";
import { scopeOf } from "../../../fixtures/demo-ids";

const now = new Date("2026-11-25T10:00:00Z");
let j: DemoIds;
let vf: DemoIds;
let agent: Actor;

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
  vf = await demoIds("val-fleuri");
  agent = { userId: await userId("agent@jolieville.test"), role: "staff", householdIds: [], staffRoles: [] };
});

/** Saves the activity form as it is, with another default capacity. */
async function setCapacity(ids: DemoIds, activityId: string, capacity: number | null) {
  const current = await inTenant(ids.tenant, (tx) => getActivityDetail(scopeOf(tx, ids.tenant), { activityId }));
  const { id: _, ...form } = current;
  return inTenant(ids.tenant, (tx) => updateActivity(scopeOf(tx, ids.tenant, undefined, now), { ...form, activityId, capacity }));
}

const apply = (tenant: Tenant, actor: Actor, changes: BookingChange[], at = now) =>
  inTenant(tenant, (tx) => applyBookingChanges(scopeOf(tx, tenant, actor, at), { changes: changes, ...{ now: at } }));

const statuses = (activityId: string, date: string) =>
  withPlatform((tx) =>
    tx
      .select({ childId: bookings.childId, status: bookings.status, heldUntil: bookings.heldUntil, promotedAt: bookings.promotedAt })
      .from(bookings)
      .where(and(eq(bookings.activityId, activityId), eq(bookings.date, date), inArray(bookings.status, ["held", "confirmed", "waitlisted"]))),
  );

const promotionMails = () => withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.template, "waitlist-promoted")));

describe("raising an activity's default capacity", () => {
  it("gives the places it frees to the waiting lists of every day to come, first come first served, and tells the families", async () => {
    const mercredi = j.activity["Mercredi loisirs"]!;
    expect((await setCapacity(j, mercredi, 1)).promoted).toBe(0);
    const wed = (child: string, date: string, action: BookingChange["action"]): BookingChange => ({ childId: j.child[child]!, activityId: mercredi, date, action });
    await apply(j.tenant, agent, [wed("Tom", "2027-01-06", "book"), wed("Tom", "2027-01-13", "book")]);
    await apply(j.tenant, agent, [wed("Sarah", "2027-01-06", "waitlist"), wed("Sarah", "2027-01-13", "waitlist")]);
    await apply(j.tenant, agent, [wed("Chloé", "2027-01-06", "waitlist")], new Date(now.getTime() + 60_000));
    // A day gone by keeps its waiting list: only days to come are given places.
    await inTenant(j.tenant, async (tx) => {
      await tx.insert(occurrences).values({ tenantId: j.tenant.id, activityId: mercredi, date: "2026-11-18" });
      await tx.insert(bookings).values({ tenantId: j.tenant.id, childId: j.child.Sarah!, activityId: mercredi, date: "2026-11-18", status: "waitlisted" });
    });
    const mailsBefore = (await promotionMails()).length;

    const raised = await setCapacity(j, mercredi, 2);
    expect(raised).toMatchObject({ capacity: 2, promoted: 2 });
    const statusOf = async (date: string) => Object.fromEntries((await statuses(mercredi, date)).map((b) => [b.childId, b.status]));
    expect(await statusOf("2027-01-06")).toEqual({ [j.child.Tom!]: "confirmed", [j.child.Sarah!]: "confirmed", [j.child["Chloé"]!]: "waitlisted" });
    expect(await statusOf("2027-01-13")).toEqual({ [j.child.Tom!]: "confirmed", [j.child.Sarah!]: "confirmed" });
    expect(await statusOf("2026-11-18")).toEqual({ [j.child.Sarah!]: "waitlisted" });
    const mails = (await promotionMails()).slice(mailsBefore);
    expect(mails.map((m) => m.to)).toEqual(["parent@recre.test", "parent@recre.test"]);

    expect((await setCapacity(j, mercredi, null)).promoted).toBe(1);
    expect((await statusOf("2027-01-06"))[j.child["Chloé"]!]).toBe("confirmed");
    // Lowering it promotes nobody and removes nobody.
    expect((await setCapacity(j, mercredi, 1)).promoted).toBe(0);
    expect(Object.keys(await statusOf("2027-01-06"))).toHaveLength(3);
    await setCapacity(j, mercredi, 24);
  });

  it("puts a promoted place of a prepaid activity in the family's basket for a day, as a freed place does", async () => {
    const vacances = vf.activity["Centre de loisirs des vacances"]!;
    const [louise] = await withPlatform((tx) => tx.select().from(children).where(eq(children.id, vf.child.Louise!)));
    const nina = await inTenant(vf.tenant, async (tx) => {
      const [child] = await tx
        .insert(children)
        .values({ tenantId: vf.tenant.id, householdId: louise!.householdId, firstName: "Nina", lastName: "Martin", birthDate: "2017-03-02" })
        .returning({ id: children.id });
      await tx.insert(enrolments).values([
        { tenantId: vf.tenant.id, childId: child!.id, activityId: vacances, status: "accepted" },
        { tenantId: vf.tenant.id, childId: louise!.id, activityId: vacances, status: "accepted" },
      ]);
      return child!.id;
    });
    const parent: Actor = { userId: await userId("parent@recre.test"), role: "parent", householdIds: [louise!.householdId], staffRoles: [] };
    const vfAgent: Actor = { userId: await userId("admin@val-fleuri.test"), role: "staff", householdIds: [], staffRoles: [] };
    await setCapacity(vf, vacances, 1);
    const [booked] = await apply(vf.tenant, vfAgent, [{ childId: nina, activityId: vacances, date: "2026-12-21", action: "book" }]);
    expect(booked!.result).toBe("confirmed");
    const [waiting] = await apply(vf.tenant, parent, [{ childId: louise!.id, activityId: vacances, date: "2026-12-21", action: "waitlist" }]);
    expect(waiting!.result).toBe("waitlisted");

    expect((await setCapacity(vf, vacances, 16)).promoted).toBe(1);
    const promoted = (await statuses(vacances, "2026-12-21")).find((b) => b.childId === louise!.id)!;
    expect(promoted).toMatchObject({ status: "held", promotedAt: now });
    expect(promoted.heldUntil!.getTime()).toBe(now.getTime() + PROMOTION_HOLD_HOURS * 3_600_000);
    const [mail] = (await promotionMails()).filter((m) => m.text.includes("Louise"));
    expect(mail!.text).toContain("/val-fleuri/panier");
  });
});
