import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/transaction";
import { markAttendance } from "@/server/domain/attendance/marking";
import { setDayOverride } from "@/server/domain/activities/capacity";
import { reportAbsence, reviewAbsence } from "@/server/domain/absences/absences";
import { decideEnrolment, requestEnrolment } from "@/server/domain/booking/enrolments";
import { issueRun } from "@/server/domain/billing/invoice-run";
import { recordCounterPayment, setDebtBlock } from "@/server/domain/billing/payments";
import { staffDashboard } from "@/server/domain/dashboard/dashboard";
import { staffActor } from "@/server/domain/scope";
import { findTenantBySlug, type Tenant } from "@/server/domain/tenants/tenants";
import { loadDemo, userId } from "../../../fixtures/demo";
import { book, demoIds, scopeOf, staffAs } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;
let adminId: string;

/** 09:00 in Paris on a day of the demo. */
const at = (day: string) => new Date(`${day}T09:00:00+01:00`);
const dashboard = async (slug: string, now: Date, frontDesk = true) => {
  // The tenant is read again: a setting changed by a test (the debt threshold) is on its row.
  const tenant = (await findTenantBySlug(slug)) as Tenant;
  // Front desk roles see requests and billing; a site agent sees today only.
  return withTenant(tenant.id, (tx) => staffDashboard(scopeOf(tx, tenant, staffActor("00000000-0000-4000-8000-000000000000", frontDesk ? ["admin"] : ["site_agent"]), now)));
};
const activity = (board: Awaited<ReturnType<typeof dashboard>>, name: string) => board.activities.find((a) => a.name === name);
const cantine = (child: string, date: string) => ({ childId: d.ids[child]!, activityId: d.ids.Cantine!, date, action: "book" as const });

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  adminId = await userId("admin@jolieville.test");
});

describe("the staff dashboard on the demo's Wednesday", () => {
  it("gives each figure from the seed", async () => {
    const board = await dashboard("jolieville", at("2026-11-25"));
    expect(board.today).toBe("2026-11-25");
    expect(board.toDo).toEqual({ pendingEnrolments: 0, pendingAbsences: 0, pendingApplications: 0 });
    // Only the Wednesday activity runs; nobody is booked on it yet.
    expect(board.activities).toEqual([
      {
        id: d.ids["Mercredi loisirs"],
        name: "Mercredi loisirs",
        unit: "day",
        siteId: d.ids["Accueil de loisirs Jules Verne"],
        siteName: "Accueil de loisirs Jules Verne",
        expected: 0,
        capacity: 24,
        waitlisted: 0,
        marked: 0,
        attendance: "nobody",
      },
    ]);
    expect(board.mealsToday).toBe(0);
    // The Durands' November invoice (4 × 3,90 €) is unpaid; the Martins paid theirs by cheque.
    expect(board.billing).toEqual({
      unpaid: { count: 1, dueCents: 1560, householdCount: 1, households: [{ id: d.ids["JOL-00057"], name: "Famille Durand", reference: "JOL-00057", dueCents: 1560 }] },
      invoiceMode: true,
      latestRun: expect.objectContaining({ period: "2026-11", mode: "advance", status: "issued", invoiceCount: 2, totalCents: 3450 }),
      baskets: null,
      debtBlock: null,
    });
  });

  it("keeps requests and billing from a site agent", async () => {
    const board = await dashboard("jolieville", at("2026-11-25"), false);
    expect(board.toDo).toBeNull();
    expect(board.billing).toBeNull();
    expect(board.activities.map((a) => a.name)).toEqual(["Mercredi loisirs"]);
  });

  it("says what a prepaid commune without invoice runs holds", async () => {
    const board = await dashboard("val-fleuri", at("2026-11-25"));
    // Wednesday: the canteen does not run, the holiday centre only in the holidays.
    expect(board.activities).toEqual([]);
    expect(board.billing).toMatchObject({ unpaid: { count: 0, dueCents: 0, householdCount: 0, households: [] }, invoiceMode: false, latestRun: null, baskets: { count: 0, amountCents: 0 } });
  });
});

