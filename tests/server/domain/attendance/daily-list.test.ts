import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setChildPhoto } from "@/server/domain/family/child-photo";
import { staffActor } from "@/server/domain/scope";
import { attendance } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { dailyList } from "@/server/domain/attendance/daily-list";
import { enrolledNotBooked, markAttendance, unmarkAttendance, type MarkInput } from "@/server/domain/attendance/marking";
import { messages } from "@/common/messages";
import { loadDemo, userId } from "../../../fixtures/demo";
import { book, demoIds, scopeOf, staffAs } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;
let animateur: string;
const THURSDAY = "2026-12-03";
const WEDNESDAY = "2026-12-09";

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  animateur = await userId("animateur@jolieville.test");
  const cantine = (child: string) => ({ childId: d.ids[child]!, activityId: d.ids.Cantine!, date: THURSDAY, action: "book" as const });
  await book(d.jolieville, d.parent, [cantine("Sarah"), cantine("Chloé")]);
  await book(d.jolieville, d.voisin, [cantine("Tom")]);
  await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids["Mercredi loisirs"]!, date: WEDNESDAY, action: "book" }]);
  // A cancelled booking is not expected.
  await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: "2026-12-04", action: "book" }]);
  await book(d.jolieville, d.parent, [{ childId: d.ids.Sarah!, activityId: d.ids.Cantine!, date: "2026-12-04", action: "cancel" }]);
});

const list = (site: string, date: string) => withTenant(d.jolieville.id, (tx) => dailyList(scopeOf(tx, d.jolieville), { siteId: d.ids[site]!, date }));
const mark = (input: Omit<MarkInput, "activityId"> & { activity?: string }, today = "2026-12-31") =>
  withTenant(d.jolieville.id, (tx) =>
    markAttendance(scopeOf(tx, d.jolieville, staffAs(animateur), new Date(`${today}T12:00:00Z`)), { activityId: d.ids[input.activity ?? "Cantine"]!, date: input.date, childId: input.childId, status: input.status }),
  );

