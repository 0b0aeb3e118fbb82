import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../fixtures/demo";
import { book, demoIds } from "../../fixtures/demo-ids";
import { callHttp } from "../../fixtures/http";

type Caller = Awaited<ReturnType<typeof callerAs>>;

let d: Awaited<ReturnType<typeof demoIds>>;
const THURSDAY = "2026-12-03";
const notFound = { code: "NOT_FOUND", message: messages.errors.NOT_FOUND };

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  const cantine = (child: string) => ({ childId: d.ids[child]!, activityId: d.ids.Cantine!, date: THURSDAY, action: "book" as const });
  await book(d.jolieville, d.parent, [cantine("Sarah"), cantine("Chloé")]);
  await book(d.jolieville, d.voisin, [cantine("Tom")]);
  // The procedures read the business clock: it is Thursday 3 December, 10:00 in Paris.
  vi.stubEnv("RECRE_NOW", "2026-12-03T10:00:00+01:00");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

/** One harmless, well-formed call per attendance procedure. */
const attendanceCalls: Record<string, (c: Caller) => Promise<unknown>> = {
  "attendance.sites": (c) => c.attendance.sites(),
  "attendance.dailyList": (c) => c.attendance.dailyList({ siteId: d.ids["Restaurant scolaire Jules Ferry"]!, date: THURSDAY }),
  "attendance.mark": (c) => c.attendance.mark({ activityId: d.ids.Cantine!, date: THURSDAY, childId: d.ids.Sarah!, status: "present" }),
  "attendance.unmark": (c) => c.attendance.unmark({ activityId: d.ids.Cantine!, date: THURSDAY, childId: d.ids.Tom! }),
  "attendance.enrolledNotBooked": (c) => c.attendance.enrolledNotBooked({ activityId: d.ids["Mercredi loisirs"]!, date: "2026-12-02" }),
  "attendance.mealCounts": (c) => c.attendance.mealCounts({ from: "2026-11-30", to: "2026-12-06" }),
};
const paths = Object.keys(attendanceCalls);

async function outcomes(caller: Caller, list: Record<string, (c: Caller) => Promise<unknown>>) {
  const entries = await Promise.all(
    Object.entries(list).map(async ([p, call]) => [p, await call(caller).then(() => "ok", (e: { code?: string }) => e.code ?? "?")] as const),
  );
  return Object.fromEntries(entries);
}
const every = (list: string[], code: string) => Object.fromEntries(list.map((p) => [p, code]));

describe("who may use the site lists", () => {
  it("opens them to the site agent, the front desk and the admin of the commune", async () => {
    for (const email of ["animateur@jolieville.test", "agent@jolieville.test", "admin@jolieville.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), attendanceCalls)).toEqual(every(paths, "ok"));
    }
  });

  it("is NOT_FOUND for a site agent in another commune, and for parents, anonymous callers get UNAUTHORIZED", async () => {
    expect(await outcomes(await callerAs("animateur@jolieville.test", "val-fleuri"), attendanceCalls)).toEqual(every(paths, "NOT_FOUND"));
    expect(await outcomes(await callerAs("admin@val-fleuri.test", "jolieville"), attendanceCalls)).toEqual(every(paths, "NOT_FOUND"));
    for (const email of ["parent@recre.test", "voisin@recre.test"]) {
      expect(await outcomes(await callerAs(email, "jolieville"), attendanceCalls)).toEqual(every(paths, "NOT_FOUND"));
    }
    expect(await outcomes(await callerAs(null, "jolieville"), attendanceCalls)).toEqual(every(paths, "UNAUTHORIZED"));
  });

  it("keeps a site agent out of family and admin procedures", async () => {
    const animateur = await callerAs("animateur@jolieville.test", "jolieville");
    const closed: Record<string, (c: Caller) => Promise<unknown>> = {
      "family.myFamily": (c) => c.family.myFamily(),
      "reservations.children": (c) => c.reservations.children(),
      "households.list": (c) => c.households.list(),
      "households.get": (c) => c.households.get({ householdId: d.ids["JOL-00042"]! }),
      "calendarFeed.status": (c) => c.calendarFeed.status(),
      "calendarFeed.create": (c) => c.calendarFeed.create({ householdId: d.ids["JOL-00042"]! }),
      "absences.mine": (c) => c.absences.mine(),
      "absences.list": (c) => c.absences.list({ status: "pending" }),
      "absences.review": (c) => c.absences.review({ reportId: d.ids["JOL-00042"]!, decision: "accepted" }),
    };
    expect(await outcomes(animateur, closed)).toEqual(every(Object.keys(closed), "NOT_FOUND"));
    await expect(animateur.households.list()).rejects.toMatchObject(notFound);
  });

  it("never shows another commune's site, even by its id", async () => {
    const animateur = await callerAs("animateur@jolieville.test", "jolieville");
    await expect(animateur.attendance.dailyList({ siteId: d.ids["Cantine Les Lutins Gourmands"]!, date: THURSDAY })).rejects.toMatchObject(notFound);
    const { sites } = await animateur.attendance.sites();
    expect(sites.map((s) => s.name)).toEqual(["Accueil de loisirs Jules Verne", "Accueil périscolaire Jules Ferry", "Restaurant scolaire Jules Ferry"]);
  });
});

describe("pointing through the procedures", () => {
  it("marks today in the commune's time zone, and refuses tomorrow in French", async () => {
    const animateur = await callerAs("animateur@jolieville.test", "jolieville");
    await animateur.attendance.mark({ activityId: d.ids.Cantine!, date: THURSDAY, childId: d.ids.Chloé!, status: "absent" });
    const list = await animateur.attendance.dailyList({ siteId: d.ids["Restaurant scolaire Jules Ferry"]!, date: THURSDAY });
    expect(list.today).toBe(THURSDAY);
    expect(list.activities[0]!.expected.find((c) => c.firstName === "Chloé")).toMatchObject({ status: "absent", hasPai: true, allergies: "Arachide (sévère)" });
    await expect(animateur.attendance.mark({ activityId: d.ids.Cantine!, date: "2026-12-04", childId: d.ids.Chloé!, status: "present" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.attendance.futureDay,
    });
  });

  it("names the wrong field in French", async () => {
    const { status, error } = await callHttp(
      "attendance.mark",
      { activityId: d.ids.Cantine, date: "2026-13-45", childId: d.ids.Sarah, status: "present" },
      { as: "animateur@jolieville.test", commune: "jolieville" },
    );
    expect(status).toBe(400);
    expect(Object.keys(error!.data.fieldErrors)).toEqual(["date"]);
    expect(error!.message).toContain(`${messages.fields.date} :`);
    const notBooked = await callHttp(
      "attendance.mark",
      { activityId: d.ids["Mercredi loisirs"], date: "2026-12-02", childId: d.ids.Tom, status: "present" },
      { as: "animateur@jolieville.test", commune: "jolieville" },
    );
    expect(notBooked.error).toMatchObject({ message: messages.attendance.notBooked, data: { code: "BAD_REQUEST", field: "status" } });
  });
});
