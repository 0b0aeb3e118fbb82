import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bookings, children, creditNotes, emailOutbox, occurrences } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { capacityByDay, listDayOverrides, setDayOverride } from "@/server/domain/activities/capacity";
import { settleBasketPayment } from "@/server/domain/billing/basket";
import { applyBookingChanges } from "@/server/domain/booking/bookings";
import type { Actor } from "@/server/domain/scope";
import { loadDemo, userId } from "../../../fixtures/demo";
import { appError, demoIds, inTenant, snapshot, type DemoIds } from "./helpers";
import { scopeOf } from "../../../fixtures/demo-ids";
import { startBasket } from "../../../fixtures/payments";
import { systemActor } from "@/server/domain/scope";

const now = new Date("2026-11-25T10:00:00Z");
let j: DemoIds;
let vf: DemoIds;
let mercredi: string;
let agent: Actor;

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
  vf = await demoIds("val-fleuri");
  mercredi = j.activity["Mercredi loisirs"]!;
  agent = { userId: await userId("agent@jolieville.test"), role: "staff", householdIds: [], staffRoles: ["agent"] };
});

const override = (date: string, capacity: number | null, closed = false) =>
  inTenant(j.tenant, (tx) => setDayOverride(scopeOf(tx, j.tenant, undefined, now), { activityId: mercredi, date, capacity, closed }));

