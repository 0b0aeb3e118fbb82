import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { children } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { unitPrice } from "@/server/domain/billing/pricing";
import { dayPrices, priceKey } from "@/server/domain/billing/pricing-service";
import { qfAt, recordCafQuotient } from "@/server/domain/billing/quotients";
import { addTariff, tariffAt } from "@/server/domain/billing/tariffs";
import { loadDemo } from "../../../fixtures/demo";
import { demoIds, inTenant, type DemoIds } from "../activities/helpers";
import { scopeOf, staffAs } from "../../../fixtures/demo-ids";

let j: DemoIds;
let martin: string;

beforeAll(async () => {
  await loadDemo();
  j = await demoIds("jolieville");
  martin = (await withPlatform((tx) => tx.select({ id: children.householdId }).from(children).where(eq(children.id, j.child.Sarah!))))[0]!.id;
  // A QF history with overlaps and a gap, and a tariff that changes on 4 January.
  await inTenant(j.tenant, async (tx) => {
    await recordCafQuotient(scopeOf(tx, j.tenant, staffAs(null)), { householdId: martin, value: 380, attestationDate: "2026-11-24", validFrom: "2026-12-14", validTo: "2026-12-31" });
    await recordCafQuotient(scopeOf(tx, j.tenant, staffAs(null)), { householdId: martin, value: 1200, attestationDate: "2026-11-25", validFrom: "2027-01-11", validTo: "2027-06-30" });
    await addTariff(scopeOf(tx, j.tenant, staffAs(null)), {
      activityId: j.activity.Cantine!,
      validFrom: "2027-01-04",
      pricing: { resident: { kind: "unit", cents: 275 }, nonResident: { kind: "unit", cents: 550 } },
    });
  });
});

describe("dayPrices", () => {
  it("prices a month and more in one go exactly as the tariff and the QF of each day say", async () => {
    const dates = ["2026-12-07", "2026-12-14", "2026-12-31", "2027-01-04", "2027-01-08", "2027-01-11", "2027-07-01"];
    const days = dates.flatMap((date) => ["Sarah", "Chloé", "Tom"].map((name) => ({ childId: j.child[name]!, activityId: j.activity.Cantine!, date })));
    const prices = await inTenant(j.tenant, (tx) => dayPrices(tx, j.tenant.id, days));
    const oneByOne = await inTenant(j.tenant, async (tx) => {
      const out: (number | null)[] = [];
      for (const d of days) {
        const tariff = await tariffAt(tx, j.tenant.id, d.activityId, d.date);
        const householdId = (await tx.select({ id: children.householdId }).from(children).where(eq(children.id, d.childId)))[0]!.id;
        out.push(tariff ? unitPrice(tariff.pricing, { isResident: true, qf: await qfAt(tx, j.tenant.id, householdId, d.date) }) : null);
      }
      return out;
    });
    expect(days.map((d) => prices.get(priceKey(d))?.unitCents ?? null)).toEqual(oneByOne);
    // What changed along the way shows: the QF of 380 (lowest bracket), then the new flat tariff.
    const sarah = (date: string) => prices.get(priceKey({ childId: j.child.Sarah!, activityId: j.activity.Cantine!, date }))!;
    expect(sarah("2026-12-14").household.qf).toBe(380);
    expect(sarah("2026-12-14").unitCents).toBeLessThan(sarah("2026-12-07").unitCents);
    expect(sarah("2027-01-08").unitCents).toBe(275);
    expect(sarah("2027-01-11").household.qf).toBe(1200);
  });

  it("is null for a day before any tariff of the activity starts", async () => {
    const days = [{ childId: j.child.Sarah!, activityId: j.activity.Cantine!, date: "2026-06-02" }];
    const prices = await inTenant(j.tenant, (tx) => dayPrices(tx, j.tenant.id, days));
    expect(prices.get(priceKey(days[0]!)) ?? null).toBeNull();
  });
});
