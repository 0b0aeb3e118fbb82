import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, children, emailOutbox, enrolments, schoolYears, sites } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import type { DeadlineRule } from "@/common/deadline-rule";
import { requestEnrolment } from "@/server/domain/booking/enrolments";
import { enrolableActivities } from "@/server/domain/booking/planning";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { demoIds, scopeOf } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;
const now = new Date("2026-11-25T10:00:00Z");
const act: Record<string, string> = {};
const kid: Record<string, string> = {};
const text = messages.enrolments;

const parent = () => callerAs("parent@recre.test", "jolieville");
const voisin = () => callerAs("voisin@recre.test", "jolieville");
const agent = () => callerAs("agent@jolieville.test", "jolieville");

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
  const j = d.jolieville.id;
  await withTenant(j, async (tx) => {
    const [year] = await tx.select().from(schoolYears).where(eq(schoolYears.tenantId, j));
    const [site] = await tx.select().from(sites).where(and(eq(sites.tenantId, j), eq(sites.name, "Accueil périscolaire Jules Ferry")));
    const [nextYear] = await tx.insert(schoolYears).values({ tenantId: j, label: "2027-2028", startDate: "2027-09-01", endDate: "2028-07-07" }).returning();
    const rule: DeadlineRule = { kind: "days_before", days: 2, time: "18:00", counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true };
    const base = { tenantId: j, siteId: site!.id, schoolYearId: year!.id, weekdays: [1, 2, 4, 5], runsOn: "term" as const, bookingRule: rule };
    const rows = await tx
      .insert(activities)
      .values([
        { ...base, service: "etude", name: "Étude surveillée", unit: "hour", capacity: 20, classLevels: ["CE2", "CM1", "CM2"] },
        { ...base, service: "petite_enfance", name: "Multi-accueil", unit: "hour", capacity: 12, minAgeMonths: 3, maxAgeMonths: 36 },
        { ...base, schoolYearId: nextYear!.id, service: "petite_enfance", name: "Bébés nageurs 2027", unit: "hour", capacity: 8, maxAgeMonths: 12 },
      ] satisfies (typeof activities.$inferInsert)[])
      .returning({ id: activities.id, name: activities.name });
    for (const r of rows) act[r.name] = r.id;
    // Babies of the Martin household: three months tomorrow, three months today, and four months old.
    const babies = await tx
      .insert(children)
      .values(
        [
          ["Léo", "2026-08-26"],
          ["Lina", "2026-08-25"],
          ["Noé", "2026-07-15"],
        ].map(([firstName, birthDate]) => ({ tenantId: j, householdId: d.ids["JOL-00042"]!, firstName: firstName!, lastName: "Martin", birthDate: birthDate! })),
      )
      .returning({ id: children.id, firstName: children.firstName });
    for (const b of babies) kid[b.firstName] = b.id;
  });
});

const rowsOf = (childId: string, activityId: string) =>
  withPlatform((tx) => tx.select().from(enrolments).where(and(eq(enrolments.childId, childId), eq(enrolments.activityId, activityId))));
const parentRequests = async (childId: string, activityId: string) =>
  withTenant(d.jolieville.id, (tx) => requestEnrolment(scopeOf(tx, d.jolieville, d.parent, now), { childId, activityId }));