describe("the daily list", () => {
  it("shows the children booked that day with class, PAI and allergy flags, diet and pickup persons", async () => {
    const day = await list("Restaurant scolaire Jules Ferry", THURSDAY);
    expect(day.site.name).toBe("Restaurant scolaire Jules Ferry");
    expect(day.activities.map((a) => a.name)).toEqual(["Cantine"]);
    const [cantine] = day.activities;
    expect(cantine!.runs).toBe(true);
    expect(cantine!.expected.map((c) => `${c.firstName} ${c.lastName}`)).toEqual(["Tom Durand", "Chloé Martin", "Sarah Martin"]);
    const chloe = cantine!.expected.find((c) => c.firstName === "Chloé")!;
    expect(chloe).toMatchObject({ classLevel: "CE1", allergies: "Arachide (sévère)", hasPai: true, photoFileId: null, status: null, diet: "standard" });
    expect(chloe.pickups).toEqual([{ name: "Jeanne Martin", relationship: "grand-mère", phone: "06 55 44 33 22" }]);
    const tom = cantine!.expected.find((c) => c.firstName === "Tom")!;
    expect(tom).toMatchObject({ hasPai: false, allergies: null, diet: "vegetarien", pickups: [] });
    expect(cantine!.counts).toEqual({ expected: 3, present: 0, absent: 0, excused: 0, unbookedPresent: 0, unmarked: 3 });
  });

  it("lists only that site's activities, and those that run that day or have children", async () => {
    // Jules Verne on a Thursday: the Wednesday club neither runs nor has anyone.
    expect((await list("Accueil de loisirs Jules Verne", THURSDAY)).activities).toEqual([]);
    // The canteen does not run on Wednesdays: Tom's Wednesday booking is not on its list.
    expect((await list("Restaurant scolaire Jules Ferry", "2026-12-16")).activities).toEqual([]);
    const verne = await list("Accueil de loisirs Jules Verne", "2026-12-16");
    expect(verne.activities.map((a) => [a.name, a.expected.map((c) => c.firstName)])).toEqual([["Mercredi loisirs", ["Tom"]]]);
    const wednesday = await list("Accueil de loisirs Jules Verne", WEDNESDAY);
    expect(wednesday.activities[0]!.expected.map((c) => c.firstName)).toEqual(["Sarah"]);
    // The after-school site runs its two activities on Thursday, with nobody booked.
    const peri = await list("Accueil périscolaire Jules Ferry", THURSDAY);
    expect(peri.activities.map((a) => [a.name, a.runs, a.expected.length])).toEqual([
      ["Garderie du matin", true, 0],
      ["Garderie du soir", true, 0],
    ]);
    // During the Christmas holidays nothing runs.
    expect((await list("Restaurant scolaire Jules Ferry", "2026-12-22")).activities).toEqual([]);
    // A cancelled booking is not expected.
    expect((await list("Restaurant scolaire Jules Ferry", "2026-12-04")).activities[0]!.expected).toEqual([]);
  });

  it("never opens another commune's site", async () => {
    await expect(withTenant(d.jolieville.id, (tx) => dailyList(scopeOf(tx, d.jolieville), { siteId: d.ids["Cantine Les Lutins Gourmands"]!, date: THURSDAY }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("attendance marking", () => {
  it("marks a booked child present, absent or excused, one row per child and day, and counts it", async () => {
    await mark({ childId: d.ids.Sarah!, date: THURSDAY, status: "present" });
    await mark({ childId: d.ids.Chloé!, date: THURSDAY, status: "absent" });
    await mark({ childId: d.ids.Chloé!, date: THURSDAY, status: "excused" });
    const rows = await withPlatform((tx) => tx.select().from(attendance).where(eq(attendance.date, THURSDAY)));
    expect(rows.map((r) => [r.childId, r.status, r.markedBy])).toEqual(
      expect.arrayContaining([
        [d.ids.Sarah, "present", animateur],
        [d.ids.Chloé, "excused", animateur],
      ]),
    );
    expect(rows).toHaveLength(2);
    const [cantine] = (await list("Restaurant scolaire Jules Ferry", THURSDAY)).activities;
    expect(cantine!.counts).toEqual({ expected: 3, present: 1, absent: 0, excused: 1, unbookedPresent: 0, unmarked: 1 });
    expect(cantine!.expected.find((c) => c.firstName === "Sarah")!.status).toBe("present");
  });

  it("refuses present, absent or excused for a child not booked that day, in French", async () => {
    for (const status of ["present", "absent", "excused"] as const) {
      await expect(mark({ childId: d.ids.Tom!, date: WEDNESDAY, status, activity: "Mercredi loisirs" })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: messages.attendance.notBooked,
        field: "status",
      });
    }
  });

  it("records a present-without-booking only for a child enrolled and not booked", async () => {
    await expect(mark({ childId: d.ids.Sarah!, date: WEDNESDAY, status: "unbooked_present", activity: "Mercredi loisirs" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.attendance.alreadyBooked,
    });
    await expect(mark({ childId: d.ids.Tom!, date: THURSDAY, status: "unbooked_present", activity: "Garderie du matin" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.attendance.notEnrolled,
    });
    const before = await withTenant(d.jolieville.id, (tx) => enrolledNotBooked(scopeOf(tx, d.jolieville), { activityId: d.ids["Mercredi loisirs"]!, date: WEDNESDAY }));
    expect(before.map((c) => c.firstName)).toEqual(["Tom", "Chloé"]);
    await mark({ childId: d.ids.Tom!, date: WEDNESDAY, status: "unbooked_present", activity: "Mercredi loisirs" });
    const after = await withTenant(d.jolieville.id, (tx) => enrolledNotBooked(scopeOf(tx, d.jolieville), { activityId: d.ids["Mercredi loisirs"]!, date: WEDNESDAY }));
    expect(after.map((c) => c.firstName)).toEqual(["Chloé"]);
    const [club] = (await list("Accueil de loisirs Jules Verne", WEDNESDAY)).activities;
    expect(club!.others.map((c) => [c.firstName, c.status, c.bookingId])).toEqual([["Tom", "unbooked_present", null]]);
    expect(club!.counts).toMatchObject({ expected: 1, present: 1, unbookedPresent: 1, unmarked: 1 });
  });

  it("cannot point a day still to come, nor another commune's child or activity", async () => {
    await expect(mark({ childId: d.ids.Sarah!, date: THURSDAY, status: "present" }, "2026-12-02")).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: messages.attendance.futureDay,
      field: "date",
    });
    await expect(mark({ childId: d.ids.Louise!, date: THURSDAY, status: "unbooked_present" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      withTenant(d.jolieville.id, (tx) =>
        markAttendance(scopeOf(tx, d.jolieville, staffAs(animateur), new Date("2026-12-31T12:00:00Z")), { activityId: d.ids["vf:Cantine"]!, childId: d.ids.Sarah!, date: THURSDAY, status: "present" }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("clears a pointage entered by mistake", async () => {
    const removed = await withTenant(d.jolieville.id, (tx) =>
      unmarkAttendance(scopeOf(tx, d.jolieville, undefined, new Date("2026-12-31T12:00:00Z")), { activityId: d.ids["Mercredi loisirs"]!, date: WEDNESDAY, childId: d.ids.Tom! }),
    );
    expect(removed).toEqual({ removed: 1 });
    const rows = await withPlatform((tx) =>
      tx.select().from(attendance).where(and(eq(attendance.childId, d.ids.Tom!), eq(attendance.date, WEDNESDAY))),
    );
    expect(rows).toEqual([]);
  });

  it("shows a photo when the family file has one", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).toString("base64");
    const { photoFileId } = await setChildPhoto(
      { tenant: d.jolieville, actor: staffActor(d.parent.userId!, ["agent"]), now: new Date() },
      { childId: d.ids.Tom!, photo: { name: "tom.png", type: "image/png", base64: png } },
    );
    const [cantine] = (await list("Restaurant scolaire Jules Ferry", THURSDAY)).activities;
    expect(cantine!.expected.find((c) => c.firstName === "Tom")!.photoFileId).toBe(photoFileId);
  });
});