describe("today's activities", () => {
  const THURSDAY = "2026-12-03";

  it("count confirmed bookings, meals and pointage as the day goes", async () => {
    await book(d.jolieville, d.parent, [cantine("Sarah", THURSDAY), cantine("Chloé", THURSDAY)]);
    await book(d.jolieville, d.voisin, [cantine("Tom", THURSDAY)]);
    let board = await dashboard("jolieville", at(THURSDAY));
    expect(board.activities.map((a) => [a.siteName, a.name, a.expected, a.capacity, a.attendance])).toEqual([
      ["Accueil périscolaire Jules Ferry", "Garderie du matin", 0, 40, "nobody"],
      ["Accueil périscolaire Jules Ferry", "Garderie du soir", 0, 40, "nobody"],
      ["Restaurant scolaire Jules Ferry", "Cantine", 3, null, "todo"],
    ]);
    expect(board.mealsToday).toBe(3);

    const mark = (child: string) =>
      withTenant(d.jolieville.id, (tx) =>
        markAttendance(scopeOf(tx, d.jolieville, staffAs(adminId), new Date(`${THURSDAY}T12:00:00Z`)), { activityId: d.ids.Cantine!, date: THURSDAY, childId: d.ids[child]!, status: "present" }),
      );
    await mark("Sarah");
    board = await dashboard("jolieville", at(THURSDAY));
    expect(activity(board, "Cantine")).toMatchObject({ expected: 3, marked: 1, attendance: "started" });
    await mark("Chloé");
    await mark("Tom");
    board = await dashboard("jolieville", at(THURSDAY));
    expect(activity(board, "Cantine")).toMatchObject({ expected: 3, marked: 3, attendance: "done" });
  });

  it("show a full day's own capacity and its waiting list", async () => {
    // Wednesday 16 December holds one child (Tom): Sarah goes on the waiting list.
    const [sarah] = await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids["Mercredi loisirs"]!, date: "2026-12-16", action: "waitlist" }]);
    expect(sarah!.result).toBe("waitlisted");
    const board = await dashboard("jolieville", at("2026-12-16"));
    expect(activity(board, "Mercredi loisirs")).toMatchObject({ expected: 1, capacity: 1, waitlisted: 1 });
  });

  it("leave out days the calendar or the commune closes", async () => {
    // Christmas holidays: term-time activities do not run.
    expect((await dashboard("jolieville", at("2026-12-23"))).activities).toEqual([]);
    expect(activity(await dashboard("jolieville", at("2026-12-09")), "Mercredi loisirs")).toBeTruthy();
    await withTenant(d.jolieville.id, (tx) => setDayOverride(scopeOf(tx, d.jolieville), { activityId: d.ids["Mercredi loisirs"]!, date: "2026-12-09", capacity: null, closed: true }));
    expect((await dashboard("jolieville", at("2026-12-09"))).activities).toEqual([]);
  });
});

describe("what waits for the front desk", () => {
  it("counts a new enrolment request until it is decided", async () => {
    const request = await withTenant(d.valFleuri.id, (tx) =>
      requestEnrolment(scopeOf(tx, d.valFleuri, d.parentValFleuri, at("2026-11-25")), { childId: d.ids.Louise!, activityId: d.ids["vf:Centre de loisirs des vacances"]! }),
    );
    expect((await dashboard("val-fleuri", at("2026-11-25"))).toDo).toEqual({ pendingEnrolments: 1, pendingAbsences: 0, pendingApplications: 0 });
    // The other commune's count is its own.
    expect((await dashboard("jolieville", at("2026-11-25"))).toDo).toEqual({ pendingEnrolments: 0, pendingAbsences: 0, pendingApplications: 0 });
    const adminVf = await userId("admin@val-fleuri.test");
    await withTenant(d.valFleuri.id, (tx) => decideEnrolment(scopeOf(tx, d.valFleuri, staffAs(adminVf), at("2026-11-26")), { enrolmentId: request.id, decision: "accepted" }));
    expect((await dashboard("val-fleuri", at("2026-11-26"))).toDo).toEqual({ pendingEnrolments: 0, pendingAbsences: 0, pendingApplications: 0 });
  });

  it("counts an absence report until it is reviewed", async () => {
    // Tom's Thursday 3 December canteen (booked above), reported after its cancellation deadline.
    const report = await reportAbsence(
      { tenant: d.jolieville, actor: d.voisin, now: new Date("2026-12-01T10:00:00Z") },
      { childId: d.ids.Tom!, activityId: d.ids.Cantine!, date: "2026-12-03", reason: "illness" },
    );
    expect((await dashboard("jolieville", at("2026-12-01"))).toDo).toEqual({ pendingEnrolments: 0, pendingAbsences: 1, pendingApplications: 0 });
    await withTenant(d.jolieville.id, (tx) => reviewAbsence(scopeOf(tx, d.jolieville, staffAs(adminId)), { reportId: report.id, decision: "accepted" }));
    expect((await dashboard("jolieville", at("2026-12-01"))).toDo).toEqual({ pendingEnrolments: 0, pendingAbsences: 0, pendingApplications: 0 });
  });
});

