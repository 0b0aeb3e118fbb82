import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { debitItems, debitRuns, households, invoices, payments, sepaMandates } from "@/db/schema";
import { addDays, formatDate, isCivilDate, isoWeekday, todayIn, zonedInstant } from "@/common/dates";
import { ibanOf, maskedIbanOf } from "./mandate-secrets";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { env } from "@/config/env";
import { AppError, notFound } from "@/server/errors";
import type { Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";
import { queueEmails } from "@/server/email/outbox";
import { allocatePayment, lockHousehold, unpaidInvoices } from "@/server/domain/billing/payments";
import { invoiceStandings } from "@/server/domain/billing/standing";
import { issueInvoices } from "@/server/domain/billing/issue";
import { householdRecipients } from "./households";
import { buildPain008, type Pain008Transaction } from "./pain008";
import { debitOffered, settingsOf } from "./settings";

const m = messages.collection;

/** Families are told of each debit at least this many days before (SEPA Core rulebook default). */
export const PRE_NOTIFICATION_DAYS = 14;

/** The first collection date a run created today may ask for. */
export const earliestCollectionDate = (today: string) => addDays(today, PRE_NOTIFICATION_DAYS);

/** The commune's debit day of the first month that leaves the families 14 days' notice (moved off weekends). */
export function suggestedCollectionDate(today: string, debitDay: number): string {
  const earliest = earliestCollectionDate(today);
  let month = earliest.slice(0, 7);
  let date = `${month}-${String(debitDay).padStart(2, "0")}`;
  if (date < earliest) {
    const next = new Date(`${month}-01T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    month = next.toISOString().slice(0, 7);
    date = `${month}-${String(debitDay).padStart(2, "0")}`;
  }
  while (isoWeekday(date) > 5) date = addDays(date, 1);
  return date;
}

/** One bank transaction per mandate and run: "20261207-JOL-00042-M01". */
const endToEndId = (collectionDate: string, rum: string) => `${collectionDate.replaceAll("-", "")}-${rum}`.slice(0, 35);

async function lockDebits(scope: Scope) {
  await scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`debit-run:${scope.tenant.id}`}))`);
}

/**
 * Staff create a run for a collection date: every issued invoice still due of each household with an
 * active mandate, not already in a live debit, goes in; each family is told by e-mail (amount, date,
 * mandate), so the date must leave them 14 days. FRST for a mandate never debited yet, else RCUR.
 */
export async function createDebitRun(scope: Scope, input: { collectionDate: string }) {
  const settings = await settingsOf(scope.tx, scope.tenant.id);
  if (!debitOffered(settings)) throw new AppError("BAD_REQUEST", m.settingsIncomplete, "collectionDate");
  const { collectionDate } = input;
  if (!isCivilDate(collectionDate)) throw new AppError("BAD_REQUEST", `${messages.fields.collectionDate} : ${messages.calendar.invalidDate}`, "collectionDate");
  const earliest = earliestCollectionDate(todayIn(scope.tenant.timeZone, scope.now));
  if (collectionDate < earliest) throw new AppError("BAD_REQUEST", m.dateTooClose(formatDate(earliest)), "collectionDate");
  if (isoWeekday(collectionDate) > 5) throw new AppError("BAD_REQUEST", m.dateNotBusinessDay, "collectionDate");
  await lockDebits(scope);

  const mandates = await scope.tx
    .select()
    .from(sepaMandates)
    .where(and(eq(sepaMandates.tenantId, scope.tenant.id), eq(sepaMandates.status, "active")));
  if (!mandates.length) throw new AppError("BAD_REQUEST", m.nothingToDebit);
  const live = new Set(
    (
      await scope.tx
        .select({ invoiceId: debitItems.invoiceId })
        .from(debitItems)
        .where(and(eq(debitItems.tenantId, scope.tenant.id), inArray(debitItems.status, ["planned", "collected"])))
    ).map((r) => r.invoiceId),
  );
  const debited = new Set(
    (
      await scope.tx
        .selectDistinct({ mandateId: debitItems.mandateId })
        .from(debitItems)
        .where(and(eq(debitItems.tenantId, scope.tenant.id), eq(debitItems.status, "collected")))
    ).map((r) => r.mandateId),
  );
  const byHousehold = new Map(mandates.map((md) => [md.householdId, md]));
  const due = (await invoiceStandings(scope.tx, scope.tenant.id, [...byHousehold.keys()])).filter((i) => i.remainingCents > 0 && !live.has(i.id));
  if (!due.length) throw new AppError("BAD_REQUEST", m.nothingToDebit);

  const [run] = await scope.tx
    .insert(debitRuns)
    .values({ tenantId: scope.tenant.id, collectionDate, createdAt: scope.now, createdBy: scope.actor.userId })
    .returning();
  await scope.tx.insert(debitItems).values(
    due.map((i) => {
      const mandate = byHousehold.get(i.householdId)!;
      return {
        tenantId: scope.tenant.id,
        runId: run!.id,
        householdId: i.householdId,
        mandateId: mandate.id,
        invoiceId: i.id,
        amountCents: i.remainingCents,
        sequenceType: debited.has(mandate.id) ? ("RCUR" as const) : ("FRST" as const),
      };
    }),
  );
  await preNotify(scope, { collectionDate, creditorId: settings.creditorId, due, byHousehold });
  await recordAudit(scope, { action: "collection.debit_run_created", detail: { runId: run!.id, invoices: due.length, households: new Set(due.map((d) => d.householdId)).size } });
  return { runId: run!.id, invoiceCount: due.length, totalCents: due.reduce((s, d) => s + d.remainingCents, 0) };
}

/** The pre-notification: each family learns the amount, the date and the mandate of its debit. */
async function preNotify(
  scope: Scope,
  a: { collectionDate: string; creditorId: string; due: { householdId: string; number: string; remainingCents: number }[]; byHousehold: Map<string, typeof sepaMandates.$inferSelect> },
) {
  const recipients = await householdRecipients(scope.tx, scope.tenant.id, [...new Set(a.due.map((d) => d.householdId))]);
  const url = `${env().appUrl}/${scope.tenant.slug}/prelevement`;
  await queueEmails(
    scope.tx,
    "debit-prenotification",
    recipients.map((r) => {
      const mine = a.due.filter((d) => d.householdId === r.household_id);
      const mandate = a.byHousehold.get(r.household_id)!;
      return {
        to: r.email,
        props: {
          firstName: r.first_name,
          communeName: scope.tenant.name,
          amount: formatMoney(mine.reduce((s, d) => s + d.remainingCents, 0)),
          collectionDate: formatDate(a.collectionDate),
          invoiceNumbers: mine.map((d) => d.number),
          rum: mandate.rum,
          creditorId: a.creditorId,
          ibanMasked: maskedIbanOf(mandate),
          url,
        },
      };
    }),
  );
}

async function runOf(scope: Scope, runId: string, lock = false) {
  const query = scope.tx
    .select()
    .from(debitRuns)
    .where(and(eq(debitRuns.tenantId, scope.tenant.id), eq(debitRuns.id, runId)));
  const [run] = lock ? await query.for("update") : await query;
  if (!run) throw new AppError("NOT_FOUND", m.runNotFound, "runId");
  return run;
}

/**
 * Closes a run for the bank: each transaction takes what its invoices still owe (an invoice paid
 * meanwhile, or a mandate revoked, is skipped) and becomes one payment by direct debit, allocated to
 * its invoices. Done once: a second export finds the run exported and changes nothing.
 */
export async function exportDebitRun(scope: Scope, input: { runId: string }) {
  const run = await runOf(scope, input.runId, true);
  if (run.status === "exported") return { runId: run.id, alreadyExported: true };
  const items = await scope.tx
    .select({ item: debitItems, mandate: sepaMandates })
    .from(debitItems)
    .innerJoin(sepaMandates, and(eq(sepaMandates.tenantId, debitItems.tenantId), eq(sepaMandates.id, debitItems.mandateId)))
    .where(and(eq(debitItems.tenantId, scope.tenant.id), eq(debitItems.runId, run.id), eq(debitItems.status, "planned")))
    .orderBy(asc(debitItems.householdId));
  const settledAt = zonedInstant(run.collectionDate, "12:00", scope.tenant.timeZone);
  for (const mandateId of new Set(items.map((i) => i.item.mandateId))) {
    const mine = items.filter((i) => i.item.mandateId === mandateId);
    const { mandate, item: first } = mine[0]!;
    await lockHousehold(scope.tx, scope.tenant.id, first.householdId);
    const open = await unpaidInvoices(scope, { householdId: first.householdId });
    const plan = mine.map(({ item }) => ({ item, cents: mandate.status === "active" ? Math.min(item.amountCents, open.find((o) => o.id === item.invoiceId)?.remainingCents ?? 0) : 0 }));
    const collected = plan.filter((p) => p.cents > 0);
    const skipped = plan.filter((p) => p.cents === 0).map((p) => p.item.id);
    if (skipped.length) await scope.tx.update(debitItems).set({ status: "skipped" }).where(and(eq(debitItems.tenantId, scope.tenant.id), inArray(debitItems.id, skipped)));
    if (!collected.length) continue;
    const total = collected.reduce((s, p) => s + p.cents, 0);
    const [payment] = await scope.tx
      .insert(payments)
      .values({
        tenantId: scope.tenant.id,
        householdId: first.householdId,
        method: "direct_debit",
        amountCents: total,
        status: "succeeded",
        purpose: "invoices",
        providerRef: `sepa:${run.id}:${mandateId}`,
        reference: m.debitPaymentReference(mandate.rum),
        createdAt: scope.now,
        settledAt,
        recordedBy: scope.actor.userId,
      })
      .returning({ id: payments.id });
    await allocatePayment(scope.tx, scope.tenant.id, payment!.id, total, open, collected.map((p) => ({ invoiceId: p.item.invoiceId, amountCents: p.cents })));
    for (const p of collected) {
      await scope.tx.update(debitItems).set({ status: "collected", amountCents: p.cents, paymentId: payment!.id }).where(and(eq(debitItems.tenantId, scope.tenant.id), eq(debitItems.id, p.item.id)));
    }
  }
  await scope.tx.update(debitRuns).set({ status: "exported", exportedAt: scope.now }).where(and(eq(debitRuns.tenantId, scope.tenant.id), eq(debitRuns.id, run.id)));
  await recordAudit(scope, { action: "collection.debit_run_exported", detail: { runId: run.id } });
  return { runId: run.id, alreadyExported: false };
}

/** The pain.008 file of an exported run, rebuilt identically each time from what was recorded. */
export async function debitFile(scope: Scope, input: { runId: string }) {
  const run = await runOf(scope, input.runId);
  if (run.status !== "exported" || !run.exportedAt) throw new AppError("BAD_REQUEST", m.notExported, "runId");
  const settings = await settingsOf(scope.tx, scope.tenant.id);
  const rows = await scope.tx
    .select({ item: debitItems, mandate: sepaMandates, number: invoices.number })
    .from(debitItems)
    .innerJoin(sepaMandates, and(eq(sepaMandates.tenantId, debitItems.tenantId), eq(sepaMandates.id, debitItems.mandateId)))
    .innerJoin(invoices, and(eq(invoices.tenantId, debitItems.tenantId), eq(invoices.id, debitItems.invoiceId)))
    .where(and(eq(debitItems.tenantId, scope.tenant.id), eq(debitItems.runId, run.id), inArray(debitItems.status, ["collected", "rejected"])))
    .orderBy(asc(sepaMandates.rum), asc(invoices.number));
  const transactions: Pain008Transaction[] = [];
  for (const mandateId of new Set(rows.map((r) => r.item.mandateId))) {
    const mine = rows.filter((r) => r.item.mandateId === mandateId);
    const { mandate, item } = mine[0]!;
    transactions.push({
      endToEndId: endToEndId(run.collectionDate, mandate.rum),
      amountCents: mine.reduce((s, r) => s + r.item.amountCents, 0),
      sequenceType: item.sequenceType,
      rum: mandate.rum,
      signatureDate: mandate.signatureDate,
      debtorName: mandate.holderName,
      iban: ibanOf(mandate),
      bic: mandate.bic,
      remittance: `${scope.tenant.name} factures ${mine.map((r) => r.number).join(" ")}`,
    });
  }
  const xml = buildPain008({
    messageId: `RECRE-${run.id.replaceAll("-", "").slice(0, 24)}`,
    createdAt: run.exportedAt,
    collectionDate: run.collectionDate,
    creditor: { name: `Commune de ${scope.tenant.name}`, iban: settings.creditorIban, bic: settings.creditorBic, creditorId: settings.creditorId },
    transactions,
  });
  await recordAudit(scope, { action: "collection.debit_file_downloaded", detail: { runId: run.id, transactions: transactions.length } });
  return { filename: `prelevements-${run.collectionDate}.xml`, content: xml };
}

/** Staff: the commune's runs, newest first, with their totals. */
export async function listDebitRuns(scope: Scope) {
  const runs = await scope.tx.select().from(debitRuns).where(eq(debitRuns.tenantId, scope.tenant.id)).orderBy(desc(debitRuns.createdAt)).limit(60);
  const items = runs.length
    ? await scope.tx
        .select({ runId: debitItems.runId, status: debitItems.status, amountCents: debitItems.amountCents })
        .from(debitItems)
        .where(and(eq(debitItems.tenantId, scope.tenant.id), inArray(debitItems.runId, runs.map((r) => r.id))))
    : [];
  const settings = await settingsOf(scope.tx, scope.tenant.id);
  const today = todayIn(scope.tenant.timeZone, scope.now);
  return {
    offered: debitOffered(settings),
    suggestedDate: suggestedCollectionDate(today, settings.debitDay),
    earliestDate: earliestCollectionDate(today),
    runs: runs.map((r) => {
      const mine = items.filter((i) => i.runId === r.id && i.status !== "skipped");
      return { ...r, invoiceCount: mine.length, totalCents: mine.filter((i) => i.status !== "rejected").reduce((s, i) => s + i.amountCents, 0) };
    }),
  };
}

/** Staff: one run's transactions (a mandate each) with their invoices and state. */
export async function debitRunDetail(scope: Scope, input: { runId: string }) {
  const run = await runOf(scope, input.runId);
  const rows = await scope.tx
    .select({ item: debitItems, rum: sepaMandates.rum, holderName: sepaMandates.holderName, iban: sepaMandates.iban, household: households.name, reference: households.reference, number: invoices.number })
    .from(debitItems)
    .innerJoin(sepaMandates, and(eq(sepaMandates.tenantId, debitItems.tenantId), eq(sepaMandates.id, debitItems.mandateId)))
    .innerJoin(households, and(eq(households.tenantId, debitItems.tenantId), eq(households.id, debitItems.householdId)))
    .innerJoin(invoices, and(eq(invoices.tenantId, debitItems.tenantId), eq(invoices.id, debitItems.invoiceId)))
    .where(and(eq(debitItems.tenantId, scope.tenant.id), eq(debitItems.runId, run.id)))
    .orderBy(asc(households.reference), asc(invoices.number));
  const transactions = [...new Set(rows.map((r) => r.item.mandateId))].map((mandateId) => {
    const mine = rows.filter((r) => r.item.mandateId === mandateId);
    const r = mine[0]!;
    return {
      mandateId,
      householdId: r.item.householdId,
      household: r.household,
      reference: r.reference,
      rum: r.rum,
      holderName: r.holderName,
      ibanMasked: maskedIbanOf({ tenantId: scope.tenant.id, id: mandateId, iban: r.iban }),
      sequenceType: r.item.sequenceType,
      status: r.item.status,
      rejectReason: r.item.rejectReason,
      invoices: mine.map((x) => ({ id: x.item.invoiceId, number: x.number, amountCents: x.item.amountCents, status: x.item.status })),
      amountCents: mine.filter((x) => x.item.status !== "skipped").reduce((s, x) => s + x.item.amountCents, 0),
    };
  });
  return { run, transactions };
}

/**
 * The bank returned a debit (R-transaction): its payment fails, so its invoices are due again, and
 * the commune's bank fee, if it charges one, is billed on a new invoice. Recorded once.
 */
export async function recordRejectedDebit(scope: Scope, input: { runId: string; mandateId: string; reason: string }) {
  const run = await runOf(scope, input.runId, true);
  if (!m.rejectReasons[input.reason]) throw new AppError("BAD_REQUEST", `${messages.fields.reason} : ${messages.validation.invalidChoice}`, "reason");
  const items = await scope.tx
    .select()
    .from(debitItems)
    .where(and(eq(debitItems.tenantId, scope.tenant.id), eq(debitItems.runId, run.id), eq(debitItems.mandateId, input.mandateId), inArray(debitItems.status, ["collected", "rejected"])));
  if (!items.length) throw notFound();
  if (items.some((i) => i.status === "rejected")) throw new AppError("CONFLICT", m.alreadyRejected);
  const householdId = items[0]!.householdId;
  await lockHousehold(scope.tx, scope.tenant.id, householdId);
  const paymentIds = [...new Set(items.map((i) => i.paymentId!))];
  await scope.tx.update(payments).set({ status: "failed" }).where(and(eq(payments.tenantId, scope.tenant.id), inArray(payments.id, paymentIds)));
  const settings = await settingsOf(scope.tx, scope.tenant.id);
  let feeInvoiceId: string | null = null;
  if (settings.rejectFeeCents > 0) {
    const today = todayIn(scope.tenant.timeZone, scope.now);
    const [fee] = await issueInvoices(scope.tx, scope.tenant, { kind: "monthly", runId: null, periodLabel: m.feePeriod, issuedAt: scope.now, dueDate: addDays(today, 15) }, [
      {
        householdId,
        lines: [{ childId: null, activityId: null, kind: "penalty", label: m.feeLine(formatDate(run.collectionDate)), dates: [], quantity: 1, unitPriceCents: settings.rejectFeeCents, amountCents: settings.rejectFeeCents }],
        bookings: [],
        attendance: [],
      },
    ]);
    feeInvoiceId = fee!.id;
  }
  await scope.tx
    .update(debitItems)
    .set({ status: "rejected", rejectedAt: scope.now, rejectReason: input.reason, feeInvoiceId })
    .where(and(eq(debitItems.tenantId, scope.tenant.id), inArray(debitItems.id, items.map((i) => i.id))));
  await recordAudit(scope, { action: "collection.debit_rejected", householdId, detail: { runId: run.id, reason: input.reason, feeCents: settings.rejectFeeCents } });
  await tellRejected(scope, { run, householdId, mandateId: input.mandateId, reason: input.reason, items, feeCents: settings.rejectFeeCents });
  return { reopened: items.length, feeInvoiceId };
}

/** The family learns, in the same transaction (sent once), that the bank returned its debit and what is due again. */
async function tellRejected(
  scope: Scope,
  a: { run: { collectionDate: string }; householdId: string; mandateId: string; reason: string; items: { invoiceId: string; amountCents: number }[]; feeCents: number },
) {
  const [mandate] = await scope.tx.select().from(sepaMandates).where(and(eq(sepaMandates.tenantId, scope.tenant.id), eq(sepaMandates.id, a.mandateId)));
  const numbers = await scope.tx
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.tenantId, scope.tenant.id), inArray(invoices.id, a.items.map((i) => i.invoiceId))))
    .orderBy(asc(invoices.number));
  const recipients = await householdRecipients(scope.tx, scope.tenant.id, [a.householdId]);
  await queueEmails(
    scope.tx,
    "debit-rejected",
    recipients.map((r) => ({
      to: r.email,
      props: {
        firstName: r.first_name,
        communeName: scope.tenant.name,
        amount: formatMoney(a.items.reduce((s, i) => s + i.amountCents, 0)),
        collectionDate: formatDate(a.run.collectionDate),
        reason: m.rejectReasons[a.reason] ?? a.reason,
        invoiceNumbers: numbers.map((n) => n.number),
        rum: mandate!.rum,
        ibanMasked: maskedIbanOf(mandate!),
        fee: a.feeCents > 0 ? formatMoney(a.feeCents) : null,
        url: `${env().appUrl}/${scope.tenant.slug}/factures`,
      },
    })),
  );
}