describe("a family asking to enrol a child", () => {
  it("waits for the town hall when the activity does not accept on its own, and the parent sees it pending", async () => {
    const created = await (await parent()).reservations.requestEnrolment({ childId: d.ids.Sarah!, activityId: act["Étude surveillée"]! });
    expect(created).toMatchObject({ status: "pending", decidedAt: null, decidedBy: null, requestedBy: d.parent.userId });
    const mine = await (await parent()).reservations.enrolments();
    expect(mine.find((e) => e.activityId === act["Étude surveillée"])).toMatchObject({ childName: "Sarah", status: "pending", refusalReason: null });
    const queue = await (await agent()).enrolments.list({ status: "pending" });
    expect(queue.map((e) => [e.childName, e.activityName])).toEqual([["Sarah", "Étude surveillée"]]);
  });

  it("refuses a second request for the same child and activity while one is pending, and writes nothing", async () => {
    await expect((await parent()).reservations.requestEnrolment({ childId: d.ids.Sarah!, activityId: act["Étude surveillée"]! })).rejects.toMatchObject({
      code: "CONFLICT",
      message: text.alreadyPending("Sarah", "Étude surveillée"),
    });
    expect(await rowsOf(d.ids.Sarah!, act["Étude surveillée"]!)).toHaveLength(1);
  });

  it("is accepted at once when the activity accepts on its own", async () => {
    const created = await (await voisin()).reservations.requestEnrolment({ childId: d.ids.Tom!, activityId: d.ids["Garderie du matin"]! });
    expect(created).toMatchObject({ status: "accepted", decidedBy: null });
    expect(created.decidedAt).toBeInstanceOf(Date);
    await expect((await voisin()).reservations.requestEnrolment({ childId: d.ids.Tom!, activityId: d.ids["Garderie du matin"]! })).rejects.toMatchObject({
      code: "CONFLICT",
      message: text.alreadyAccepted("Tom", "Garderie du matin"),
    });
  });

  it("refuses a class level the activity does not take, naming the levels it does", async () => {
    await expect(parentRequests(d.ids["Chloé"]!, act["Étude surveillée"]!)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "activityId",
      message: "Cette activité est réservée aux classes : CE2, CM1, CM2.",
    });
    expect(await rowsOf(d.ids["Chloé"]!, act["Étude surveillée"]!)).toEqual([]);
  });

  it("counts the age in completed months: three months tomorrow is too young, three months today is welcome", async () => {
    await expect(parentRequests(kid["Léo"]!, act["Multi-accueil"]!)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "activityId",
      message: "Léo a 2 mois au 25 novembre 2026 : cette activité accueille les enfants de 3 mois à 3 ans.",
    });
    await expect(parentRequests(kid["Lina"]!, act["Multi-accueil"]!)).resolves.toMatchObject({ status: "pending" });
    expect(await rowsOf(kid["Léo"]!, act["Multi-accueil"]!)).toEqual([]);
  });

  it("refuses a child older than the maximum", async () => {
    await expect(parentRequests(d.ids.Sarah!, act["Multi-accueil"]!)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Sarah a 9 ans et 8 mois au 25 novembre 2026 : cette activité accueille les enfants de 3 mois à 3 ans.",
    });
  });

  it("takes the age on the first day of a coming school year", async () => {
    // Noé is 4 months old today but 13 months on 1 September 2027; Lina 12 months that day.
    await expect(parentRequests(kid["Noé"]!, act["Bébés nageurs 2027"]!)).rejects.toMatchObject({
      message: "Noé a 1 an et 1 mois au 1er septembre 2027 : cette activité accueille les enfants jusqu'à 1 an.",
    });
    await expect(parentRequests(kid["Lina"]!, act["Bébés nageurs 2027"]!)).resolves.toMatchObject({ status: "pending" });
  });

  it("never lets a parent enrol, nor see, another family's child", async () => {
    await expect((await voisin()).reservations.requestEnrolment({ childId: d.ids["Chloé"]!, activityId: act["Étude surveillée"]! })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await rowsOf(d.ids["Chloé"]!, act["Étude surveillée"]!)).toEqual([]);
    const theirs = await (await voisin()).reservations.enrolments();
    expect(new Set(theirs.map((e) => e.childName))).toEqual(new Set(["Tom"]));
  });
});

