import { readFileSync } from "node:fs";
import path from "node:path";
import { and, desc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bookings, creditNotes, emailOutbox, occurrences } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { setDayOverride } from "@/server/domain/activities/capacity";
import { mealCounts } from "@/server/domain/attendance/meals";
import { settleBasketPayment } from "@/server/domain/billing/basket";
import { changePeriod, importCalendar, previewImport, previewPeriodChange } from "@/server/domain/calendar/changes";
import { loadDemo, userId } from "../../../fixtures/demo";
import { BOOKING_NOW as now, book, demoIds, scopeOf, staffAs } from "../../../fixtures/demo-ids";
import { startBasket } from "../../../fixtures/payments";
import { systemActor } from "@/server/domain/scope";

const csv = readFileSync(path.join(import.meta.dirname, "../../../fixtures/calendrier-scolaire-2026-2027.csv"), "utf8");
let d: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
});

const inJolieville = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant(d.jolieville.id, fn);
const cantine = (child: string, date: string) => ({ childId: d.ids[child]!, activityId: d.ids.Cantine!, date, action: "book" as const });
const mercredi = (child: string, date: string, action: "book" | "waitlist" = "book") => ({ childId: d.ids[child]!, activityId: d.ids["Mercredi loisirs"]!, date, action });

const statusOf = async (childId: string, activityId: string, date: string) =>
  (
    await withPlatform((tx) =>
      tx
        .select({ status: bookings.status, reason: bookings.cancelReason })
        .from(bookings)
        .where(and(eq(bookings.childId, childId), eq(bookings.activityId, activityId), eq(bookings.date, date)))
        .orderBy(desc(bookings.createdAt)),
    )
  )[0];

const closedMails = (since: Date) =>
  withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.template, "day-closed"))).then((rows) => rows.filter((r) => r.createdAt >= since));

