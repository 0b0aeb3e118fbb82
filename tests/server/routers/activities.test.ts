import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, todayIn } from "@/common/dates";
import { callerAs, loadDemo } from "../../fixtures/demo";
import { callHttp } from "../../fixtures/http";
import { demoIds, snapshot, type DemoIds } from "../domain/activities/helpers";

const ADMIN = "admin@jolieville.test";
const AGENT = "agent@jolieville.test";
const PARENT = "parent@recre.test";

type Caller = Awaited<ReturnType<typeof callerAs>>;

let j: DemoIds;
let vf: DemoIds;
let vfOpening: string;

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
  vf = await demoIds("val-fleuri");
  const vfAdmin = await callerAs("admin@val-fleuri.test", "val-fleuri");
  vfOpening = (await vfAdmin.activities.openings({ activityId: vf.activity["Centre de loisirs des vacances"]! }))[0]!.id;
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? "?",
  );

/** One well-formed call per procedure, aimed at the given commune's records. */
function calls(ids: { activity: string; site: string; year: string; opening: string }) {
  const activityInput = {
    siteId: ids.site,
    schoolYearId: ids.year,
    service: "etude" as const,
    name: "Étude surveillée",
    unit: "hour" as const,
    weekdays: [1, 2, 4, 5],
    runsOn: "term" as const,
    capacity: 20,
    bookingRule: { kind: "days_before" as const, days: 2, time: "18:00" },
    cancelRule: null,
  };
  const reads: Record<string, (c: Caller) => Promise<unknown>> = {
    "activities.sites": (c) => c.activities.sites(),
    "activities.list": (c) => c.activities.list(),
    "activities.get": (c) => c.activities.get({ activityId: ids.activity }),
    "activities.capacityByDay": (c) => c.activities.capacityByDay({ activityId: ids.activity, month: "2026-12" }),
    "activities.dayOverrides": (c) => c.activities.dayOverrides({ activityId: ids.activity, from: "2026-12-01", to: "2026-12-31" }),
    "activities.openings": (c) => c.activities.openings({ activityId: ids.activity }),
  };
  const writes: Record<string, (c: Caller) => Promise<unknown>> = {
    "activities.createSite": (c) => c.activities.createSite({ name: "Site intrus", address: "" }),
    "activities.updateSite": (c) => c.activities.updateSite({ siteId: ids.site, name: "Renommé", address: "" }),
    "activities.archiveSite": (c) => c.activities.archiveSite({ siteId: ids.site, archived: true }),
    "activities.create": (c) => c.activities.create(activityInput),
    "activities.update": (c) => c.activities.update({ ...activityInput, activityId: ids.activity }),
    "activities.archive": (c) => c.activities.archive({ activityId: ids.activity, archived: true }),
    "activities.setDayOverride": (c) => c.activities.setDayOverride({ activityId: ids.activity, date: "2027-01-06", capacity: 0, closed: true }),
    "activities.addOpening": (c) =>
      c.activities.addOpening({
        activityId: ids.activity,
        fromDate: "2027-01-04",
        toDate: "2027-01-29",
        opensDate: "2026-12-01",
        opensTime: "08:00",
      }),
    "activities.deleteOpening": (c) => c.activities.deleteOpening({ openingId: ids.opening }),
  };
  return { reads, writes };
}

async function outcomes(caller: Caller, procedures: Record<string, (c: Caller) => Promise<unknown>>) {
  const result: Record<string, string> = {};
  for (const [path, call] of Object.entries(procedures)) result[path] = await codeOf(call(caller));
  return result;
}
const every = (procedures: object, code: string) => Object.fromEntries(Object.keys(procedures).map((p) => [p, code]));

