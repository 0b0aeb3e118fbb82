import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { activities, bookings, children, emailOutbox, enrolments, occurrences } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { applyBookingChanges, type BookingChange } from "@/server/domain/booking/bookings";
import type { Actor } from "@/server/domain/scope";
import { findTenantBySlug, type Tenant } from "@/server/domain/tenants/tenants";
import { loadDemo, userId } from "../../../fixtures/demo";
import { scopeOf } from "../../../fixtures/demo-ids";

const now = new Date("2026-11-25T10:00:00Z");
let jolieville: Tenant;
let parent: Actor;
let voisin: Actor;
let agent: Actor;
const ids: Record<string, string> = {};

async function book(actor: Actor, changes: BookingChange[], overrideReason?: string, at = now) {
  return withTenant(jolieville.id, (tx) => applyBookingChanges(scopeOf(tx, jolieville, actor, ({ overrideReason, now: at }).now), { changes: changes, ...{ overrideReason, now: at } }));
}

beforeAll(async () => {
  await loadDemo();
  jolieville = (await findTenantBySlug("jolieville"))!;
  const db = await getDb();
  for (const c of await db.select().from(children).where(eq(children.tenantId, jolieville.id))) ids[c.firstName] = c.id;
  for (const a of await db.select().from(activities).where(eq(activities.tenantId, jolieville.id))) ids[a.name] = a.id;
  const households = async (childName: string) => [(await db.select().from(children).where(eq(children.id, ids[childName]!)))[0]!.householdId];
  parent = { userId: await userId("parent@recre.test"), role: "parent", householdIds: await households("Sarah"), staffRoles: [] };
  voisin = { userId: await userId("voisin@recre.test"), role: "parent", householdIds: await households("Tom"), staffRoles: [] };
  agent = { userId: await userId("agent@jolieville.test"), role: "staff", householdIds: [], staffRoles: [] };
});

const cantine = (child: string, date: string, action: BookingChange["action"] = "book"): BookingChange => ({
  childId: ids[child]!,
  activityId: ids.Cantine!,
  date,
  action,
});
const mercredi = (child: string, date: string, action: BookingChange["action"] = "book"): BookingChange => ({
  childId: ids[child]!,
  activityId: ids["Mercredi loisirs"]!,
  date,
  action,
});

