import { beforeAll, describe, expect, it } from "vitest";
import { archiveActivity } from "@/server/domain/activities/activities";
import { archiveSite, createSite, listSites, updateSite } from "@/server/domain/activities/sites";
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

describe("sites", () => {
  it("lists the commune's sites only, by name, with their live activities", async () => {
    const list = await inTenant(j.tenant, (tx) => listSites(scopeOf(tx, j.tenant)));
    expect(list.map((s) => [s.name, s.activeActivities, s.archived])).toEqual([
      ["Accueil de loisirs Jules Verne", 1, false],
      ["Accueil périscolaire Jules Ferry", 2, false],
      ["Restaurant scolaire Jules Ferry", 1, false],
    ]);
  });

  it("creates a site with a trimmed name and address", async () => {
    const site = await inTenant(j.tenant, (tx) =>
      createSite(scopeOf(tx, j.tenant), { name: "  Cantine Les Lutins Gourmands ", address: " 3 rue des Écoles " }),
    );
    expect(site).toMatchObject({ name: "Cantine Les Lutins Gourmands", address: "3 rue des Écoles", archived: false });
    // The same name in another commune is no conflict: it already exists in Val-Fleuri.
    expect(vf.site["Cantine Les Lutins Gourmands"]).toBeDefined();
  });

  it("refuses an empty name naming the field, a name already used, and writes nothing", async () => {
    const before = await snapshot();
    const empty = await appError(inTenant(j.tenant, (tx) => createSite(scopeOf(tx, j.tenant), { name: "   " })));
    expect(empty).toMatchObject({ code: "BAD_REQUEST", field: "name", message: "Nom : le nom est obligatoire" });
    const taken = await appError(inTenant(j.tenant, (tx) => createSite(scopeOf(tx, j.tenant), { name: "accueil de loisirs jules verne" })));
    expect(taken).toMatchObject({ code: "CONFLICT", field: "name", message: "Un site porte déjà ce nom." });
    expect(await snapshot()).toEqual(before);
  });

  it("renames a site and changes its address", async () => {
    const site = await inTenant(j.tenant, (tx) =>
      updateSite(scopeOf(tx, j.tenant), { ...{ name: "ALSH Jules Verne", address: "17 avenue des Sports" }, siteId: j.site["Accueil de loisirs Jules Verne"]! }),
    );
    expect(site).toMatchObject({ name: "ALSH Jules Verne", address: "17 avenue des Sports" });
  });

  it("answers NOT_FOUND for another commune's site", async () => {
    const before = await snapshot();
    const other = vf.site["Accueil de loisirs Les Oliviers"]!;
    expect(await appError(inTenant(j.tenant, (tx) => updateSite(scopeOf(tx, j.tenant), { ...{ name: "Pris" }, siteId: other })))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appError(inTenant(j.tenant, (tx) => archiveSite(scopeOf(tx, j.tenant), { siteId: other, archived: true })))).toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
  });

  it("archives a site only once its activities are archived, and brings it back", async () => {
    const site = j.site["Restaurant scolaire Jules Ferry"]!;
    const busy = await appError(inTenant(j.tenant, (tx) => archiveSite(scopeOf(tx, j.tenant), { siteId: site, archived: true })));
    expect(busy).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("1 activité en cours") });

    await inTenant(j.tenant, (tx) => archiveActivity(scopeOf(tx, j.tenant), { activityId: j.activity.Cantine!, archived: true }));
    expect(await inTenant(j.tenant, (tx) => archiveSite(scopeOf(tx, j.tenant), { siteId: site, archived: true }))).toMatchObject({ archived: true });
    const list = await inTenant(j.tenant, (tx) => listSites(scopeOf(tx, j.tenant)));
    expect(list.at(-1)).toMatchObject({ name: "Restaurant scolaire Jules Ferry", archived: true });

    // An activity cannot come back to an archived site…
    const back = await appError(inTenant(j.tenant, (tx) => archiveActivity(scopeOf(tx, j.tenant), { activityId: j.activity.Cantine!, archived: false })));
    expect(back).toMatchObject({ code: "BAD_REQUEST", field: "siteId" });
    // …until the site itself is back.
    await inTenant(j.tenant, (tx) => archiveSite(scopeOf(tx, j.tenant), { siteId: site, archived: false }));
    expect(await inTenant(j.tenant, (tx) => archiveActivity(scopeOf(tx, j.tenant), { activityId: j.activity.Cantine!, archived: false }))).toMatchObject({ archived: false });
  });
});