describe("activities router: access", () => {
  it("lets the front desk read but not change anything (NOT_FOUND), and writes nothing", async () => {
    const mine = calls({
      activity: j.activity["Mercredi loisirs"]!,
      site: j.site["Accueil de loisirs Jules Verne"]!,
      year: j.year,
      opening: randomUUID(),
    });
    const agent = await callerAs(AGENT, "jolieville");
    expect(await outcomes(agent, mine.reads)).toEqual(every(mine.reads, "ok"));
    const before = await snapshot();
    expect(await outcomes(agent, mine.writes)).toEqual(every(mine.writes, "NOT_FOUND"));
    expect(await snapshot()).toEqual(before);
  });

  it("hides everything from parents (NOT_FOUND) and anonymous callers (UNAUTHORIZED)", async () => {
    const mine = calls({ activity: j.activity.Cantine!, site: j.site["Restaurant scolaire Jules Ferry"]!, year: j.year, opening: randomUUID() });
    const all = { ...mine.reads, ...mine.writes };
    const before = await snapshot();
    expect(await outcomes(await callerAs(PARENT, "jolieville"), all)).toEqual(every(all, "NOT_FOUND"));
    expect(await outcomes(await callerAs(null, "jolieville"), all)).toEqual(every(all, "UNAUTHORIZED"));
    expect(await snapshot()).toEqual(before);
  });

  it("answers NOT_FOUND to Jolieville's admin for every Val-Fleuri record, and writes nothing", async () => {
    const theirs = calls({
      activity: vf.activity["Centre de loisirs des vacances"]!,
      site: vf.site["Accueil de loisirs Les Oliviers"]!,
      year: vf.year,
      opening: vfOpening,
    });
    const { "activities.sites": _s, "activities.list": _l, ...reads } = theirs.reads;
    const { "activities.createSite": _c, ...writes } = theirs.writes;
    const admin = await callerAs(ADMIN, "jolieville");
    const before = await snapshot();
    expect(await outcomes(admin, { ...reads, ...writes })).toEqual(every({ ...reads, ...writes }, "NOT_FOUND"));
    expect(await snapshot()).toEqual(before);
    // Lists only ever show the commune's own records.
    expect((await admin.activities.list()).map((a) => a.id)).not.toContain(vf.activity.Cantine);
    expect((await admin.activities.sites()).map((s) => s.id)).not.toContain(vf.site["Cantine Les Lutins Gourmands"]);
  });
});

