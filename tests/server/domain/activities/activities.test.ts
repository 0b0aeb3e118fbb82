import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { archiveActivity, createActivity, getActivityDetail, listActivities, updateActivity } from "@/server/domain/activities/activities";
import type { ActivityInput } from "@/server/domain/activities/inputs";
import { createSite, archiveSite } from "@/server/domain/activities/sites";
import { createSchoolYear } from "@/server/domain/calendar/school-calendar";
import { loadDemo } from "../../../fixtures/demo";
import { appError, demoIds, inTenant, snapshot, type DemoIds } from "./helpers";
import { scopeOf } from "../../../fixtures/demo-ids";

let j: DemoIds;
let vf: DemoIds;

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
  vf = await demoIds("val-fleuri");
});

const etude = (): ActivityInput => ({
  siteId: j.site["Accueil périscolaire Jules Ferry"]!,
  schoolYearId: j.year,
  service: "etude",
  name: "Étude du soir",
  unit: "hour",
  weekdays: [5, 1, 2, 4, 1],
  runsOn: "term",
  capacity: 30,
  bookingRule: { kind: "days_before", days: 2, time: "18:00", counting: "open" },
  cancelRule: { kind: "none" },
  classLevels: ["CM2", "CE2", "CM1"],
});

describe("activities", () => {
  it("lists the commune's activities with site, school year and rules in French", async () => {
    const list = await inTenant(j.tenant, (tx) => listActivities(scopeOf(tx, j.tenant)));
    expect(list.map((a) => [a.name, a.siteName, a.yearLabel])).toEqual([
      ["Cantine", "Restaurant scolaire Jules Ferry", "2026-2027"],
      ["Garderie du matin", "Accueil périscolaire Jules Ferry", "2026-2027"],
      ["Garderie du soir", "Accueil périscolaire Jules Ferry", "2026-2027"],
      ["Mercredi loisirs", "Accueil de loisirs Jules Verne", "2026-2027"],
    ]);
    const garderie = list.find((a) => a.name === "Garderie du matin")!;
    expect(garderie).toMatchObject({
      bookingRuleText: "jusqu'à 2 jours ouvrés avant, 18h00",
      cancelRuleText: "comme pour la réservation",
      capacity: 40,
    });
  });

  it("creates an activity, cleaning weekdays and class levels and filling the rule's defaults", async () => {
    const created = await inTenant(j.tenant, (tx) => createActivity(scopeOf(tx, j.tenant), etude()));
    expect(created).toMatchObject({
      name: "Étude du soir",
      service: "etude",
      weekdays: [1, 2, 4, 5],
      classLevels: ["CE2", "CM1", "CM2"],
      capacity: 30,
      autoAcceptEnrolment: false,
      minAgeMonths: null,
      bookingRule: { kind: "days_before", days: 2, time: "18:00", counting: "open", excludedWeekdays: [6, 7], excludePublicHolidays: true },
      cancelRule: { kind: "none" },
      bookingRuleText: "jusqu'à 2 jours ouvrés avant, 18h00",
      cancelRuleText: "annulation en ligne impossible",
      siteName: "Accueil périscolaire Jules Ferry",
      yearLabel: "2026-2027",
      enrolled: 0,
    });
  });

  it("keeps an empty capacity as unlimited and the cancel rule as the booking rule when not given", async () => {
    const { cancelRule: _, ...input } = etude();
    const created = await inTenant(j.tenant, (tx) => createActivity(scopeOf(tx, j.tenant), { ...input, name: "Étude illimitée", capacity: null }));
    expect(created).toMatchObject({ capacity: null, cancelRule: null, cancelRuleText: "comme pour la réservation" });
  });

  it.each([
    ["an empty name", { name: "  " }, "name", "Nom : le nom est obligatoire"],
    ["no weekday", { weekdays: [] }, "weekdays", "Jours de fonctionnement : cochez au moins un jour"],
    ["a weekday 8", { weekdays: [1, 8] }, "weekdays.1", "Jours de fonctionnement : jour de la semaine invalide"],
    ["a negative capacity", { capacity: -1 }, "capacity", "Capacité : nombre entier de places"],
    ["a fractional capacity", { capacity: 2.5 }, "capacity", "Capacité : nombre entier de places"],
    ["a deadline at 24:00", { bookingRule: { kind: "days_before", days: 1, time: "24:00" } }, "bookingRule.time", "Heure limite"],
    ["a deadline of 200 days", { bookingRule: { kind: "days_before", days: 200, time: "10:00" } }, "bookingRule.days", "Nombre de jours"],
    ["an unknown rule kind", { bookingRule: { kind: "someday" } }, "bookingRule.kind", "Type"],
    [
      "no online booking at all",
      { bookingRule: { kind: "none" } },
      "bookingRule",
      "Délai de réservation : la réservation en ligne doit avoir un délai",
    ],
    [
      "a weekday 0 in the cancel rule",
      { cancelRule: { kind: "previous_weekday", weekday: 0, time: "12:00" } },
      "cancelRule.weekday",
      "Jour de la semaine",
    ],
    ["an unknown class level", { classLevels: ["CM3"] }, "classLevels.0", "Classes admises : niveau de classe inconnu"],
    ["ages the wrong way round", { minAgeMonths: 36, maxAgeMonths: 12 }, "maxAgeMonths", "Âge maximum (mois) : l'âge maximum doit être"],
    ["an unknown service", { service: "piscine" }, "service", "Prestation"],
  ])("refuses %s with BAD_REQUEST naming the field in French, and writes nothing", async (_, patch, field, text) => {
    const before = await snapshot();
    const error = await appError(
      inTenant(j.tenant, (tx) => createActivity(scopeOf(tx, j.tenant), { ...etude(), name: "Refusée", ...patch } as ActivityInput)),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.field).toBe(field);
    expect(error.message).toContain(text);
    expect(await snapshot()).toEqual(before);
  });

  it("answers NOT_FOUND for another commune's site or school year, and writes nothing", async () => {
    const before = await snapshot();
    const site = await appError(
      inTenant(j.tenant, (tx) => createActivity(scopeOf(tx, j.tenant), { ...etude(), siteId: vf.site["Cantine Les Lutins Gourmands"]! })),
    );
    expect(site.code).toBe("NOT_FOUND");
    const year = await appError(inTenant(j.tenant, (tx) => createActivity(scopeOf(tx, j.tenant), { ...etude(), schoolYearId: vf.year })));
    expect(year.code).toBe("NOT_FOUND");
    const get = await appError(inTenant(j.tenant, (tx) => getActivityDetail(scopeOf(tx, j.tenant), { activityId: vf.activity.Cantine! })));
    expect(get.code).toBe("NOT_FOUND");
    const update = await appError(inTenant(j.tenant, (tx) => updateActivity(scopeOf(tx, j.tenant), { ...etude(), activityId: vf.activity.Cantine! })));
    expect(update.code).toBe("NOT_FOUND");
    const archive = await appError(inTenant(j.tenant, (tx) => archiveActivity(scopeOf(tx, j.tenant), { activityId: vf.activity.Cantine!, archived: true })));
    expect(archive.code).toBe("NOT_FOUND");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a new activity on an archived site, and a duplicate name", async () => {
    const closed = await inTenant(j.tenant, async (tx) => {
      const site = await createSite(scopeOf(tx, j.tenant), { name: "Ancienne cantine" });
      return archiveSite(scopeOf(tx, j.tenant), { siteId: site.id, archived: true });
    });
    const archived = await appError(inTenant(j.tenant, (tx) => createActivity(scopeOf(tx, j.tenant), { ...etude(), name: "Ailleurs", siteId: closed.id })));
    expect(archived).toMatchObject({ code: "BAD_REQUEST", field: "siteId", message: expect.stringContaining("Site : ce site est archivé") });
    const duplicate = await appError(inTenant(j.tenant, (tx) => createActivity(scopeOf(tx, j.tenant), { ...etude(), name: "étude du soir" })));
    expect(duplicate).toMatchObject({ code: "CONFLICT", field: "name" });
  });

  it("updates every setting of an activity", async () => {
    const id = j.activity["Mercredi loisirs"]!;
    const current = await inTenant(j.tenant, (tx) => getActivityDetail(scopeOf(tx, j.tenant), { activityId: id }));
    expect(current.enrolled).toBe(3);
    const updated = await inTenant(j.tenant, (tx) =>
      updateActivity(scopeOf(tx, j.tenant), {
        activityId: id,
        siteId: current.siteId,
        schoolYearId: current.schoolYearId,
        service: "mercredi",
        name: "Mercredis récréatifs",
        unit: "half_day",
        weekdays: [3],
        runsOn: "term",
        capacity: 30,
        bookingRule: { kind: "previous_weekday", weekday: 5, time: "12:00" },
        cancelRule: { kind: "days_before", days: 2, time: "10:00" },
        autoAcceptEnrolment: true,
        classLevels: [],
        minAgeMonths: 36,
        maxAgeMonths: 144,
      }),
    );
    expect(updated).toMatchObject({
      name: "Mercredis récréatifs",
      unit: "half_day",
      capacity: 30,
      bookingRuleText: "jusqu'au vendredi précédent, 12h00",
      cancelRuleText: "jusqu'à 2 jours avant, 10h00",
      minAgeMonths: 36,
      maxAgeMonths: 144,
    });
    const [row] = await withPlatform((tx) =>
      tx
        .select()
        .from(activities)
        .where(and(eq(activities.tenantId, j.tenant.id), eq(activities.id, id))),
    );
    expect(row!.bookingRule).toEqual({ kind: "previous_weekday", weekday: 5, time: "12:00" });
  });

  it("refuses to move an activity with enrolled children to another school year", async () => {
    const next = await inTenant(j.tenant, (tx) =>
      createSchoolYear(scopeOf(tx, j.tenant), { label: "2027-2028", startDate: "2027-09-01", endDate: "2028-07-07" }),
    );
    const id = j.activity.Cantine!;
    const current = await inTenant(j.tenant, (tx) => getActivityDetail(scopeOf(tx, j.tenant), { activityId: id }));
    const { id: _, ...rest } = current;
    const error = await appError(
      inTenant(j.tenant, (tx) =>
        updateActivity(scopeOf(tx, j.tenant), {
          ...rest,
          activityId: id,
          schoolYearId: next.schoolYear.id,
        }),
      ),
    );
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      field: "schoolYearId",
      message: expect.stringContaining("Année scolaire : des enfants sont déjà inscrits"),
    });
  });

  it("archives an activity and brings it back", async () => {
    const id = j.activity["Garderie du soir"]!;
    expect(await inTenant(j.tenant, (tx) => archiveActivity(scopeOf(tx, j.tenant), { activityId: id, archived: true }))).toMatchObject({ archived: true });
    const list = await inTenant(j.tenant, (tx) => listActivities(scopeOf(tx, j.tenant)));
    expect(list.find((a) => a.id === id)?.archived).toBe(true);
    expect(await inTenant(j.tenant, (tx) => archiveActivity(scopeOf(tx, j.tenant), { activityId: id, archived: false }))).toMatchObject({ archived: false });
  });
});