describe("a closure added to the school calendar", () => {
  const strike = { kind: "closure" as const, label: "Grève des agents", startDate: "2027-01-11", endDate: "2027-01-13" };

  beforeAll(async () => {
    await book(d.jolieville, d.agent, [cantine("Sarah", "2027-01-11"), cantine("Chloé", "2027-01-11"), cantine("Tom", "2027-01-12")]);
    // A full Wednesday: Tom has the only place, Sarah waits for it.
    await inJolieville((tx) => tx.insert(occurrences).values({ tenantId: d.jolieville.id, activityId: d.ids["Mercredi loisirs"]!, date: "2027-01-13", capacity: 1 }));
    await book(d.jolieville, d.agent, [mercredi("Tom", "2027-01-13")]);
    await book(d.jolieville, d.agent, [mercredi("Sarah", "2027-01-13", "waitlist")]);
  });

  it("says first how many bookings and places on the waiting list it will cancel, and writes nothing", async () => {
    const impact = await inJolieville((tx) => previewPeriodChange(scopeOf(tx, d.jolieville, undefined, now), { action: "add", period: strike }));
    expect(impact).toEqual({ bookings: 4, waitlisted: 1 });
    expect((await statusOf(d.ids.Sarah!, d.ids.Cantine!, "2027-01-11"))?.status).toBe("confirmed");
  });

  it("cancels them, so they are neither billed nor cooked, and tells each family with the right words", async () => {
    const meals = () => inJolieville((tx) => mealCounts(scopeOf(tx, d.jolieville), { from: "2027-01-11", to: "2027-01-12" }));
    expect((await meals()).totals.meals).toBe(3);
    const since = new Date();
    const { period, cancelled } = await inJolieville((tx) => changePeriod(scopeOf(tx, d.jolieville, staffAs(({ userId: d.agent.userId, now }).userId ?? null), ({ userId: d.agent.userId, now }).now), { action: "add", period: strike }));
    expect(period).toMatchObject({ kind: "closure", label: "Grève des agents" });
    expect(cancelled).toBe(5);
    expect(await statusOf(d.ids.Sarah!, d.ids.Cantine!, "2027-01-11")).toEqual({ status: "cancelled", reason: "Fermé : Grève des agents" });
    expect((await statusOf(d.ids.Sarah!, d.ids["Mercredi loisirs"]!, "2027-01-13"))?.status).toBe("cancelled");
    expect((await meals()).totals.meals).toBe(0);

    const mails = await closedMails(since);
    expect(mails.map((m) => m.to).sort()).toEqual(["parent@recre.test", "parent@recre.test", "parent@recre.test", "voisin@recre.test", "voisin@recre.test"]);
    const text = (m: (typeof mails)[number]) => m.text.replace(/\s+/g, " ");
    const waitlist = mails.filter((m) => text(m).includes("liste d'attente"));
    expect(waitlist).toHaveLength(1);
    expect(text(waitlist[0]!)).toContain("Sarah était sur la liste d'attente pour ce jour-là : sa place sur la liste d'attente est retirée");
    expect(text(waitlist[0]!)).not.toContain("réservation");
    const booked = mails.filter((m) => m !== waitlist[0]);
    for (const m of booked) expect(text(m)).toMatch(/\(Fermé : Grève des agents\)\. La réservation de (Sarah|Chloé|Tom) ce jour-là est annulée : elle ne vous sera pas facturée/);
  });

  it("leaves days gone by alone: their bookings are history", async () => {
    await inJolieville(async (tx) => {
      await tx.insert(occurrences).values({ tenantId: d.jolieville.id, activityId: d.ids.Cantine!, date: "2026-11-19" });
      await tx.insert(bookings).values({ tenantId: d.jolieville.id, childId: d.ids.Tom!, activityId: d.ids.Cantine!, date: "2026-11-19", status: "confirmed" });
    });
    const past = { kind: "closure" as const, label: "Panne de chauffage", startDate: "2026-11-19", endDate: "2026-11-19" };
    expect(await inJolieville((tx) => previewPeriodChange(scopeOf(tx, d.jolieville, undefined, now), { action: "add", period: past }))).toEqual({ bookings: 0, waitlisted: 0 });
    expect((await inJolieville((tx) => changePeriod(scopeOf(tx, d.jolieville, undefined, now), { action: "add", period: past }))).cancelled).toBe(0);
    expect((await statusOf(d.ids.Tom!, d.ids.Cantine!, "2026-11-19"))?.status).toBe("confirmed");
  });

  it("credits a prepaid day already paid, as closing the day on the activity does", async () => {
    const vfCantine = d.ids["vf:Cantine"]!;
    await book(d.valFleuri, d.parentValFleuri, [{ childId: d.ids.Louise!, activityId: vfCantine, date: "2027-01-14", action: "book" }]);
    const start = await startBasket(d.valFleuri, d.ids["VF-0815"]!, now);
    await withTenant(d.valFleuri.id, (tx) => settleBasketPayment({ tx, tenant: d.valFleuri, actor: systemActor, now: now }, { providerRef: start.ref, outcome: "succeeded" }));
    const since = new Date();
    const closure = { kind: "closure" as const, label: "Travaux", startDate: "2027-01-14", endDate: "2027-01-14" };
    const { cancelled } = await withTenant(d.valFleuri.id, (tx) => changePeriod(scopeOf(tx, d.valFleuri, undefined, now), { action: "add", period: closure }));
    expect(cancelled).toBe(1);
    const notes = await withPlatform((tx) => tx.select().from(creditNotes).where(eq(creditNotes.tenantId, d.valFleuri.id)));
    expect(notes.find((n) => n.reason === "Fermeture du 14 janvier 2027 (Fermé : Travaux)")?.amountCents).toBe(360);
    const [mail] = await closedMails(since);
    expect(mail!.text.replace(/\s+/g, " ")).toContain("3,60 € sont crédités sur votre compte famille");
  });
});

