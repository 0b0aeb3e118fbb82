import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, children, schoolYears, sites } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { getPlanning } from "@/server/domain/booking/planning";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { BOOKING_NOW, book, demoIds, scopeOf } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;
let etude = "";
let baby = "";
const reasons = messages.booking.reasons;

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  const j = d.jolieville.id;
  await withTenant(j, async (tx) => {
    const [year] = await tx.select().from(schoolYears).where(eq(schoolYears.tenantId, j));
    const [site] = await tx.select().from(sites).where(and(eq(sites.tenantId, j), eq(sites.name, "Accueil périscolaire Jules Ferry")));
    const [row] = await tx
      .insert(activities)
      .values({
        tenantId: j, siteId: site!.id, schoolYearId: year!.id, service: "etude", name: "Étude surveillée", unit: "hour", weekdays: [1, 2, 4, 5],
        runsOn: "term", capacity: 20, bookingRule: { kind: "days_before", days: 2, time: "18:00", counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true },
      })
      .returning({ id: activities.id });
    etude = row!.id;
    const [child] = await tx
      .insert(children)
      .values({ tenantId: j, householdId: d.ids["JOL-00042"]!, firstName: "Noé", lastName: "Martin", birthDate: "2026-07-15" })
      .returning({ id: children.id });
    baby = child!.id;
  });
});

const planningOf = (childId: string, from: string, to: string) =>
  withTenant(d.jolieville.id, (tx) => getPlanning(scopeOf(tx, d.jolieville, d.parent, BOOKING_NOW), { childId, from, to }));

describe("a child's planning", () => {
  it("lists only the activities the child is enrolled in, so 'not enrolled' never shows as a day", async () => {
    const planning = await planningOf(d.ids.Sarah!, "2026-12-07", "2026-12-13");
    expect(planning.activities.map((a) => [a.name, a.enrolment])).toEqual([
      ["Cantine", "accepted"],
      ["Mercredi loisirs", "accepted"],
    ]);
    const days = planning.activities.flatMap((a) => a.days);
    expect(days.some((day) => day.reason === "not_enrolled")).toBe(false);
  });

  it("is empty for a child enrolled nowhere (the page then offers the enrolment request)", async () => {
    expect((await planningOf(baby, "2026-12-07", "2026-12-13")).activities).toEqual([]);
  });

  it("shows an activity waiting for the town hall with its days disabled, saying the enrolment is pending", async () => {
    await (await callerAs("parent@recre.test", "jolieville")).reservations.requestEnrolment({ childId: d.ids.Sarah!, activityId: etude });
    const planning = await planningOf(d.ids.Sarah!, "2026-12-14", "2026-12-22");
    const pending = planning.activities.find((a) => a.id === etude)!;
    expect(pending.enrolment).toBe("pending");
    const byDate = Object.fromEntries(pending.days.filter((day) => day.runs).map((day) => [day.date, [day.bookable, day.reason, day.reasonText]]));
    expect(byDate).toEqual({
      "2026-12-14": [false, "enrolment_pending", reasons.enrolment_pending],
      "2026-12-15": [false, "enrolment_pending", reasons.enrolment_pending],
      "2026-12-17": [false, "enrolment_pending", reasons.enrolment_pending],
      "2026-12-18": [false, "enrolment_pending", reasons.enrolment_pending],
      // The holidays keep their own, more fundamental, reason.
      "2026-12-21": [false, "school_holiday", "Vacances scolaires : Vacances de Noël"],
      "2026-12-22": [false, "school_holiday", "Vacances scolaires : Vacances de Noël"],
    });
    const [refused] = await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: etude, date: "2026-12-14", action: "book" }]);
    expect(refused).toMatchObject({ result: "refused", message: reasons.enrolment_pending });
  });

  it("opens those days once the town hall accepts", async () => {
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const [request] = (await agent.enrolments.list({ status: "pending" })).filter((e) => e.activityId === etude);
    await agent.enrolments.decide({ enrolmentId: request!.id, decision: "accepted" });
    const planning = await planningOf(d.ids.Sarah!, "2026-12-14", "2026-12-14");
    expect(planning.activities.find((a) => a.id === etude)!.days[0]).toMatchObject({ bookable: true, reason: null });
    const [booked] = await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: etude, date: "2026-12-14", action: "book" }]);
    expect(booked!.result).toBe("confirmed");
  });
});

describe("the price of each day on the planning", () => {
  it("is the household's tariff on a free day and the booking's snapshot on a booked one", async () => {
    const cantine = (p: Awaited<ReturnType<typeof planningOf>>) => p.activities.find((a) => a.name === "Cantine")!;
    // Martin, QF 650, resident: the 400–700 bracket of the canteen, 2,10 €; Tom's family has no QF: the highest, 3,90 €.
    const before = cantine(await planningOf(d.ids.Sarah!, "2026-12-08", "2026-12-08")).days[0]!;
    expect(before).toMatchObject({ own: null, priceCents: 210 });
    expect(cantine(await planningOf(d.ids.Chloé!, "2026-12-19", "2026-12-19")).days[0]).toMatchObject({ runs: false, priceCents: null });
    const [booked] = await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: cantine(await planningOf(d.ids.Sarah!, "2026-12-08", "2026-12-08")).id, date: "2026-12-08", action: "book" }]);
    expect(booked!.result).toBe("confirmed");
    const after = cantine(await planningOf(d.ids.Sarah!, "2026-12-08", "2026-12-08")).days[0]!;
    expect(after).toMatchObject({ own: { status: "confirmed" }, priceCents: booked!.amountCents });
  });
});