describe("activities router: bad input", () => {
  const base = () => ({
    siteId: j.site["Accueil périscolaire Jules Ferry"]!,
    schoolYearId: j.year,
    service: "etude",
    name: "Étude",
    unit: "hour",
    weekdays: [1, 2, 4, 5],
    runsOn: "term",
    capacity: 20,
    bookingRule: { kind: "days_before", days: 2, time: "18:00" },
    cancelRule: null,
  });

  it.each([
    ["activities.create", () => ({ ...base(), weekdays: [] }), "weekdays", "Jours de fonctionnement"],
    ["activities.create", () => ({ ...base(), capacity: -1 }), "capacity", "Capacité"],
    ["activities.create", () => ({ ...base(), bookingRule: { kind: "days_before", days: 1, time: "25:00" } }), "bookingRule.time", "Heure limite"],
    ["activities.create", () => ({ ...base(), name: " " }), "name", "Nom"],
    ["activities.setDayOverride", () => ({ activityId: j.activity.Cantine, date: "2026-12-32", capacity: 3, closed: false }), "date", "Date"],
    [
      "activities.setDayOverride",
      () => ({ activityId: j.activity.Cantine, date: "2026-12-07", capacity: 1.5, closed: false }),
      "capacity",
      "Capacité",
    ],
    [
      "activities.addOpening",
      () => ({ activityId: j.activity.Cantine, fromDate: "2027-02-01", toDate: "2027-01-01", opensDate: "2026-12-01", opensTime: "08:00" }),
      "toDate",
      "Dernier jour concerné",
    ],
    ["activities.createSite", () => ({ name: "", address: "" }), "name", "Nom"],
  ])("%s refuses a bad %s with BAD_REQUEST naming the field in French, and writes nothing", async (path, input, field, label) => {
    const before = await snapshot();
    const { status, error, body } = await callHttp(path, input(), { as: ADMIN, commune: "jolieville" });
    expect(status).toBe(400);
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(error?.data.fieldErrors[field]).toContain(label);
    expect(error?.message).toContain(label);
    expect(body).not.toContain("stack");
    expect(await snapshot()).toEqual(before);
  });

  it("names the field in French when the domain refuses (day the activity does not run)", async () => {
    const before = await snapshot();
    const { status, error } = await callHttp(
      "activities.setDayOverride",
      { activityId: j.activity["Mercredi loisirs"], date: "2026-12-08", capacity: 3, closed: false },
      { as: ADMIN, commune: "jolieville" },
    );
    expect(status).toBe(400);
    expect(error).toMatchObject({
      message: "Date : l'activité ne fonctionne pas ce jour de la semaine",
      data: { code: "BAD_REQUEST", field: "date" },
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("the admin changes a capacity and a deadline and the planning obeys at once", () => {
  // reservations.planning runs on the real clock: the days are picked from what it shows today.
  const today = todayIn("Europe/Paris");
  const range = { from: today, to: addDays(today, 56) };

  async function planningOf(parent: Caller, activity: string) {
    const planning = await parent.reservations.planning({ childId: j.child.Sarah!, ...range });
    return planning.activities.find((a) => a.id === activity)!.days;
  }

  it("a Wednesday set to 0 places is full and a closed one is not bookable; booking them is refused", async () => {
    const admin = await callerAs(ADMIN, "jolieville");
    const parent = await callerAs(PARENT, "jolieville");
    const mercredi = j.activity["Mercredi loisirs"]!;
    const open = (await planningOf(parent, mercredi)).filter((d) => d.bookable && !d.full && d.reason === null);
    expect(open.length).toBeGreaterThanOrEqual(2);
    const [full, closed] = [open[0]!.date, open[1]!.date];

    expect(await admin.activities.setDayOverride({ activityId: mercredi, date: full, capacity: 0, closed: false })).toMatchObject({
      taken: 0,
      effectiveCapacity: 0,
    });
    expect(await admin.activities.setDayOverride({ activityId: mercredi, date: closed, capacity: null, closed: true })).toMatchObject({
      closed: true,
    });

    const days = await planningOf(parent, mercredi);
    expect(days.find((d) => d.date === full)).toMatchObject({ full: true, remaining: 0 });
    expect(days.find((d) => d.date === closed)).toMatchObject({ bookable: false, reason: "closed", reasonText: "Fermé" });

    const outcomes = await parent.reservations.applyChanges({
      changes: [full, closed].map((date) => ({ childId: j.child.Sarah!, activityId: mercredi, date, action: "book" as const })),
    });
    expect(outcomes.find((o) => o.date === full)).toMatchObject({ result: "full" });
    expect(outcomes.find((o) => o.date === closed)).toMatchObject({ result: "refused", message: "Fermé" });
    const after = await planningOf(parent, mercredi);
    expect(after.filter((d) => d.date === full || d.date === closed).map((d) => d.own)).toEqual([null, null]);

    // Reopened, the day is bookable again at once.
    await admin.activities.setDayOverride({ activityId: mercredi, date: closed, capacity: null, closed: false });
    expect((await planningOf(parent, mercredi)).find((d) => d.date === closed)).toMatchObject({ bookable: true, reason: null });
  });

  it("a day past the cantine deadline becomes bookable once the rule is the day before at 10:00", async () => {
    const admin = await callerAs(ADMIN, "jolieville");
    const parent = await callerAs(PARENT, "jolieville");
    const cantine = j.activity.Cantine!;
    const late = (await planningOf(parent, cantine)).find((d) => d.reason === "past_deadline" && d.own === null && d.date >= addDays(today, 2));
    expect(late, "a cantine day 2 to 6 days ahead, past the 6-day deadline").toBeDefined();

    const current = await admin.activities.get({ activityId: cantine });
    const updated = await admin.activities.update({
      activityId: cantine,
      siteId: current.siteId,
      schoolYearId: current.schoolYearId,
      service: current.service,
      name: current.name,
      unit: current.unit,
      weekdays: current.weekdays,
      runsOn: current.runsOn,
      capacity: current.capacity,
      bookingRule: { kind: "days_before", days: 1, time: "10:00" },
      cancelRule: current.cancelRule,
      autoAcceptEnrolment: current.autoAcceptEnrolment,
      classLevels: current.classLevels,
      minAgeMonths: current.minAgeMonths,
      maxAgeMonths: current.maxAgeMonths,
    });
    expect(updated.bookingRuleText).toBe("jusqu'à la veille, 10h00");

    const day = (await planningOf(parent, cantine)).find((d) => d.date === late!.date);
    expect(day).toMatchObject({ bookable: true, reason: null });
    const [outcome] = await parent.reservations.applyChanges({
      changes: [{ childId: j.child.Sarah!, activityId: cantine, date: late!.date, action: "book" }],
    });
    expect(outcome).toMatchObject({ result: "confirmed" });
  });
});
