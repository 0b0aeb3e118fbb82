import { beforeAll, describe, expect, it } from "vitest";
import { addOpening, deleteOpening, listOpenings } from "@/server/domain/activities/openings";
import { loadDemo } from "../../../fixtures/demo";
import { appError, demoIds, inTenant, snapshot, type DemoIds } from "./helpers";
import { scopeOf } from "../../../fixtures/demo-ids";

let j: DemoIds;
let vf: DemoIds;
let mercredi: string;

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
  vf = await demoIds("val-fleuri");
  mercredi = j.activity["Mercredi loisirs"]!;
});

describe("booking openings", () => {
  it("stores the local date and time in the commune's time zone as an instant, in winter and in summer", async () => {
    const winter = await inTenant(j.tenant, (tx) =>
      addOpening(scopeOf(tx, j.tenant), { activityId: mercredi, fromDate: "2027-03-03", toDate: "2027-03-31", opensDate: "2027-02-22", opensTime: "09:00" }),
    );
    expect(winter.opensAt.toISOString()).toBe("2027-02-22T08:00:00.000Z");
    const summer = await inTenant(j.tenant, (tx) =>
      addOpening(scopeOf(tx, j.tenant), { activityId: mercredi, fromDate: "2027-05-05", toDate: "2027-06-30", opensDate: "2027-04-01", opensTime: "09:00" }),
    );
    expect(summer.opensAt.toISOString()).toBe("2027-04-01T07:00:00.000Z");

    const list = await inTenant(j.tenant, (tx) => listOpenings(scopeOf(tx, j.tenant), { activityId: mercredi }));
    expect(list.map((o) => [o.fromDate, o.toDate, o.opensDate, o.opensTime])).toEqual([
      ["2027-03-03", "2027-03-31", "2027-02-22", "09:00"],
      ["2027-05-05", "2027-06-30", "2027-04-01", "09:00"],
    ]);
  });

  it("gives back the opening as the local date and time the admin typed", async () => {
    const list = await inTenant(vf.tenant, (tx) => listOpenings(scopeOf(tx, vf.tenant), { activityId: vf.activity["Centre de loisirs des vacances"]! }));
    expect(list.map((o) => [o.fromDate, o.opensDate, o.opensTime])).toEqual([["2027-07-03", "2027-03-01", "08:00"]]);
  });

  it.each([
    ["an end before the start", { fromDate: "2027-01-31", toDate: "2027-01-06" }, "toDate", "Dernier jour concerné : la date de fin précède"],
    ["an impossible date", { fromDate: "2027-02-30" }, "fromDate", "Premier jour concerné : date invalide"],
    ["a malformed opening time", { opensTime: "9h" }, "opensTime", "Heure d'ouverture : heure invalide"],
    ["an opening date that does not exist", { opensDate: "2026-13-01" }, "opensDate", "Date d'ouverture : date invalide"],
  ])("refuses %s naming the field, and writes nothing", async (_, patch, field, text) => {
    const before = await snapshot();
    const input = { activityId: mercredi, fromDate: "2027-01-06", toDate: "2027-01-27", opensDate: "2026-12-01", opensTime: "08:30", ...patch };
    const error = await appError(inTenant(j.tenant, (tx) => addOpening(scopeOf(tx, j.tenant), input)));
    expect(error).toMatchObject({ code: "BAD_REQUEST", field });
    expect(error.message).toContain(text);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a period overlapping another one", async () => {
    const error = await appError(
      inTenant(j.tenant, (tx) =>
        addOpening(scopeOf(tx, j.tenant), { activityId: mercredi, fromDate: "2027-03-31", toDate: "2027-04-07", opensDate: "2027-03-01", opensTime: "09:00" }),
      ),
    );
    expect(error).toMatchObject({ code: "CONFLICT", field: "fromDate" });
  });

  it("deletes an opening; another commune's opening or activity is NOT_FOUND", async () => {
    const [first] = await inTenant(j.tenant, (tx) => listOpenings(scopeOf(tx, j.tenant), { activityId: mercredi }));
    await inTenant(j.tenant, (tx) => deleteOpening(scopeOf(tx, j.tenant), { openingId: first!.id }));
    expect(await inTenant(j.tenant, (tx) => listOpenings(scopeOf(tx, j.tenant), { activityId: mercredi }))).toHaveLength(1);

    const before = await snapshot();
    const [theirs] = await inTenant(vf.tenant, (tx) => listOpenings(scopeOf(tx, vf.tenant), { activityId: vf.activity["Centre de loisirs des vacances"]! }));
    expect((await appError(inTenant(j.tenant, (tx) => deleteOpening(scopeOf(tx, j.tenant), { openingId: theirs!.id })))).code).toBe("NOT_FOUND");
    const add = appError(
      inTenant(j.tenant, (tx) =>
        addOpening(scopeOf(tx, j.tenant), {
          activityId: vf.activity.Cantine!,
          fromDate: "2027-01-04",
          toDate: "2027-01-29",
          opensDate: "2026-12-01",
          opensTime: "08:00",
        }),
      ),
    );
    expect((await add).code).toBe("NOT_FOUND");
    expect((await appError(inTenant(j.tenant, (tx) => listOpenings(scopeOf(tx, j.tenant), { activityId: vf.activity.Cantine! })))).code).toBe("NOT_FOUND");
    expect(await snapshot()).toEqual(before);
  });
});
