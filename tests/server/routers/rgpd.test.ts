import { beforeAll, describe, expect, it } from "vitest";
import { messages } from "@/common/messages";
import { callerAs, loadDemo } from "../../fixtures/demo";
import { demoIds } from "../../fixtures/demo-ids";

beforeAll(loadDemo);

const notFound = { code: "NOT_FOUND" };

describe("the audit journal and the RGPD admin procedures", () => {
  it("are the admins' only: the front desk, site agents and parents get NOT_FOUND", async () => {
    for (const email of ["agent@jolieville.test", "animateur@jolieville.test", "parent@recre.test"]) {
      const caller = await callerAs(email, "jolieville");
      await expect(caller.rgpd.journal({})).rejects.toMatchObject(notFound);
      await expect(caller.rgpd.erasureRequests()).rejects.toMatchObject(notFound);
      await expect(caller.rgpd.retention()).rejects.toMatchObject(notFound);
    }
  });

  it("are NOT_FOUND to another commune's admin", async () => {
    const other = await callerAs("admin@val-fleuri.test", "jolieville");
    await expect(other.rgpd.journal({})).rejects.toMatchObject(notFound);
    await expect(other.rgpd.journalFamilies()).rejects.toMatchObject(notFound);
  });

  it("show the admin each action in French, by family, a page at a time; another commune's entries never", async () => {
    const { ids } = await demoIds();
    const agent = await callerAs("agent@jolieville.test", "jolieville");
    await agent.households.setResident({ householdId: ids["JOL-00057"]!, isResident: false });
    await agent.households.regenerateActivationCode({ householdId: ids["JOL-00042"]! });
    await (await callerAs("admin@val-fleuri.test", "val-fleuri")).households.setResident({ householdId: ids["VF-0815"]!, isResident: false });

    const admin = await callerAs("admin@jolieville.test", "jolieville");
    const all = await admin.rgpd.journal({});
    expect(all.entries.map((e) => e.label)).toEqual(
      expect.arrayContaining([messages.rgpd.auditActions["family.resident_changed"], messages.rgpd.auditActions["family.activation_code_regenerated"]]),
    );
    expect(all.entries.every((e) => e.household?.reference.startsWith("JOL-"))).toBe(true);
    const durandOnly = await admin.rgpd.journal({ householdId: ids["JOL-00057"]! });
    expect(durandOnly.entries.map((e) => [e.household?.reference, e.action])).toEqual([["JOL-00057", "family.resident_changed"]]);
    expect(durandOnly.entries[0]!.who).toBeTruthy();
    // Another commune's household as a filter shows nothing of it.
    expect((await admin.rgpd.journal({ householdId: ids["VF-0815"]! })).entries).toEqual([]);
    expect(all.hasMore).toBe(false);
  });

  it("refuses retention periods out of bounds, naming the field, and keeps the old ones", async () => {
    const admin = await callerAs("admin@jolieville.test", "jolieville");
    await expect(admin.rgpd.setRetentionSettings({ familyRetentionYears: 0, healthRetentionMonths: 12, auditRetentionMonths: 12 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await admin.rgpd.retention()).settings).toEqual({ familyRetentionYears: 3, healthRetentionMonths: 12, auditRetentionMonths: 12 });
    await admin.rgpd.setRetentionSettings({ familyRetentionYears: 5, healthRetentionMonths: 24, auditRetentionMonths: 6 });
    expect((await admin.rgpd.retention()).settings).toEqual({ familyRetentionYears: 5, healthRetentionMonths: 24, auditRetentionMonths: 6 });
  });
});