describe("booking a day", () => {
  it("confirms open days and refuses, with the reason, days past the deadline, in the holidays or not enrolled", async () => {
    const result = await book(parent, [
      cantine("Sarah", "2026-12-07"),
      cantine("Sarah", "2026-11-30"), // deadline 6 days before at 23:59: 24 Nov, gone
      cantine("Sarah", "2026-12-22"), // Christmas holidays
      { childId: ids["Chloé"]!, activityId: ids["Garderie du matin"]!, date: "2026-12-07", action: "book" },
    ]);
    const byDate = (d: string, a = ids.Cantine) => result.find((r) => r.date === d && r.activityId === a)!;
    expect(byDate("2026-12-07").result).toBe("confirmed");
    expect(byDate("2026-11-30")).toMatchObject({ result: "refused", message: expect.stringContaining("Délai dépassé") });
    expect(byDate("2026-12-22")).toMatchObject({ result: "refused", message: "Vacances scolaires : Vacances de Noël" });
    expect(byDate("2026-12-07", ids["Garderie du matin"])).toMatchObject({ result: "refused", message: "Inscription requise" });
    const rows = await withPlatform((tx) => tx.select().from(bookings).where(eq(bookings.childId, ids.Sarah!)));
    expect(rows.map((r) => r.date)).toEqual(["2026-12-07"]);
  });

  it("books a day once, however often it is asked", async () => {
    const [again] = await book(parent, [cantine("Sarah", "2026-12-07")]);
    expect(again!.result).toBe("unchanged");
  });

  it("never lets a parent book another family's child", async () => {
    await expect(book(voisin, [cantine("Sarah", "2026-12-08")])).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("cancels before the deadline and refuses after it", async () => {
    const [cancelled] = await book(parent, [cantine("Sarah", "2026-12-07", "cancel")]);
    expect(cancelled!.result).toBe("cancelled");
    await book(parent, [cantine("Sarah", "2026-12-10")]);
    const [late] = await book(parent, [cantine("Sarah", "2026-12-10", "cancel")], undefined, new Date("2026-12-05T08:00:00Z"));
    expect(late!.result).toBe("refused");
  });

  it("lets the front desk book past the deadline with a reason, and records who and why", async () => {
    const [refused] = await book(agent, [cantine("Chloé", "2026-11-27")]);
    expect(refused!.result).toBe("refused");
    const [forced] = await book(agent, [cantine("Chloé", "2026-11-27")], "Oubli signalé au guichet");
    expect(forced!.result).toBe("confirmed");
    const [row] = await withPlatform((tx) =>
      tx.select().from(bookings).where(and(eq(bookings.childId, ids["Chloé"]!), eq(bookings.date, "2026-11-27"))),
    );
    expect(row).toMatchObject({ createdBy: agent.userId, overrideReason: "Oubli signalé au guichet", status: "confirmed" });
  });
});

describe("the waiting list", () => {
  it("offers it on a full day and promotes the first child waiting when a place frees, telling the family", async () => {
    const [full] = await book(parent, [mercredi("Sarah", "2026-12-16")]);
    expect(full!.result).toBe("full");
    const queued = await book(parent, [mercredi("Sarah", "2026-12-16", "waitlist"), mercredi("Chloé", "2026-12-16", "waitlist")]);
    expect(queued.map((q) => q.result)).toEqual(["waitlisted", "waitlisted"]);

    const [cancelled] = await book(voisin, [mercredi("Tom", "2026-12-16", "cancel")]);
    expect(cancelled!.result).toBe("cancelled");
    const day = await withPlatform((tx) =>
      tx.select({ childId: bookings.childId, status: bookings.status }).from(bookings).where(eq(bookings.date, "2026-12-16")),
    );
    const statusOf = (name: string) => day.find((d) => d.childId === ids[name] && d.status !== "cancelled")?.status;
    // Sarah asked first (same request, sorted order): she gets the place, Chloé keeps waiting.
    expect([statusOf("Sarah"), statusOf("Chloé")].sort()).toEqual(["confirmed", "waitlisted"]);
    const mails = await withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.template, "waitlist-promoted")));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: "parent@recre.test" });
    expect(mails[0]!.subject).toMatch(/Place confirmée pour (Sarah|Chloé)/);
  });
});

describe("capacity under a rush", () => {
  const contenders = process.env.TEST_ENGINE === "postgres" ? 200 : 40;
  let kids: string[] = [];

  beforeAll(async () => {
    kids = await withTenant(jolieville.id, async (tx) => {
      const rows = await tx
        .insert(children)
        .values(Array.from({ length: contenders }, (_, i) => ({ tenantId: jolieville.id, householdId: parent.householdIds[0]!, firstName: `Enfant${i}`, lastName: "Rush", birthDate: "2018-01-01" })))
        .returning({ id: children.id });
      await tx.insert(enrolments).values(rows.map((r) => ({ tenantId: jolieville.id, childId: r.id, activityId: ids["Mercredi loisirs"]!, status: "accepted" as const })));
      return rows.map((r) => r.id);
    });
  });

  async function rush(date: string) {
    const results = await Promise.allSettled(
      kids.map((childId) => book(parent, [{ childId, activityId: ids["Mercredi loisirs"]!, date, action: "waitlist" }])),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await withPlatform((tx) =>
      tx.select({ status: bookings.status }).from(bookings).where(and(eq(bookings.activityId, ids["Mercredi loisirs"]!), eq(bookings.date, date))),
    );
    return { confirmed: rows.filter((r) => r.status === "confirmed").length, waitlisted: rows.filter((r) => r.status === "waitlisted").length };
  }

  it("confirms exactly the places there are when many families book the same day at once", async () => {
    const date = "2027-01-13";
    await withTenant(jolieville.id, (tx) => tx.insert(occurrences).values({ tenantId: jolieville.id, activityId: ids["Mercredi loisirs"]!, date, capacity: 10 }));
    expect(await rush(date)).toEqual({ confirmed: 10, waitlisted: contenders - 10 });
  });

  it("holds when the day has never been booked before (the lock row is created by the rush itself)", async () => {
    expect(await rush("2027-01-20")).toEqual({ confirmed: 24, waitlisted: contenders - 24 });
  });
});
