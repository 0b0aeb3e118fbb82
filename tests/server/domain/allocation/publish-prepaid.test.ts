import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { withPlatform, withTenant } from "@/db/transaction";
import { activities, bookings, emailOutbox, guardians, households } from "@/db/schema";
import { seedAllocationDemo } from "@/server/demo/seed-allocation";
import { now as clockNow } from "@/common/clock";
import { callerAs, loadDemo } from "../../../fixtures/demo";
import { demoIds, type DemoIds } from "../activities/helpers";

/* The demo round on a prepaid (basket) activity: places given wait in the families' baskets, and the e-mail says so. */
let j: DemoIds;
let roundId: string;
let activityId: string;

beforeAll(async () => {
  await loadDemo();
  ({ roundId, activityId } = await seedAllocationDemo(await getDb(), clockNow()));
  j = await demoIds("jolieville");
  await withTenant(j.tenant.id, (tx) => tx.update(activities).set({ billingMode: "prepaid" }).where(and(eq(activities.tenantId, j.tenant.id), eq(activities.id, activityId))));
  const api = await callerAs("admin@jolieville.test", "jolieville");
  await api.allocation.close({ roundId });
  await api.allocation.run({ roundId });
  await api.allocation.publish({ roundId });
});

describe("publishing a round on a prepaid activity", () => {
  it("puts the places in the families' baskets for 24 hours, priced", async () => {
    const live = await withTenant(j.tenant.id, (tx) =>
      tx.select().from(bookings).where(and(eq(bookings.tenantId, j.tenant.id), eq(bookings.activityId, activityId), inArray(bookings.status, ["held", "confirmed"]))),
    );
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((b) => b.status === "held" && b.heldUntil!.getTime() === clockNow().getTime() + 24 * 3_600_000)).toBe(true);
    expect(live.every((b) => b.unitPriceCents !== null && b.unitPriceCents > 0)).toBe(true);
  });

  it("e-mails each family placed that the days are in its basket, to pay within 24 hours, never that they are booked", async () => {
    const { applications } = await (await callerAs("admin@jolieville.test", "jolieville")).allocation.get({ roundId });
    const placed = applications.find((a) => a.result!.placedChoice !== null && !applications.some((o) => o.householdReference === a.householdReference && o.result!.placedChoice === null))!;
    const [guardian] = await withTenant(j.tenant.id, (tx) =>
      tx
        .select({ email: guardians.email })
        .from(guardians)
        .innerJoin(households, and(eq(households.tenantId, guardians.tenantId), eq(households.id, guardians.householdId)))
        .where(and(eq(guardians.tenantId, j.tenant.id), eq(households.reference, placed.householdReference))),
    );
    const mails = await withPlatform((tx) => tx.select().from(emailOutbox).where(and(eq(emailOutbox.template, "bookings-confirmed"), eq(emailOutbox.to, guardian!.email!))));
    expect(mails).toHaveLength(1);
    const text = mails[0]!.text;
    expect(text).toMatch(/: dans votre panier, à payer avant le .*2026/);
    expect(text).toMatch(/Total à payer dans votre panier : /);
    expect(text).toContain("Payer mon panier");
    expect(text).not.toMatch(/: réservé/);
    expect(text).not.toContain("Total des jours réservés");
  });
});