describe("capacity per day", () => {
  it("shows each Wednesday of December with what the calendar says, the override and places taken", async () => {
    const view = await inTenant(j.tenant, (tx) => capacityByDay(scopeOf(tx, j.tenant, undefined, now), { activityId: mercredi, month: "2026-12" }));
    expect(view.capacity).toBe(24);
    expect(view.days.map((d) => [d.date, d.status, d.effectiveCapacity, d.taken])).toEqual([
      ["2026-12-02", "open", 24, 0],
      ["2026-12-09", "open", 24, 0],
      ["2026-12-16", "open", 1, 1],
      ["2026-12-23", "school_holiday", 24, 0],
      ["2026-12-30", "school_holiday", 24, 0],
    ]);
    expect(view.days[2]!.override).toEqual({ capacity: 1, closed: false });
    expect(view.days[3]!.detail).toBe("Vacances de Noël");
  });

  it("allows a capacity below the places taken, keeps the bookings and says so", async () => {
    const result = await override("2026-12-16", 0);
    expect(result).toMatchObject({ capacity: 0, closed: false, effectiveCapacity: 0, taken: 1, promoted: 0 });
    expect(result.warning).toContain("1 place est déjà prise pour 0");
    const live = await withPlatform((tx) =>
      tx
        .select()
        .from(bookings)
        .where(and(eq(bookings.activityId, mercredi), eq(bookings.date, "2026-12-16"), eq(bookings.status, "confirmed"))),
    );
    expect(live).toHaveLength(1);
  });

  it("upserts the day's row: closing then reopening keeps one row", async () => {
    expect(await override("2026-12-09", null, true)).toMatchObject({ closed: true, capacity: null, effectiveCapacity: 24, taken: 0, warning: null });
    expect(await override("2026-12-09", 12)).toMatchObject({ closed: false, capacity: 12, effectiveCapacity: 12 });
    const rows = await withPlatform((tx) =>
      tx
        .select()
        .from(occurrences)
        .where(and(eq(occurrences.activityId, mercredi), eq(occurrences.date, "2026-12-09"))),
    );
    expect(rows).toEqual([expect.objectContaining({ capacity: 12, closed: false })]);
  });

  it("lists overrides with places taken over a range", async () => {
    await override("2026-12-02", null, true);
    const list = await inTenant(j.tenant, (tx) =>
      listDayOverrides(scopeOf(tx, j.tenant, undefined, now), { activityId: mercredi, from: "2026-12-01", to: "2026-12-31" }),
    );
    expect(list).toEqual([
      { date: "2026-12-02", capacity: null, closed: true, effectiveCapacity: 24, taken: 0, waitlisted: 0 },
      { date: "2026-12-09", capacity: 12, closed: false, effectiveCapacity: 12, taken: 0, waitlisted: 0 },
      { date: "2026-12-16", capacity: 0, closed: false, effectiveCapacity: 0, taken: 1, waitlisted: 0 },
    ]);
  });

  it("cancels the bookings of a day it closes, bills nobody for it and tells the family", async () => {
    const [booked] = await inTenant(j.tenant, (tx) =>
      applyBookingChanges(scopeOf(tx, j.tenant, agent, now), { changes: [{ childId: j.child.Sarah!, activityId: mercredi, date: "2026-12-09", action: "book" }], ...{ now } }),
    );
    expect(booked!.result).toBe("confirmed");
    const result = await override("2026-12-09", 12, true);
    expect(result).toMatchObject({ closed: true, cancelled: 1, taken: 0, warning: null });
    const [sarah] = await withPlatform((tx) =>
      tx.select().from(bookings).where(and(eq(bookings.childId, j.child.Sarah!), eq(bookings.activityId, mercredi), eq(bookings.date, "2026-12-09"))),
    );
    expect(sarah).toMatchObject({ status: "cancelled", cancelReason: "Fermeture exceptionnelle", overrideReason: null });
    const mails = await withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.template, "day-closed")));
    expect(mails.map((m) => m.to)).toEqual(["parent@recre.test"]);
    expect(mails[0]!.text).toContain("ne vous sera pas facturée");
    // Reopened: back as it was for the tests below, nothing left to cancel.
    expect(await override("2026-12-09", 12)).toMatchObject({ closed: false, cancelled: 0, taken: 0 });
  });

  it("credits a prepaid day already paid when the commune closes it", async () => {
    const vfCantine = vf.activity.Cantine!;
    const parent: Actor = { userId: await userId("parent@recre.test"), role: "parent", householdIds: [], staffRoles: [] };
    const [louise] = await withPlatform((tx) => tx.select({ householdId: children.householdId }).from(children).where(eq(children.id, vf.child.Louise!)));
    parent.householdIds = [louise!.householdId];
    await inTenant(vf.tenant, (tx) =>
      applyBookingChanges(scopeOf(tx, vf.tenant, parent, now), { changes: [{ childId: vf.child.Louise!, activityId: vfCantine, date: "2026-12-08", action: "book" }], ...{ now } }),
    );
    const start = await startBasket(vf.tenant, louise!.householdId, now);
    await inTenant(vf.tenant, (tx) => settleBasketPayment({ tx, tenant: vf.tenant, actor: systemActor, now: now }, { providerRef: start.ref, outcome: "succeeded" }));
    const result = await inTenant(vf.tenant, (tx) => setDayOverride(scopeOf(tx, vf.tenant, undefined, now), { activityId: vfCantine, date: "2026-12-08", capacity: null, closed: true }));
    expect(result.cancelled).toBe(1);
    const notes = await withPlatform((tx) => tx.select().from(creditNotes).where(eq(creditNotes.tenantId, vf.tenant.id)));
    expect(notes.find((n) => n.reason === "Fermeture exceptionnelle du 8 décembre 2026")?.amountCents).toBe(360);
    const [mail] = await withPlatform((tx) => tx.select().from(emailOutbox).where(and(eq(emailOutbox.template, "day-closed"), eq(emailOutbox.to, "parent@recre.test"))).orderBy(desc(emailOutbox.createdAt)).limit(1));
    expect(mail!.text.replace(/\s+/g, " ")).toContain("3,60 € sont crédités sur votre compte famille");
  });

  it("gives the places a higher capacity frees to the waiting list, and tells the family", async () => {
    await override("2026-12-16", 1);
    const [waiting] = await inTenant(j.tenant, (tx) =>
      applyBookingChanges(scopeOf(tx, j.tenant, agent, now), { changes: [{ childId: j.child.Sarah!, activityId: mercredi, date: "2026-12-16", action: "waitlist" }], ...{ now } }),
    );
    expect(waiting!.result).toBe("waitlisted");
    const mailsBefore = (await withPlatform((tx) => tx.select().from(emailOutbox))).length;

    const result = await override("2026-12-16", 3);
    expect(result).toMatchObject({ effectiveCapacity: 3, taken: 2, promoted: 1, waitlisted: 0, warning: null });
    const sarah = await withPlatform((tx) =>
      tx
        .select()
        .from(bookings)
        .where(and(eq(bookings.childId, j.child.Sarah!), eq(bookings.activityId, mercredi), eq(bookings.date, "2026-12-16"))),
    );
    expect(sarah.map((b) => b.status)).toEqual(["confirmed"]);
    expect((await withPlatform((tx) => tx.select().from(emailOutbox))).length).toBeGreaterThan(mailsBefore);
  });

  it.each([
    [
      "a day the activity does not run (Tuesday)",
      { date: "2026-12-08", capacity: 5 },
      "date",
      "Date : l'activité ne fonctionne pas ce jour de la semaine",
    ],
    ["a day outside the school year", { date: "2027-07-07", capacity: 5 }, "date", "Date : ce jour est en dehors de l'année scolaire"],
    ["an impossible date", { date: "2026-02-30", capacity: 5 }, "date", "Date : date invalide"],
    ["a negative capacity", { date: "2026-12-02", capacity: -3 }, "capacity", "Capacité : nombre entier de places"],
  ])("refuses %s naming the field, and writes nothing", async (_, patch, field, text) => {
    const before = await snapshot();
    const error = await appError(
      inTenant(j.tenant, (tx) => setDayOverride(scopeOf(tx, j.tenant, undefined, now), { activityId: mercredi, closed: false, ...patch })),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", field });
    expect(error.message).toContain(text);
    expect(await snapshot()).toEqual(before);
  });

  it("answers NOT_FOUND for another commune's activity, and writes nothing", async () => {
    const before = await snapshot();
    const other = vf.activity["Centre de loisirs des vacances"]!;
    const set = await appError(
      inTenant(j.tenant, (tx) => setDayOverride(scopeOf(tx, j.tenant), { activityId: other, date: "2026-12-21", capacity: 0, closed: false })),
    );
    expect(set.code).toBe("NOT_FOUND");
    const list = await appError(
      inTenant(j.tenant, (tx) => listDayOverrides(scopeOf(tx, j.tenant), { activityId: other, from: "2026-12-01", to: "2026-12-31" })),
    );
    expect(list.code).toBe("NOT_FOUND");
    const view = await appError(inTenant(j.tenant, (tx) => capacityByDay(scopeOf(tx, j.tenant), { activityId: other, month: "2026-12" })));
    expect(view.code).toBe("NOT_FOUND");
    expect(await snapshot()).toEqual(before);
  });

  it("shows holiday activities running only in the holidays", async () => {
    const view = await inTenant(vf.tenant, (tx) =>
      capacityByDay(scopeOf(tx, vf.tenant, undefined, now), { activityId: vf.activity["Centre de loisirs des vacances"]!, month: "2026-12" }),
    );
    const byStatus = (s: string) => view.days.filter((d) => d.status === s).map((d) => d.date);
    expect(byStatus("open")).toEqual([
      "2026-12-21",
      "2026-12-22",
      "2026-12-23",
      "2026-12-24",
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2026-12-31",
    ]);
    expect(byStatus("public_holiday")).toEqual(["2026-12-25"]);
    expect(byStatus("term_time")).toHaveLength(14);
  });
});
