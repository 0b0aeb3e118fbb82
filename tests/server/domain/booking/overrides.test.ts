import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bookings } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { applyBookingChanges, type BookingChange } from "@/server/domain/booking/bookings";
import type { Actor } from "@/server/domain/scope";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { BOOKING_NOW, demoIds, scopeOf } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;
const LATER = new Date("2026-11-26T15:00:00Z");

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
});

const staff = (actor: Actor, changes: BookingChange[], overrideReason: string | undefined, now: Date) =>
  withTenant(d.jolieville.id, (tx) => applyBookingChanges(scopeOf(tx, d.jolieville, actor, ({ overrideReason, now }).now), { changes: changes, ...{ overrideReason, now } }));
const cantine = (child: string, date: string, action: BookingChange["action"] = "book"): BookingChange => ({ childId: d.ids[child]!, activityId: d.ids.Cantine!, date, action });
const rowOf = async (child: string, date: string) =>
  (await withPlatform((tx) => tx.select().from(bookings).where(and(eq(bookings.childId, d.ids[child]!), eq(bookings.activityId, d.ids.Cantine!), eq(bookings.date, date)))))[0]!;

describe("staff overrides", () => {
  it("record a cancellation past the deadline with its reason, and keep the booking's own", async () => {
    // Friday 27 November closed for booking on the 21st: the front desk books it anyway, then cancels it.
    const [booked] = await staff(d.agent, [cantine("Tom", "2026-11-27")], "Oubli signalé au guichet", BOOKING_NOW);
    expect(booked!.result).toBe("confirmed");
    const [refused] = await staff(d.agent, [cantine("Tom", "2026-11-27", "cancel")], undefined, LATER);
    expect(refused!.result).toBe("refused");
    expect((await rowOf("Tom", "2026-11-27")).status).toBe("confirmed");
    const [cancelled] = await staff(d.agent, [cantine("Tom", "2026-11-27", "cancel")], "Enfant malade, appel du père", LATER);
    expect(cancelled!.result).toBe("cancelled");
    expect(await rowOf("Tom", "2026-11-27")).toMatchObject({
      status: "cancelled",
      overrideReason: "Oubli signalé au guichet",
      createdBy: d.agent.userId,
      createdAt: BOOKING_NOW,
      cancelReason: "Enfant malade, appel du père",
      cancelledBy: d.agent.userId,
      cancelledAt: LATER,
    });
  });

  it("record nothing when the day was still open: a reason typed for nothing is no derogation", async () => {
    await staff(d.agent, [cantine("Tom", "2026-12-10")], "Demande au guichet", BOOKING_NOW);
    await staff(d.agent, [cantine("Tom", "2026-12-10", "cancel")], "Demande au guichet", BOOKING_NOW);
    expect(await rowOf("Tom", "2026-12-10")).toMatchObject({ status: "cancelled", overrideReason: null, cancelReason: null });
  });

  it("are listed for the front desk, each with who, when and why, most recent first", async () => {
    const list = await (await callerAs("agent@jolieville.test", "jolieville")).households.overrides({ householdId: d.ids["JOL-00057"]! });
    expect(list.map((e) => [e.kind, e.date, e.childFirstName, e.activityName, e.reason, e.by, e.at.toISOString()])).toEqual([
      ["cancellation", "2026-11-27", "Tom", "Cantine", "Enfant malade, appel du père", "Sophie Garnier", LATER.toISOString()],
      ["booking", "2026-11-27", "Tom", "Cantine", "Oubli signalé au guichet", "Sophie Garnier", BOOKING_NOW.toISOString()],
    ]);
    const martin = await (await callerAs("agent@jolieville.test", "jolieville")).households.overrides({ householdId: d.ids["JOL-00042"]! });
    expect(martin).toEqual([]);
  });

  it("are not shown to another commune's staff nor to families", async () => {
    await expect((await callerAs("admin@val-fleuri.test", "val-fleuri")).households.overrides({ householdId: d.ids["JOL-00057"]! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await callerAs("voisin@recre.test", "jolieville")).households.overrides({ householdId: d.ids["JOL-00057"]! })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
