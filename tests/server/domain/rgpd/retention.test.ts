import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, children, households, invoices, retentionReports } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { recordAudit } from "@/server/domain/audit/audit";
import { lastRetentionReport, monthsBefore, runRetention } from "@/server/domain/rgpd/retention";
import { loadDemo } from "../../../fixtures/demo";
import { demoIds, inScope } from "../../../fixtures/demo-ids";

beforeAll(loadDemo);

const health = () => withPlatform((tx) => tx.select({ firstName: children.firstName, hasPai: children.hasPai, diet: children.diet, sealed: children.health }).from(children));
const names = () => withPlatform((tx) => tx.select({ reference: households.reference, name: households.name, erasedAt: households.erasedAt }).from(households));

describe("the retention job", () => {
  it("counts months back from a day, the 31st falling on a shorter month's last day", () => {
    expect(monthsBefore("2026-11-25", 12)).toBe("2025-11-25");
    expect(monthsBefore("2027-03-31", 1)).toBe("2027-02-28");
    expect(monthsBefore("2026-11-25", 36)).toBe("2023-11-25");
  });

  it("purges the audit log past its period, in the commune that ran, and nothing more recent", async () => {
    const { jolieville, valFleuri } = await demoIds();
    await inScope(jolieville, (s) => recordAudit(s, { action: "health.viewed" }), { now: new Date("2025-01-10T10:00:00Z") });
    await inScope(jolieville, (s) => recordAudit(s, { action: "health.viewed" }), { now: new Date("2026-11-20T10:00:00Z") });
    await inScope(valFleuri, (s) => recordAudit(s, { action: "health.viewed" }), { now: new Date("2025-01-10T10:00:00Z") });
    const now = new Date("2026-11-25T09:00:00Z");
    const [dry] = await runRetention({ dryRun: true, now, slug: "jolieville" });
    expect(dry!.report).toMatchObject({ auditEventsPurged: 1, erasedFamilies: [] });
    const [real] = await runRetention({ dryRun: false, now, slug: "jolieville" });
    expect(real!.report!.auditEventsPurged).toBe(1);
    const left = await withPlatform((tx) => tx.select({ tenantId: auditEvents.tenantId, at: auditEvents.at }).from(auditEvents));
    expect(left.filter((e) => e.tenantId === jolieville.id).every((e) => e.at >= new Date("2025-11-25"))).toBe(true);
    expect(left.some((e) => e.tenantId === valFleuri.id && e.at < new Date("2025-11-25"))).toBe(true);
  });

  it("erases the health data of children who left, after the period; a dry run first says so and changes nothing", async () => {
    // 2028-06: no booking or enrolment of the demo children for over a year; their families were active in 2026.
    const now = new Date("2028-06-01T08:00:00Z");
    const before = await health();
    const [dry] = await runRetention({ dryRun: true, now, slug: "jolieville" });
    expect(dry!.report!.healthErasedChildren).toBe(3); // Sarah, Chloé and Tom all have a health record in the demo.
    expect(await health()).toEqual(before);
    expect(await withPlatform((tx) => tx.select().from(retentionReports).where(eq(retentionReports.ranOn, "2028-06-01")))).toEqual([]);

    const [real] = await runRetention({ dryRun: false, now, slug: "jolieville" });
    expect(real!.report).toMatchObject({ healthErasedChildren: 3, erasedFamilies: [] });
    const after = await health();
    expect(after.find((c) => c.firstName === "Chloé")).toEqual({ firstName: "Chloé", hasPai: false, diet: "standard", sealed: null });
    expect(after.find((c) => c.firstName === "Louise")!.diet).toBe("sans_porc"); // Val-Fleuri did not run.
    expect((await names()).every((h) => h.erasedAt === null)).toBe(true);
  });

  it("runs once a day per commune, whoever starts it: a second server or tick the same day does nothing", async () => {
    const now = new Date("2028-06-01T15:00:00Z");
    const [a, b] = await Promise.all([runRetention({ dryRun: false, now, slug: "jolieville" }), runRetention({ dryRun: false, now, slug: "jolieville" })]);
    expect([a![0]!.report, b![0]!.report]).toEqual([null, null]); // The morning run above already had the day.
  });

  it("erases families inactive past the commune's period, keeping their invoices; the next day finds nothing left to do", async () => {
    const { jolieville } = await demoIds();
    const invoicesBefore = await withPlatform((tx) => tx.select({ id: invoices.id, total: invoices.totalCents }).from(invoices).where(eq(invoices.tenantId, jolieville.id)));
    const now = new Date("2030-01-15T08:00:00Z");
    const [dry] = await runRetention({ dryRun: true, now, slug: "jolieville" });
    expect(dry!.report!.erasedFamilies.map((f) => f.reference)).toEqual(["JOL-00042", "JOL-00057"]);
    expect((await names()).filter((h) => h.erasedAt)).toEqual([]);

    const [real] = await runRetention({ dryRun: false, now, slug: "jolieville" });
    expect(real!.report!.erasedFamilies.map((f) => f.reference)).toEqual(["JOL-00042", "JOL-00057"]);
    const after = await names();
    expect(after.filter((h) => h.reference.startsWith("JOL-")).map((h) => h.name).sort()).toEqual(["Famille effacée n° JOL-00042", "Famille effacée n° JOL-00057"]);
    expect(after.find((h) => h.reference === "VF-0815")!.name).toBe("Famille Martin");
    expect(await withPlatform((tx) => tx.select({ id: invoices.id, total: invoices.totalCents }).from(invoices).where(eq(invoices.tenantId, jolieville.id)))).toEqual(invoicesBefore);

    const [nextDay] = await runRetention({ dryRun: false, now: new Date("2030-01-16T08:00:00Z"), slug: "jolieville" });
    expect(nextDay!.report).toEqual({ erasedFamilies: [], healthErasedChildren: 0, auditEventsPurged: expect.any(Number), filesDeleted: 0 });
    const last = await inScope(jolieville, (s) => lastRetentionReport(s));
    expect(last!.report).toEqual(nextDay!.report);
  });
});
