import { and, desc, eq, isNotNull, lt, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { auditEvents, children, erasureRequests, retentionReports, tenants, type RetentionReport } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { recordAudit } from "@/server/domain/audit/audit";
import { discardStored } from "@/server/domain/files/stored-files";
import { systemActor, type Scope } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { now as clockNow } from "@/common/clock";
import { daysInMonth, shiftMonth, todayIn, zonedInstant, type CivilDate } from "@/common/dates";
import { eraseHousehold, erasedHealth } from "./erasure";

/**
 * The retention job (docs/rgpd.md), per commune and at most once a day: families with no activity for
 * the commune's period are erased (their accounts kept, pseudonymised), children's health data is
 * erased once they have left, and the audit log is purged past its period. A dry run changes nothing
 * and says what a real run would do.
 */

export type { RetentionReport };
export interface RetentionOutcome {
  slug: string;
  /** Null when another run (another server, an earlier tick) already had this commune's day. */
  report: RetentionReport | null;
}

/** The civil day `months` months before `day` (the 31st becomes the month's last day). */
export function monthsBefore(day: CivilDate, months: number): CivilDate {
  const month = shiftMonth(day.slice(0, 7), -months);
  const last = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return `${month}-${String(Math.min(Number(day.slice(8, 10)), last)).padStart(2, "0")}`;
}

export async function runRetention(options: { dryRun: boolean; now?: Date; slug?: string }): Promise<RetentionOutcome[]> {
  const now = options.now ?? clockNow();
  const active = await withPlatform((tx) => tx.select().from(tenants).where(eq(tenants.status, "active")).orderBy(tenants.slug));
  const outcomes: RetentionOutcome[] = [];
  for (const tenant of active.filter((t) => !options.slug || t.slug === options.slug)) {
    outcomes.push({ slug: tenant.slug, report: await retainTenant(tenant, { dryRun: options.dryRun, now }) });
  }
  return outcomes;
}

export async function retainTenant(tenant: Tenant, options: { dryRun: boolean; now: Date }): Promise<RetentionReport | null> {
  const { dryRun, now } = options;
  const today = todayIn(tenant.timeZone, now);
  const scoped = <T>(fn: (scope: Scope) => Promise<T>) => withTenant(tenant.id, (tx) => fn({ tx, tenant, actor: systemActor, now }));
  let runId: string | null = null;
  if (!dryRun) {
    const [claimed] = await scoped((s) =>
      s.tx.insert(retentionReports).values({ tenantId: tenant.id, ranOn: today, ranAt: now }).onConflictDoNothing().returning({ id: retentionReports.id }),
    );
    if (!claimed) return null;
    runId = claimed.id;
  }

  const report: RetentionReport = { erasedFamilies: [], healthErasedChildren: 0, auditEventsPurged: 0, filesDeleted: 0 };
  const familyCutoff = zonedInstant(monthsBefore(today, tenant.familyRetentionYears * 12), "00:00", tenant.timeZone);
  for (const family of await scoped((s) => inactiveFamilies(s, familyCutoff))) {
    if (dryRun) {
      report.erasedFamilies.push(family);
      continue;
    }
    // One transaction per family: a failure leaves the others erased, and the next run retries it.
    const erased = await scoped(async (s) => {
      const done = await eraseHousehold(s, { householdId: family.householdId });
      if (done) {
        await s.tx.insert(erasureRequests).values({
          tenantId: tenant.id, householdId: family.householdId, source: "retention", status: "done",
          requestedAt: now, processedAt: now, outcome: done.outcome,
        });
      }
      return done;
    });
    if (!erased) continue;
    for (const key of erased.storageKeys) await discardStored(key);
    report.erasedFamilies.push(family);
    report.filesDeleted += erased.storageKeys.length;
  }

  const healthCutoff = zonedInstant(monthsBefore(today, tenant.healthRetentionMonths), "00:00", tenant.timeZone);
  report.healthErasedChildren = await scoped((s) => eraseHealthOfChildrenWhoLeft(s, healthCutoff, dryRun));

  const auditCutoff = zonedInstant(monthsBefore(today, tenant.auditRetentionMonths), "00:00", tenant.timeZone);
  report.auditEventsPurged = await purgeAudit(tenant.id, auditCutoff, dryRun);

  if (runId) {
    const id = runId;
    await scoped((s) => s.tx.update(retentionReports).set({ report }).where(and(eq(retentionReports.tenantId, tenant.id), eq(retentionReports.id, id))));
  }
  return report;
}

/** Households not yet erased whose latest sign of life (creation, booking, enrolment, invoice, credit note, payment) is before `cutoff`. */
async function inactiveFamilies(scope: Scope, cutoff: Date) {
  const t = scope.tenant.id;
  const rows = rowsOf<{ id: string; reference: string; last_activity: string | Date }>(
    await scope.tx.execute(sql`
      select id, reference, last_activity from (
        select h.id, h.reference, greatest(
          h.created_at,
          (select max(b.date::timestamptz) from bookings b join children c on c.tenant_id = b.tenant_id and c.id = b.child_id where c.tenant_id = ${t} and c.household_id = h.id),
          (select max(greatest(e.requested_at, e.decided_at)) from enrolments e join children c on c.tenant_id = e.tenant_id and c.id = e.child_id where c.tenant_id = ${t} and c.household_id = h.id),
          (select max(c.created_at) from children c where c.tenant_id = ${t} and c.household_id = h.id),
          (select max(i.issued_at) from invoices i where i.tenant_id = ${t} and i.household_id = h.id),
          (select max(n.issued_at) from credit_notes n where n.tenant_id = ${t} and n.household_id = h.id),
          (select max(p.created_at) from payments p where p.tenant_id = ${t} and p.household_id = h.id)
        ) as last_activity
        from households h
        where h.tenant_id = ${t} and h.erased_at is null
      ) families
      where last_activity < ${cutoff.toISOString()}::timestamptz
      order by reference`),
  );
  return rows.map((r) => ({ householdId: r.id, reference: r.reference, lastActivity: new Date(r.last_activity).toISOString() }));
}

/**
 * Health data of children with none of: a booking on or after the cutoff's day, an enrolment asked or
 * decided since, or a file created since. Only children who still have some health data count, so a
 * second run changes (and reports) nothing.
 */
async function eraseHealthOfChildrenWhoLeft(scope: Scope, cutoff: Date, dryRun: boolean): Promise<number> {
  const t = scope.tenant.id;
  const rows = rowsOf<{ id: string; household_id: string }>(
    await scope.tx.execute(sql`
      select c.id, c.household_id from children c
      join households h on h.tenant_id = c.tenant_id and h.id = c.household_id and h.erased_at is null
      where c.tenant_id = ${t}
        and (c.health is not null or c.has_allergies or c.has_pai or c.diet <> 'standard')
        and c.created_at < ${cutoff.toISOString()}::timestamptz
        and not exists (select 1 from bookings b where b.tenant_id = c.tenant_id and b.child_id = c.id
          and b.date >= (${cutoff.toISOString()}::timestamptz at time zone ${scope.tenant.timeZone})::date)
        and not exists (select 1 from enrolments e where e.tenant_id = c.tenant_id and e.child_id = c.id
          and greatest(e.requested_at, e.decided_at) >= ${cutoff.toISOString()}::timestamptz)
      for update of c`),
  );
  if (dryRun) return rows.length;
  for (const row of rows) {
    await scope.tx.update(children).set(erasedHealth).where(and(eq(children.tenantId, t), eq(children.id, row.id)));
    await recordAudit(scope, { action: "rgpd.health_erased", householdId: row.household_id, childId: row.id });
  }
  return rows.length;
}

/** The tenant role may only add to the log: the purge takes the platform path, for this commune only. */
async function purgeAudit(tenantId: string, cutoff: Date, dryRun: boolean): Promise<number> {
  const old = and(eq(auditEvents.tenantId, tenantId), lt(auditEvents.at, cutoff));
  return withPlatform(async (tx) => {
    if (dryRun) {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(old);
      return row?.n ?? 0;
    }
    return (await tx.delete(auditEvents).where(old).returning({ id: auditEvents.id })).length;
  });
}

/** Staff: the commune's last finished run, and its settings. */
export async function lastRetentionReport(scope: Scope) {
  const [last] = await scope.tx
    .select({ ranAt: retentionReports.ranAt, report: retentionReports.report })
    .from(retentionReports)
    .where(and(eq(retentionReports.tenantId, scope.tenant.id), isNotNull(retentionReports.report)))
    .orderBy(desc(retentionReports.ranAt))
    .limit(1);
  return last ?? null;
}

/** Runs the real job once a day per commune (the day's claim makes a second server skip it). */
export function startRetentionJob(intervalMs = 60 * 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const outcome of await runRetention({ dryRun: false })) {
        const r = outcome.report;
        if (r) console.info(`[recre] ${outcome.slug} : conservation — ${r.erasedFamilies.length} famille(s) effacée(s), ${r.healthErasedChildren} dossier(s) de santé effacé(s), ${r.auditEventsPurged} entrée(s) du journal purgée(s)`);
      }
    } catch (error) {
      console.error("[recre] traitement de conservation des données", error);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void tick(), 5 * 60_000).unref();
  setInterval(() => void tick(), intervalMs).unref();
}
