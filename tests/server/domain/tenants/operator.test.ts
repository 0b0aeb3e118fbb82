import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { callerAs, loadDemo } from "../../../fixtures/demo";

beforeAll(loadDemo);

const operator = () => callerAs("operateur@recre.test");
const mailsTo = (to: string) => withPlatform((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, to)));

async function onboard(slug: string) {
  return (await operator()).platform.createTenant({
    name: "Bourg-les-Pins",
    slug,
    holidayZone: "B",
    timeZone: "Europe/Paris",
    billingMode: "invoice",
    adminEmail: `maire@${slug}.test`,
    adminName: "Maire",
  });
}

describe("the operator's commune page", () => {
  it("edits the name, zone and time zone; a bad time zone is refused naming the field and changes nothing", async () => {
    const tenant = await onboard("bourg-reglages");
    const op = await operator();
    await op.platform.updateTenant({ tenantId: tenant.id, name: "Bourg-les-Pins-sur-Mer", holidayZone: "A", timeZone: "America/Guadeloupe" });
    expect((await op.platform.tenant({ tenantId: tenant.id })).tenant).toMatchObject({ name: "Bourg-les-Pins-sur-Mer", holidayZone: "A", timeZone: "America/Guadeloupe" });
    await expect(op.platform.updateTenant({ tenantId: tenant.id, name: "X", holidayZone: "A", timeZone: "Mars/Olympus" })).rejects.toThrow(/fuseau inconnu/);
    const [row] = await withPlatform((tx) => tx.select().from(tenants).where(eq(tenants.id, tenant.id)));
    expect(row!.timeZone).toBe("America/Guadeloupe");
  });

  it("adds an admin with an invitation e-mail, and replaces one (the former leaves the team)", async () => {
    const tenant = await onboard("bourg-admins");
    const op = await operator();
    await op.platform.addAdmin({ tenantId: tenant.id, email: "adjoint@bourg-admins.test", name: "Adjoint" });
    expect((await mailsTo("adjoint@bourg-admins.test")).map((m) => m.template)).toEqual(["account-activation"]);
    let page = await op.platform.tenant({ tenantId: tenant.id });
    expect(page.admins.map((a) => a.email)).toEqual(["adjoint@bourg-admins.test", "maire@bourg-admins.test"]);
    await expect(op.platform.addAdmin({ tenantId: tenant.id, email: "adjoint@bourg-admins.test", name: "Adjoint" })).rejects.toMatchObject({ code: "CONFLICT" });
    const former = page.admins.find((a) => a.email === "maire@bourg-admins.test")!;
    await op.platform.replaceAdmin({ tenantId: tenant.id, formerUserId: former.userId, email: "nouveau-maire@bourg-admins.test", name: "Nouveau maire" });
    page = await op.platform.tenant({ tenantId: tenant.id });
    expect(page.admins.map((a) => a.email)).toEqual(["adjoint@bourg-admins.test", "nouveau-maire@bourg-admins.test"]);
  });

  it("shows the commune's usage: families, this month's bookings, invoices and payments", async () => {
    const jolieville = (await (await operator()).platform.tenants()).find((t) => t.slug === "jolieville")!;
    const before = (await (await operator()).platform.tenant({ tenantId: jolieville.id })).usage.bookingsThisMonth;
    // A canteen day booked this month (November, on the demo's clock) by the front desk for Tom, past its deadline.
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    const tom = (await agent.households.search({ search: "Tom" })).rows[0]!;
    const tomId = (await agent.households.get({ householdId: tom.id })).children[0]!.id;
    const cantine = (await agent.activities.list()).find((a) => a.name === "Cantine")!.id;
    await agent.bookingsOnBehalf.applyChanges({ changes: [{ childId: tomId, activityId: cantine, date: "2026-11-30", action: "book" }], overrideReason: "Oubli de la famille" });
    const { usage } = await (await operator()).platform.tenant({ tenantId: jolieville.id });
    expect(usage.bookingsThisMonth).toBe(before + 1);
    expect(usage.households).toBe(2);
    expect(usage.invoices).toBeGreaterThan(0);
    expect(usage.payments).toBeGreaterThan(0);
  });
});
