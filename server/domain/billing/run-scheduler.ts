import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { invoiceRuns, tenants } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { AppError } from "@/server/errors";
import { now as clockNow } from "@/common/clock";
import { shiftMonth, todayIn, type CivilDate } from "@/common/dates";
import { messages } from "@/common/messages";
import { billingModeSql } from "./billing-mode";
import { issueBatch, lockTenantBilling, type RunInput, type RunMode } from "./invoice-run";
import { systemActor, type Scope } from "@/server/domain/scope";

/**
 * The runs a commune's schedule asks for on `today`: from its advance day on, next month's advance
 * run; from its arrears day on, last month's arrears run — each only if some invoiced activity
 * has that timing. A day already past still counts, so a server down on the 27th catches up.
 */
export function dueRuns(
  schedule: Pick<Tenant, "scheduledRuns" | "advanceRunDay" | "arrearsRunDay">,
  today: CivilDate,
  timings: ReadonlySet<RunMode>,
): RunInput[] {
  if (!schedule.scheduledRuns) return [];
  const day = Number(today.slice(8, 10));
  const month = today.slice(0, 7);
  const due: RunInput[] = [];
  if (timings.has("arrears") && day >= schedule.arrearsRunDay) due.push({ period: shiftMonth(month, -1), mode: "arrears" });
  if (timings.has("advance") && day >= schedule.advanceRunDay) due.push({ period: shiftMonth(month, 1), mode: "advance" });
  return due;
}

/** Timings of the commune's live activities billed by invoice. */
/** Admin: whether runs start on their own, on which days, and which timings the commune's activities use. */
export async function runSchedule(scope: Scope) {
  const timings = await invoiceTimings(scope.tx, scope.tenant);
  return { ...scheduleOf(scope.tenant), timings: { advance: timings.has("advance"), arrears: timings.has("arrears") } };
}

export async function invoiceTimings(tx: Tx, tenant: Tenant): Promise<Set<RunMode>> {
  const rows = rowsOf<{ timing: RunMode }>(
    await tx.execute(sql`select distinct a.invoice_timing as timing from activities a
      where a.tenant_id = ${tenant.id} and not a.archived and ${billingModeSql(tenant)} = 'invoice'`),
  );
  return new Set(rows.map((r) => r.timing));
}

export interface ScheduledOutcome {
  period: string;
  mode: RunMode;
  invoiceCount: number;
  totalCents: number;
}

/**
 * Issues the runs due for one commune, batch by batch (one transaction each). Under the commune's
 * billing lock it first looks for a run of the same month and timing: an issued one (by an admin or
 * an earlier tick, or another server) means there is nothing to do; an interrupted one is resumed.
 */
export async function runDueInvoicing(tenant: Tenant, now = clockNow()): Promise<ScheduledOutcome[]> {
  const today = todayIn(tenant.timeZone, now);
  const due = dueRuns(tenant, today, await withTenant(tenant.id, (tx) => invoiceTimings(tx, tenant)));
  const outcomes: ScheduledOutcome[] = [];
  for (const input of due) {
    let runId: string | undefined;
    for (;;) {
      const step = await withTenant(tenant.id, async (tx) => {
        await lockTenantBilling(tx, tenant.id);
        if (!runId) {
          const [latest] = await tx
            .select({ id: invoiceRuns.id, status: invoiceRuns.status })
            .from(invoiceRuns)
            .where(and(eq(invoiceRuns.tenantId, tenant.id), eq(invoiceRuns.period, input.period), eq(invoiceRuns.mode, input.mode)))
            .orderBy(desc(invoiceRuns.createdAt))
            .limit(1);
          if (latest?.status === "issued") return null;
          runId = latest?.id;
        }
        return issueBatch({ tx, tenant, actor: systemActor, now }, { ...input, runId });
      });
      if (!step) break;
      runId = step.runId;
      if (step.done) {
        outcomes.push({ ...input, invoiceCount: step.invoiceCount, totalCents: step.totalCents });
        break;
      }
    }
  }
  return outcomes;
}

/** Checks every hour whether a commune's scheduled run is due, and issues it. */
export function startInvoiceScheduler(intervalMs = 60 * 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const scheduled = await withPlatform((tx) =>
        tx.select().from(tenants).where(and(eq(tenants.status, "active"), eq(tenants.scheduledRuns, true))),
      );
      for (const tenant of scheduled) {
        try {
          for (const run of await runDueInvoicing(tenant)) {
            console.info(`[recre] ${tenant.slug} : factures ${run.mode === "advance" ? "à l'avance" : "à terme échu"} de ${run.period} émises (${run.invoiceCount})`);
          }
        } catch (error) {
          console.error(`[recre] émission automatique des factures (${tenant.slug})`, error);
        }
      }
    } catch (error) {
      console.error("[recre] émission automatique des factures", error);
    } finally {
      running = false;
    }
  };
  // A first look soon after start, then every hour.
  setTimeout(() => void tick(), 30_000).unref();
  setInterval(() => void tick(), intervalMs).unref();
}

/** Days up to the 28th, so that every month has the day. */
const runDay = z.number({ error: messages.billing.schedule.dayInvalid }).int(messages.billing.schedule.dayInvalid).min(1, messages.billing.schedule.dayInvalid).max(28, messages.billing.schedule.dayInvalid);
export const scheduleInput = z.object({ scheduledRuns: z.boolean(), advanceRunDay: runDay, arrearsRunDay: runDay });
export type Schedule = z.infer<typeof scheduleInput>;

export function scheduleOf(tenant: Tenant): Schedule {
  return { scheduledRuns: tenant.scheduledRuns, advanceRunDay: tenant.advanceRunDay, arrearsRunDay: tenant.arrearsRunDay };
}

/** Admin: switches automatic runs on or off and sets their days. */
export async function setSchedule(tenantId: string, input: Schedule): Promise<Schedule> {
  const parsed = scheduleInput.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", messages.billing.schedule.dayInvalid, String(parsed.error.issues[0]?.path[0] ?? "advanceRunDay"));
  await withPlatform((tx) => tx.update(tenants).set(parsed.data).where(eq(tenants.id, tenantId)));
  return parsed.data;
}
