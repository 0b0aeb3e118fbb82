import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { debitItems, households, invoiceReminders, invoices, tenants, treasuryReferrals } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { addDays, formatDate, formatInstantDay, todayIn, type CivilDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { env } from "@/config/env";
import { systemActor, withScope, type Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";
import { cell } from "@/server/domain/attendance/meals";
import { invoiceStandings, type InvoiceSummary } from "@/server/domain/billing/standing";
import { queueEmails } from "@/server/email/outbox";
import { householdRecipients } from "./households";
import { settingsOf } from "./settings";

/**
 * The step of the commune's schedule an invoice has reached today: the last whose day after the due
 * date has come (0: none yet). A job that missed days sends the step reached, not every step missed.
 */
export function reachedStep(reminderDays: number[], dueDate: CivilDate, today: CivilDate): number {
  let step = 0;
  reminderDays.forEach((days, k) => {
    if (addDays(dueDate, days) <= today) step = k + 1;
  });
  return step;
}

/**
 * Sends the reminders due today. Each (invoice, step) is a row whose key refuses a second one: the
 * e-mails are queued only with the row this run inserted, so a second or parallel run sends nothing
 * again. An invoice paid (or in a debit on its way) gets none; the last step flags it for the treasury.
 */
export async function runDueReminders(scope: Scope): Promise<{ sent: number; flagged: number }> {
  const { reminderDays } = await settingsOf(scope.tx, scope.tenant.id);
  if (!reminderDays.length) return { sent: 0, flagged: 0 };
  const today = todayIn(scope.tenant.timeZone, scope.now);
  const firstDue = addDays(today, -reminderDays[0]!);
  const householdIds = rowsOf<{ household_id: string }>(
    await scope.tx.execute(sql`select distinct household_id from ${invoices} where tenant_id = ${scope.tenant.id} and due_date <= ${firstDue}`),
  ).map((r) => r.household_id);
  const overdue = (await invoiceStandings(scope.tx, scope.tenant.id, householdIds)).filter((i) => i.remainingCents > 0 && i.dueDate <= firstDue);
  if (!overdue.length) return { sent: 0, flagged: 0 };
  const ids = overdue.map((i) => i.id);
  const inDebit = new Set(
    (
      await scope.tx
        .select({ id: debitItems.invoiceId })
        .from(debitItems)
        .where(and(eq(debitItems.tenantId, scope.tenant.id), inArray(debitItems.invoiceId, ids), inArray(debitItems.status, ["planned", "collected"])))
    ).map((r) => r.id),
  );
  const sentSteps = new Map<string, number>();
  for (const r of await scope.tx
    .select({ id: invoiceReminders.invoiceId, step: invoiceReminders.step })
    .from(invoiceReminders)
    .where(and(eq(invoiceReminders.tenantId, scope.tenant.id), inArray(invoiceReminders.invoiceId, ids)))) {
    sentSteps.set(r.id, Math.max(r.step, sentSteps.get(r.id) ?? 0));
  }
  let sent = 0;
  let flagged = 0;
  for (const invoice of overdue) {
    if (inDebit.has(invoice.id)) continue;
    const step = reachedStep(reminderDays, invoice.dueDate, today);
    if (step <= (sentSteps.get(invoice.id) ?? 0)) continue;
    const lastStep = step === reminderDays.length;
    if (await sendReminder(scope, invoice, step, lastStep)) sent++;
    if (lastStep) {
      const inserted = await scope.tx
        .insert(treasuryReferrals)
        .values({ tenantId: scope.tenant.id, invoiceId: invoice.id, householdId: invoice.householdId, flaggedAt: scope.now, remainingCents: invoice.remainingCents })
        .onConflictDoNothing()
        .returning({ id: treasuryReferrals.invoiceId });
      flagged += inserted.length;
    }
  }
  return { sent, flagged };
}

async function sendReminder(scope: Scope, invoice: InvoiceSummary, step: number, lastStep: boolean): Promise<boolean> {
  const recipients = await householdRecipients(scope.tx, scope.tenant.id, [invoice.householdId]);
  const inserted = await scope.tx
    .insert(invoiceReminders)
    .values({ tenantId: scope.tenant.id, invoiceId: invoice.id, step, householdId: invoice.householdId, sentAt: scope.now, remainingCents: invoice.remainingCents, recipients: recipients.length })
    .onConflictDoNothing()
    .returning({ id: invoiceReminders.invoiceId });
  if (!inserted.length) return false;
  const url = `${env().appUrl}/${scope.tenant.slug}/factures/${invoice.id}`;
  await queueEmails(
    scope.tx,
    "invoice-reminder",
    recipients.map((r) => ({
      to: r.email,
      props: {
        firstName: r.first_name,
        communeName: scope.tenant.name,
        step,
        lastStep,
        invoiceNumber: invoice.number,
        periodLabel: invoice.periodLabel,
        dueDate: formatDate(invoice.dueDate),
        remaining: formatMoney(invoice.remainingCents),
        url,
      },
    })),
  );
  return true;
}

/** Every hour, for every active commune with a reminder schedule (one query for a commune without). */
export function startReminderScheduler(intervalMs = 60 * 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const active = await withPlatform((tx) => tx.select().from(tenants).where(eq(tenants.status, "active")));
      for (const tenant of active) {
        try {
          const outcome = await withScope(tenant, systemActor, runDueReminders);
          if (outcome.sent) console.info(`[recre] ${tenant.slug} : ${outcome.sent} relance(s) envoyée(s), ${outcome.flagged} facture(s) signalée(s) au Trésor public`);
        } catch (error) {
          console.error(`[recre] relances (${tenant.slug})`, error);
        }
      }
    } catch (error) {
      console.error("[recre] relances", error);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void tick(), 45_000).unref();
  setInterval(() => void tick(), intervalMs).unref();
}

/** Where each listed invoice stands now (a reminder or a referral is followed by a payment). */
async function remainingNow(scope: Scope, householdIds: string[]) {
  const standings = await invoiceStandings(scope.tx, scope.tenant.id, [...new Set(householdIds)]);
  return new Map(standings.map((s) => [s.id, s]));
}

/** Staff: the reminders sent, newest first, and whether their invoice is still due. */
export async function listReminders(scope: Scope) {
  const rows = await scope.tx
    .select({ r: invoiceReminders, number: invoices.number, household: households.name, reference: households.reference })
    .from(invoiceReminders)
    .innerJoin(invoices, and(eq(invoices.tenantId, invoiceReminders.tenantId), eq(invoices.id, invoiceReminders.invoiceId)))
    .innerJoin(households, and(eq(households.tenantId, invoiceReminders.tenantId), eq(households.id, invoiceReminders.householdId)))
    .where(eq(invoiceReminders.tenantId, scope.tenant.id))
    .orderBy(desc(invoiceReminders.sentAt))
    .limit(300);
  const now = await remainingNow(scope, rows.map((r) => r.r.householdId));
  return rows.map(({ r, ...x }) => ({ ...x, invoiceId: r.invoiceId, householdId: r.householdId, step: r.step, sentAt: r.sentAt, remainingCents: r.remainingCents, recipients: r.recipients, remainingNowCents: now.get(r.invoiceId)?.remainingCents ?? 0 }));
}

/** Staff: invoices flagged for the treasury (titre exécutoire), with what they still owe. */
export async function listTreasuryReferrals(scope: Scope) {
  const rows = await scope.tx
    .select({ t: treasuryReferrals, household: households })
    .from(treasuryReferrals)
    .innerJoin(households, and(eq(households.tenantId, treasuryReferrals.tenantId), eq(households.id, treasuryReferrals.householdId)))
    .where(eq(treasuryReferrals.tenantId, scope.tenant.id))
    .orderBy(desc(treasuryReferrals.flaggedAt));
  const now = await remainingNow(scope, rows.map((r) => r.t.householdId));
  return rows.map(({ t, household }) => {
    const invoice = now.get(t.invoiceId)!;
    return {
      invoiceId: t.invoiceId,
      householdId: t.householdId,
      number: invoice.number,
      periodLabel: invoice.periodLabel,
      dueDate: invoice.dueDate,
      totalCents: invoice.totalCents,
      flaggedAt: t.flaggedAt,
      remainingNowCents: invoice.remainingCents,
      household: { name: household.name, reference: household.reference, addressLine: household.addressLine, postalCode: household.postalCode, city: household.city },
    };
  });
}

/** The treasury list as a CSV file Excel opens in France: the invoices flagged and still due. */
export async function treasuryCsv(scope: Scope) {
  const due = (await listTreasuryReferrals(scope)).filter((r) => r.remainingNowCents > 0);
  const amount = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");
  const lines = [
    ["N° facture", "Référence famille", "Famille", "Adresse", "Code postal", "Ville", "Période", "Échéance", "Montant facturé (€)", "Reste dû (€)", "Signalée le"].map(cell),
    ...due.map((r) =>
      [r.number, r.household.reference, r.household.name, r.household.addressLine, r.household.postalCode, r.household.city, r.periodLabel, formatDate(r.dueDate), amount(r.totalCents), amount(r.remainingNowCents), formatInstantDay(r.flaggedAt, scope.tenant.timeZone)].map(cell),
    ),
  ];
  await recordAudit(scope, { action: "collection.treasury_exported", detail: { invoices: due.length } });
  return {
    filename: messages.collection.treasuryCsvFilename(todayIn(scope.tenant.timeZone, scope.now)),
    content: `\uFEFF${lines.map((l) => l.join(";")).join("\r\n")}\r\n`,
  };
}