describe("billing figures", () => {
  const NOW = at("2026-11-26");
  const durand = () => d.ids["JOL-00057"]!;
  const pay = (cents: number) =>
    withTenant(d.jolieville.id, (tx) => recordCounterPayment({ tx, tenant: d.jolieville, actor: staffActor(adminId, ["agent"]), now: NOW }, { householdId: durand(), method: "cash", amountCents: cents }));

  it("lower what is still due when the counter takes a payment", async () => {
    await pay(500);
    expect((await dashboard("jolieville", NOW)).billing!.unpaid).toEqual({
      count: 1,
      dueCents: 1060,
      householdCount: 1,
      households: [{ id: durand(), name: "Famille Durand", reference: "JOL-00057", dueCents: 1060 }],
    });
  });

  it("name the families above the debt threshold, once one is set", async () => {
    await setDebtBlock(d.jolieville.id, 1000);
    expect((await dashboard("jolieville", NOW)).billing!.debtBlock).toEqual({
      thresholdCents: 1000,
      count: 1,
      households: [{ id: durand(), name: "Famille Durand", reference: "JOL-00057", balanceCents: 1060, dueCents: 1060 }],
    });
    await setDebtBlock(d.jolieville.id, 1060);
    expect((await dashboard("jolieville", NOW)).billing!.debtBlock).toEqual({ thresholdCents: 1060, count: 0, households: [] });
    await setDebtBlock(d.jolieville.id, null);
    expect((await dashboard("jolieville", NOW)).billing!.debtBlock).toBeNull();
  });

  it("show the latest invoice run and the invoices it adds", async () => {
    await pay(1060);
    expect((await dashboard("jolieville", NOW)).billing!.unpaid).toEqual({ count: 0, dueCents: 0, householdCount: 0, households: [] });
    const result = await withTenant(d.jolieville.id, (tx) => issueRun(scopeOf(tx, d.jolieville, staffAs(adminId)), { period: "2026-12", mode: "advance" }));
    expect(result.invoiceCount).toBeGreaterThan(0);
    const billing = (await dashboard("jolieville", NOW)).billing!;
    expect(billing.latestRun).toMatchObject({ period: "2026-12", status: "issued", invoiceCount: result.invoiceCount, totalCents: result.totalCents });
    expect(billing.unpaid.count).toBe(result.invoiceCount);
    expect(billing.unpaid.dueCents).toBe(result.totalCents);
  });

  it("count the baskets held in a prepaid commune and what their days cost, until they expire", async () => {
    const booked = new Date("2026-11-25T10:00:00Z");
    await book(d.valFleuri, d.parentValFleuri, [
      { childId: d.ids.Louise!, activityId: d.ids["vf:Cantine"]!, date: "2026-12-07", action: "book" },
      { childId: d.ids.Louise!, activityId: d.ids["vf:Cantine"]!, date: "2026-12-08", action: "book" },
    ], booked);
    // Louise: resident, 3,60 € a meal.
    expect((await dashboard("val-fleuri", new Date(booked.getTime() + 60_000))).billing!.baskets).toEqual({ count: 1, amountCents: 720 });
    expect((await dashboard("val-fleuri", new Date(booked.getTime() + 24 * 3600_000))).billing!.baskets).toEqual({ count: 0, amountCents: 0 });
  });
});
