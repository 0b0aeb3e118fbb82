import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { activities, invoiceRuns, invoices, tenants } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { issueRun } from "@/server/domain/billing/invoice-run";
import { dueRuns, runDueInvoicing } from "@/server/domain/billing/run-scheduler";
import { findTenantBySlug } from "@/server/domain/tenants/tenants";
import { truncateAll } from "../../../setup/engines";
import { loadDemo, userId } from "../../../fixtures/demo";
import { book, demoIds, scopeOf, staffAs } from "../../../fixtures/demo-ids";

const schedule = { scheduledRuns: true, advanceRunDay: 27, arrearsRunDay: 15 };
const both = new Set(["advance", "arrears"] as const);

describe("which runs the schedule asks for", () => {
  it("asks nothing when the commune has not switched it on", () => {
    expect(dueRuns({ ...schedule, scheduledRuns: false }, "2026-11-28", both)).toEqual([]);
  });

  it("asks last month's arrears run from the 15th and next month's advance run from the 27th", () => {
    expect(dueRuns(schedule, "2026-11-14", both)).toEqual([]);
    expect(dueRuns(schedule, "2026-11-15", both)).toEqual([{ period: "2026-10", mode: "arrears" }]);
    expect(dueRuns(schedule, "2026-12-27", both)).toEqual([
      { period: "2026-11", mode: "arrears" },
      { period: "2027-01", mode: "advance" },
    ]);
  });

  it("asks only for the timings its invoiced activities use", () => {
    expect(dueRuns(schedule, "2026-11-30", new Set(["advance"] as const))).toEqual([{ period: "2026-12", mode: "advance" }]);
    expect(dueRuns(schedule, "2026-11-30", new Set())).toEqual([]);
  });
});

describe("the scheduled run", () => {
  let demo: Awaited<ReturnType<typeof demoIds>>;
  beforeAll(async () => {
    await truncateAll(await getDb());
    await loadDemo();
    demo = await demoIds();
    await book(demo.jolieville, demo.parent, [{ childId: demo.ids.Sarah!, activityId: demo.ids.Cantine!, date: "2026-12-03", action: "book" }]);
  });

  const jolieville = async () => (await findTenantBySlug("jolieville"))!;
  const runsOf = async (tenantId: string) =>
    withTenant(tenantId, (tx) => tx.select().from(invoiceRuns).where(eq(invoiceRuns.tenantId, tenantId)).orderBy(invoiceRuns.createdAt));

  it("does nothing before the day, then issues next month's advance run once, however often it ticks", async () => {
    await withPlatform((tx) => tx.update(tenants).set({ scheduledRuns: true }).where(eq(tenants.slug, "jolieville")));
    const J = await jolieville();
    expect(await runDueInvoicing(J, new Date("2026-11-26T10:00:00+01:00"))).toEqual([]);

    const [issued] = await runDueInvoicing(J, new Date("2026-11-27T06:00:00+01:00"));
    expect(issued).toMatchObject({ period: "2026-12", mode: "advance", invoiceCount: 2 });
    expect(await runDueInvoicing(J, new Date("2026-11-27T07:00:00+01:00"))).toEqual([]);
    expect(await runDueInvoicing(J, new Date("2026-11-30T07:00:00+01:00"))).toEqual([]);

    const december = (await runsOf(J.id)).filter((r) => r.period === "2026-12");
    expect(december).toHaveLength(1);
    expect(december[0]).toMatchObject({ status: "issued", createdBy: null, invoiceCount: 2 });
    const count = await withTenant(J.id, (tx) => tx.$count(invoices, and(eq(invoices.tenantId, J.id), eq(invoices.runId, december[0]!.id))));
    expect(count).toBe(2);
  });

  it("leaves a month an admin already issued alone", async () => {
    const J = await jolieville();
    const admin = await userId("admin@jolieville.test");
    await withTenant(J.id, (tx) => issueRun(scopeOf(tx, J, staffAs(admin)), { period: "2027-01", mode: "advance" }));
    const before = (await runsOf(J.id)).length;
    expect(await runDueInvoicing(J, new Date("2026-12-28T07:00:00+01:00"))).toEqual([]);
    expect((await runsOf(J.id)).length).toBe(before);
  });

  it("issues an arrears run on the 15th once an activity is billed in arrears", async () => {
    const J = await jolieville();
    await withTenant(J.id, (tx) =>
      tx.update(activities).set({ invoiceTiming: "arrears" }).where(and(eq(activities.tenantId, J.id), eq(activities.id, demo.ids["Mercredi loisirs"]!))),
    );
    const outcomes = await runDueInvoicing(J, new Date("2027-01-15T07:00:00+01:00"));
    expect(outcomes.map((o) => [o.period, o.mode])).toEqual([["2026-12", "arrears"]]);
  });
});

describe("two app servers running the scheduler", () => {
  beforeAll(async () => {
    await truncateAll(await getDb());
    await loadDemo();
    const demo = await demoIds();
    await book(demo.jolieville, demo.parent, [{ childId: demo.ids.Sarah!, activityId: demo.ids.Cantine!, date: "2026-12-03", action: "book" }]);
    await withPlatform((tx) => tx.update(tenants).set({ scheduledRuns: true }).where(eq(tenants.slug, "jolieville")));
  });

  it("issue a due run once when both tick at the same moment (docs/scaling.md)", async () => {
    const J = (await findTenantBySlug("jolieville"))!;
    const at = new Date("2026-11-27T06:00:00+01:00");
    const [a, b] = await Promise.all([runDueInvoicing(J, at), runDueInvoicing(J, at)]);
    const issuedBy = [...a, ...b].filter((o) => o.period === "2026-12");
    expect(issuedBy).toHaveLength(1);
    const runs = await withTenant(J.id, (tx) => tx.select().from(invoiceRuns).where(and(eq(invoiceRuns.tenantId, J.id), eq(invoiceRuns.period, "2026-12"))));
    expect(runs).toHaveLength(1);
    const count = await withTenant(J.id, (tx) => tx.$count(invoices, and(eq(invoices.tenantId, J.id), eq(invoices.runId, runs[0]!.id))));
    expect(count).toBe(issuedBy[0]!.invoiceCount);
  });
});
