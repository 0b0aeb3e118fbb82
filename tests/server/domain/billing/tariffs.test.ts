import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { tariffs } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { addTariff, deleteTariff, listTariffs, tariffAt, type TariffInput } from "@/server/domain/billing/tariffs";
import { loadDemo } from "../../../fixtures/demo";
import { appError, demoIds, inTenant, type DemoIds } from "../activities/helpers";
import { scopeOf, staffAs } from "../../../fixtures/demo-ids";

let j: DemoIds;
let vf: DemoIds;

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
  vf = await demoIds("val-fleuri");
});

const unitTariff = (activityId: string, validFrom: string, cents: number): TariffInput => ({
  activityId,
  validFrom,
  pricing: { resident: { kind: "unit", cents }, nonResident: { kind: "unit", cents: cents + 100 } },
});

describe("tariffs of an activity", () => {
  it("lists the demo tariff in force with its description in French", async () => {
    const list = await inTenant(j.tenant, (tx) => listTariffs(scopeOf(tx, j.tenant), { activityId: j.activity.Cantine! }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ validFrom: "2026-09-01", status: "current" });
    expect(Object.fromEntries(list[0]!.description).Résidents).toContain("400 à moins de 700 : 2,10");
  });

  it("adds a tariff from a later date: the earlier one stays in force until then", async () => {
    await inTenant(j.tenant, (tx) => addTariff(scopeOf(tx, j.tenant, staffAs(null)), unitTariff(j.activity.Cantine!, "2027-01-04", 250)));
    const list = await inTenant(j.tenant, (tx) => listTariffs(scopeOf(tx, j.tenant), { activityId: j.activity.Cantine! }));
    expect(list.map((t) => [t.validFrom, t.status])).toEqual([
      ["2026-09-01", "current"],
      ["2027-01-04", "future"],
    ]);
    const at = (date: string) => inTenant(j.tenant, (tx) => tariffAt(tx, j.tenant.id, j.activity.Cantine!, date));
    expect((await at("2026-08-31"))).toBeNull();
    expect((await at("2026-09-01"))!.validFrom).toBe("2026-09-01");
    expect((await at("2027-01-03"))!.validFrom).toBe("2026-09-01");
    expect((await at("2027-01-04"))!.pricing.resident).toEqual({ kind: "unit", cents: 250 });
    // Defaults are filled in when stored.
    expect((await at("2027-01-04"))!.pricing).toMatchObject({ mealCents: 0, siblingReduction: null, absencePenaltyPercent: 100, unbookedSurchargePercent: 100 });
  });

  it("refuses a second tariff on the same date", async () => {
    const error = await appError(inTenant(j.tenant, (tx) => addTariff(scopeOf(tx, j.tenant, staffAs(null)), unitTariff(j.activity.Cantine!, "2027-01-04", 260))));
    expect(error).toMatchObject({ code: "CONFLICT", field: "validFrom" });
  });

  it("accepts a past date only when no booking exists from it (a tariff never reprices a booking)", async () => {
    // Tom's Wednesday of 16 December is booked: a tariff from 1 November would not apply to it.
    const error = await appError(inTenant(j.tenant, (tx) => addTariff(scopeOf(tx, j.tenant, staffAs(null)), unitTariff(j.activity["Mercredi loisirs"]!, "2026-11-01", 1000))));
    expect(error).toMatchObject({ code: "BAD_REQUEST", field: "validFrom" });
    expect(error.message).toMatch(/^Applicable à partir du : 1 réservation existe déjà/);
    await inTenant(j.tenant, (tx) => addTariff(scopeOf(tx, j.tenant, staffAs(null)), unitTariff(j.activity["Garderie du matin"]!, "2026-11-01", 160)));
    expect((await inTenant(j.tenant, (tx) => tariffAt(tx, j.tenant.id, j.activity["Garderie du matin"]!, "2026-11-25")))!.pricing.resident).toEqual({ kind: "unit", cents: 160 });
  });

  it("checks brackets: rising bounds, only the last open-ended; effort minimum at most its maximum", async () => {
    const base = { activityId: j.activity.Cantine!, validFrom: "2027-02-01" };
    const unordered = await appError(
      inTenant(j.tenant, (tx) =>
        addTariff(scopeOf(tx, j.tenant, staffAs(null)), {
          ...base,
          pricing: { resident: { kind: "brackets", brackets: [{ upTo: 700, cents: 200 }, { upTo: 400, cents: 100 }, { upTo: null, cents: 300 }] }, nonResident: { kind: "unit", cents: 400 } },
        }),
      ),
    );
    expect(unordered).toMatchObject({ code: "BAD_REQUEST", field: "pricing.resident.brackets.1.upTo" });
    expect(unordered.message).toMatch(/^Borne de la tranche \(moins de\) : /);
    const openMiddle = await appError(
      inTenant(j.tenant, (tx) =>
        addTariff(scopeOf(tx, j.tenant, staffAs(null)), {
          ...base,
          pricing: { resident: { kind: "brackets", brackets: [{ upTo: null, cents: 200 }, { upTo: 400, cents: 100 }] }, nonResident: { kind: "unit", cents: 400 } },
        }),
      ),
    );
    expect(openMiddle).toMatchObject({ code: "BAD_REQUEST" });
    const effort = await appError(
      inTenant(j.tenant, (tx) =>
        addTariff(scopeOf(tx, j.tenant, staffAs(null)), {
          ...base,
          pricing: { resident: { kind: "unit", cents: 100 }, nonResident: { kind: "effort_rate", ratePerTenThousand: 45, minCents: 500, maxCents: 100 } },
        }),
      ),
    );
    expect(effort).toMatchObject({ code: "BAD_REQUEST", field: "pricing.nonResident.maxCents" });
    const negative = await appError(inTenant(j.tenant, (tx) => addTariff(scopeOf(tx, j.tenant, staffAs(null)), unitTariff(j.activity.Cantine!, "2027-02-01", -1))));
    expect(negative.message).toMatch(/^Prix : /);
    const rows = await withPlatform((tx) => tx.select().from(tariffs).where(eq(tariffs.validFrom, "2027-02-01")));
    expect(rows).toEqual([]);
  });

  it("deletes a future tariff, never one in force", async () => {
    const list = await inTenant(j.tenant, (tx) => listTariffs(scopeOf(tx, j.tenant), { activityId: j.activity.Cantine! }));
    const current = list.find((t) => t.status === "current")!;
    const future = list.find((t) => t.status === "future")!;
    expect(await appError(inTenant(j.tenant, (tx) => deleteTariff(scopeOf(tx, j.tenant), { tariffId: current.id })))).toMatchObject({ code: "CONFLICT" });
    await inTenant(j.tenant, (tx) => deleteTariff(scopeOf(tx, j.tenant), { tariffId: future.id }));
    expect((await inTenant(j.tenant, (tx) => listTariffs(scopeOf(tx, j.tenant), { activityId: j.activity.Cantine! }))).map((t) => t.id)).toEqual([current.id]);
  });

  it("never reaches another commune's activity or tariff", async () => {
    expect(await appError(inTenant(vf.tenant, (tx) => listTariffs(scopeOf(tx, vf.tenant), { activityId: j.activity.Cantine! })))).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await appError(inTenant(vf.tenant, (tx) => addTariff(scopeOf(tx, vf.tenant, staffAs(null)), unitTariff(j.activity.Cantine!, "2027-03-01", 100)))),
    ).toMatchObject({ code: "NOT_FOUND" });
    const jTariff = (await inTenant(j.tenant, (tx) => listTariffs(scopeOf(tx, j.tenant), { activityId: j.activity.Cantine! })))[0]!;
    expect(await appError(inTenant(vf.tenant, (tx) => deleteTariff(scopeOf(tx, vf.tenant), { tariffId: jTariff.id })))).toMatchObject({ code: "NOT_FOUND" });
    expect(await inTenant(vf.tenant, (tx) => tariffAt(tx, vf.tenant.id, j.activity.Cantine!, "2026-12-01"))).toBeNull();
  });
});