describe("holidays imported over booked days", () => {
  it("counts, then cancels, the term-time bookings the new holidays fall on", async () => {
    // The official file has a "Pont de l'Ascension" (5 to 9 May 2027) that the demo calendar lacks.
    await book(d.jolieville, d.agent, [cantine("Sarah", "2027-05-07"), cantine("Sarah", "2027-05-10")]);
    const preview = await inJolieville((tx) => previewImport(scopeOf(tx, d.jolieville, undefined, now), { file: csv }));
    expect(preview).toMatchObject({ imported: 6, bookings: 1, waitlisted: 0 });
    expect((await statusOf(d.ids.Sarah!, d.ids.Cantine!, "2027-05-07"))?.status).toBe("confirmed");

    const result = await inJolieville((tx) => importCalendar(scopeOf(tx, d.jolieville, undefined, now), { file: csv }));
    expect(result).toMatchObject({ imported: 6, cancelled: 1 });
    expect(await statusOf(d.ids.Sarah!, d.ids.Cantine!, "2027-05-07")).toEqual({ status: "cancelled", reason: "Vacances scolaires : Pont de l'Ascension" });
    expect((await statusOf(d.ids.Sarah!, d.ids.Cantine!, "2027-05-10"))?.status).toBe("confirmed");
  });

  it("cancels the holiday centre's bookings on days a shortened holiday gives back to term time", async () => {
    const vacances = d.ids["vf:Centre de loisirs des vacances"]!;
    await withTenant(d.valFleuri.id, async (tx) => {
      await tx.insert(occurrences).values({ tenantId: d.valFleuri.id, activityId: vacances, date: "2027-02-26" });
      await tx.insert(bookings).values({ tenantId: d.valFleuri.id, childId: d.ids.Louise!, activityId: vacances, date: "2027-02-26", status: "confirmed" });
    });
    const [winter] = await withPlatform((tx) =>
      tx.query.calendarPeriods.findMany({ where: (p, { and, eq }) => and(eq(p.tenantId, d.valFleuri.id), eq(p.label, "Vacances d'hiver")) }),
    );
    const shorter = { periodId: winter!.id, period: { kind: "holiday" as const, label: winter!.label, startDate: winter!.startDate, endDate: "2027-02-21" } };
    expect(await withTenant(d.valFleuri.id, (tx) => previewPeriodChange(scopeOf(tx, d.valFleuri, undefined, now), { action: "update", ...shorter }))).toEqual({ bookings: 1, waitlisted: 0 });
    const { cancelled } = await withTenant(d.valFleuri.id, (tx) => changePeriod(scopeOf(tx, d.valFleuri, undefined, now), { action: "update", ...shorter }));
    expect(cancelled).toBe(1);
    expect((await statusOf(d.ids.Louise!, vacances, "2027-02-26"))?.reason).toBe("Hors vacances scolaires");
  });
});

describe("closing one day of an activity", () => {
  it("tells a family waiting for a place that it is withdrawn, not that a booking is cancelled", async () => {
    await inJolieville((tx) => tx.insert(occurrences).values({ tenantId: d.jolieville.id, activityId: d.ids["Mercredi loisirs"]!, date: "2027-01-20", capacity: 1 }));
    await book(d.jolieville, d.agent, [mercredi("Tom", "2027-01-20")]);
    await book(d.jolieville, d.agent, [mercredi("Chloé", "2027-01-20", "waitlist")]);
    const since = new Date();
    const admin = await userId("admin@jolieville.test");
    const result = await inJolieville((tx) =>
      setDayOverride(scopeOf(tx, d.jolieville, staffAs(({ now, userId: admin }).userId ?? null), ({ now, userId: admin }).now), { activityId: d.ids["Mercredi loisirs"]!, date: "2027-01-20", capacity: null, closed: true }),
    );
    expect(result.cancelled).toBe(2);
    const mails = await closedMails(since);
    const chloe = mails.find((m) => m.text.includes("Chloé"))!;
    expect(chloe.text.replace(/\s+/g, " ")).toContain("sa place sur la liste d'attente est retirée");
    const tom = mails.find((m) => m.text.includes("Tom"))!;
    expect(tom.text.replace(/\s+/g, " ")).toContain("La réservation de Tom ce jour-là est annulée");
    const rows = await withPlatform((tx) =>
      tx.select({ status: bookings.status }).from(bookings).where(and(eq(bookings.date, "2027-01-20"), inArray(bookings.childId, [d.ids.Tom!, d.ids["Chloé"]!]))),
    );
    expect(rows.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
  });
});