describe("the town hall deciding", () => {
  const pendingOf = async (childName: string, activityName: string) =>
    (await (await agent()).enrolments.list({ status: "pending" })).find((e) => e.childName === childName && e.activityName === activityName)!;

  it("accepts: the parent sees it accepted, is told by e-mail, and the planning offers its days", async () => {
    const request = await pendingOf("Sarah", "Étude surveillée");
    const decided = await (await agent()).enrolments.decide({ enrolmentId: request.id, decision: "accepted" });
    expect(decided).toMatchObject({ status: "accepted", refusalReason: null, decidedBy: d.agent.userId });
    const mine = await (await parent()).reservations.enrolments();
    expect(mine.find((e) => e.id === request.id)!.status).toBe("accepted");
    const mails = await withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.template, "enrolment-decided")));
    expect(mails.map((m) => [m.to, m.subject])).toEqual([["parent@recre.test", "Inscription de Sarah acceptée"]]);
    const planning = await (await parent()).reservations.planning({ childId: d.ids.Sarah!, from: "2026-12-07", to: "2026-12-11" });
    const etude = planning.activities.find((a) => a.id === act["Étude surveillée"])!;
    expect(etude.enrolment).toBe("accepted");
    expect(etude.days.find((day) => day.date === "2026-12-07")).toMatchObject({ bookable: true, reason: null });
  });

  it("cannot decide the same request twice", async () => {
    const [row] = await rowsOf(d.ids.Sarah!, act["Étude surveillée"]!);
    await expect((await agent()).enrolments.decide({ enrolmentId: row!.id, decision: "refused", reason: "Complet" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: text.alreadyDecided,
    });
    expect((await rowsOf(d.ids.Sarah!, act["Étude surveillée"]!))[0]!.status).toBe("accepted");
  });

  it("refuses only with a reason, which the family then reads", async () => {
    await (await voisin()).reservations.requestEnrolment({ childId: d.ids.Tom!, activityId: act["Étude surveillée"]! });
    const request = await pendingOf("Tom", "Étude surveillée");
    for (const reason of [undefined, "   "]) {
      await expect((await agent()).enrolments.decide({ enrolmentId: request.id, decision: "refused", reason })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: text.reasonRequired,
      });
    }
    expect((await rowsOf(d.ids.Tom!, act["Étude surveillée"]!))[0]!.status).toBe("pending");
    await (await agent()).enrolments.decide({ enrolmentId: request.id, decision: "refused", reason: " Groupe complet jusqu'en janvier " });
    const theirs = await (await voisin()).reservations.enrolments();
    expect(theirs.find((e) => e.id === request.id)).toMatchObject({ status: "refused", refusalReason: "Groupe complet jusqu'en janvier" });
    const mails = await withPlatform((tx) => tx.select().from(emailOutbox).where(and(eq(emailOutbox.template, "enrolment-decided"), eq(emailOutbox.to, "voisin@recre.test"))));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Groupe complet jusqu'en janvier");
    // A refused activity is not on the planning.
    const planning = await (await voisin()).reservations.planning({ childId: d.ids.Tom!, from: "2026-12-07", to: "2026-12-11" });
    expect(planning.activities.map((a) => a.id)).not.toContain(act["Étude surveillée"]);
  });

  it("lets the family ask again after a refusal", async () => {
    const again = await (await voisin()).reservations.requestEnrolment({ childId: d.ids.Tom!, activityId: act["Étude surveillée"]! });
    expect(again).toMatchObject({ status: "pending", refusalReason: null, decidedAt: null, decidedBy: null });
    expect(await rowsOf(d.ids.Tom!, act["Étude surveillée"]!)).toHaveLength(1);
  });

  it("is closed to another commune's staff and to parents", async () => {
    const request = await pendingOf("Tom", "Étude surveillée");
    const elsewhere = await callerAs("admin@val-fleuri.test", "val-fleuri");
    await expect(elsewhere.enrolments.decide({ enrolmentId: request.id, decision: "accepted" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await voisin()).enrolments.decide({ enrolmentId: request.id, decision: "accepted" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await rowsOf(d.ids.Tom!, act["Étude surveillée"]!))[0]!.status).toBe("pending");
  });
});

describe("enrolling in July, after the last school day", () => {
  const july = new Date("2027-07-10T08:00:00Z");
  const request = (activityId: string) => withTenant(d.valFleuri.id, (tx) => requestEnrolment(scopeOf(tx, d.valFleuri, d.parentValFleuri, july), { childId: d.ids.Louise!, activityId }));

  it("still takes children for the summer centre that the family is offered", async () => {
    const vacances = d.ids["vf:Centre de loisirs des vacances"]!;
    const offered = await withTenant(d.valFleuri.id, (tx) => enrolableActivities(scopeOf(tx, d.valFleuri, undefined, new Date("2027-07-10T10:00:00Z"))));
    expect(offered.map((a) => a.id)).toContain(vacances);
    await expect(request(vacances)).resolves.toMatchObject({ childId: d.ids.Louise!, activityId: vacances });
  });

  it("says a term-time activity is over, as it is no longer offered", async () => {
    const cantine = d.ids["vf:Cantine"]!;
    const offered = await withTenant(d.valFleuri.id, (tx) => enrolableActivities(scopeOf(tx, d.valFleuri, undefined, new Date("2027-07-10T10:00:00Z"))));
    expect(offered.map((a) => a.id)).not.toContain(cantine);
    await expect(request(cantine)).rejects.toMatchObject({ code: "BAD_REQUEST", field: "activityId", message: text.yearOver });
  });
});
