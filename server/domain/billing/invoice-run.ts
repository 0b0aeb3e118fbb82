import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { invoiceRuns } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { queueEmails } from "@/server/email/outbox";
import { env } from "@/config/env";
import { AppError } from "@/server/errors";
import { now as clockNow } from "@/common/clock";
import { addDays, formatMonth, monthRange, shiftMonth, todayIn, type CivilDate } from "@/common/dates";
import { messages } from "@/common/messages";
import { billingModeSql, modesInUse } from "./billing-mode";
import { chargeLines, type Charge, type LineKind } from "./charge-lines";
import { issueInvoices, type IssuedInvoice } from "./issue";
import { householdBalances } from "./ledger";
import { dayPrice } from "./pricing-service";

export type { LineKind } from "./charge-lines";

/**
 * End-of-month invoicing. A run bills one month for every household with something to bill, over
 * the activities billed by invoice (the commune's mode, or the activity's own) with the run's timing:
 * - advance (périscolaire): the confirmed bookings of the month, not billed yet, and those of the
 *   previous month booked after its invoice (a regularisation, so a late booking is never free);
 * - arrears (petite enfance, or any activity): the month's attendance — booked and present (or not
 *   marked), unjustified absence (penalty % of the unit price), excused (not charged), presence
 *   without booking (surcharge %).
 * Either way, bookings billed in advance earlier and since cancelled or excused are credited, and
 * presences without booking of earlier months not billed yet are charged, as regularisation lines.
 * What was billed is recorded (billed_bookings, billed_attendance) in the issuing transaction, so a
 * re-run, a retried batch or a concurrent run never bills the same day twice.
 */

export type RunMode = "advance" | "arrears";
export interface RunInput {
  period: string;
  mode: RunMode;
}

export interface DraftLine {
  childId: string;
  childName: string;
  activityId: string;
  activityName: string;
  kind: LineKind;
  label: string;
  dates: CivilDate[];
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
}

export interface DraftInvoice {
  householdId: string;
  reference: string;
  name: string;
  lines: DraftLine[];
  totalCents: number;
  previousBalanceCents: number;
  warnings: string[];
  /** What this invoice bills, recorded when it is issued. */
  bookings: { bookingId: string; kind: "charge" | "regularisation" }[];
  attendance: { activityId: string; date: CivilDate; childId: string }[];
}

/** Households per batch when the UI issues a run step by step. */
export const BATCH_SIZE = 50;

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

async function checkInput(tx: Tx, tenant: Tenant, input: RunInput) {
  if (!PERIOD.test(input.period)) throw new AppError("BAD_REQUEST", messages.billing.invalidPeriod, "period");
  if (!(await modesInUse(tx, tenant)).invoice) throw new AppError("BAD_REQUEST", messages.billing.notInvoiceMode);
}

/** "Décembre 2026" */
export function periodLabel(period: string): string {
  const label = formatMonth(period);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** 15th of the month after the issue day: always at least 15 days to pay. */
export function dueDateFor(issueDay: CivilDate): CivilDate {
  const fifteenth = `${shiftMonth(issueDay.slice(0, 7), 1)}-15`;
  const floor = addDays(issueDay, 15);
  return fifteenth >= floor ? fifteenth : floor;
}

const tariffOf = (alias: string, dateExpr: string) =>
  sql.raw(`left join lateral (
      select t.pricing from tariffs t
      where t.tenant_id = ${alias}.tenant_id and t.activity_id = ${alias}.activity_id and t.valid_from <= ${dateExpr}
      order by t.valid_from desc limit 1
    ) tf on true`);
function householdFilter(householdIds: string[] | undefined): SQL {
  if (!householdIds) return sql``;
  return sql`and c.household_id in (${sql.join(
    householdIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

interface RunWindow {
  tenantId: string;
  tenantMode: Tenant["billingMode"];
  /**
   * First day of the previous month when its run of this mode is issued (its bookings made after
   * its invoice are billed now), else the month's first day: a month not invoiced yet keeps its
   * own bookings for its own run, whichever of two runs started at once gets the lock first.
   */
  lookbackFrom: CivilDate;
  from: CivilDate;
  to: CivilDate;
  today: CivilDate;
  mode: RunMode;
}

/** The joins that price a row: activity name and the tariff in force on its day. */
const pricedJoins = (alias: string) => sql`join activities a on a.tenant_id = ${sql.raw(alias)}.tenant_id and a.id = ${sql.raw(alias)}.activity_id
  ${tariffOf(alias, `${alias}.date`)}`;

/** The activities this run bills: invoiced (by the commune's default or their own mode) with the run's timing. */
const runActivities = (s: RunWindow) => sql`(select x.id from activities x where x.tenant_id = ${s.tenantId}
  and ${billingModeSql({ billingMode: s.tenantMode }, "x")} = 'invoice' and x.invoice_timing = ${s.mode})`;

/*
 * "Not billed yet" is asked below as a lateral subquery with LIMIT 1 on the billed table's primary
 * key, not as NOT EXISTS or a join: PostgreSQL cannot flatten it, so it stays one index probe per
 * row whatever the statistics say. With NOT EXISTS, statistics taken before a run (a commune's
 * first run, or any run faster than autovacuum's next ANALYZE) estimate one billed row, and the
 * planner scanned the commune's whole billed_bookings for every booking of a batch: each batch
 * slower than the last, hundreds of seconds for 5,000 households.
 */
const billedProbe = (kind: "charge" | "regularisation", as: string) =>
  sql.raw(`left join lateral (select true as done from billed_bookings x where x.tenant_id = b.tenant_id
      and x.booking_id = b.id and x.kind = '${kind}' limit 1) ${as} on true`);

/** The bookings of the month to charge (arrears: only days already past), and the previous month's left unbilled. */
const chargeFrom = (s: RunWindow, hf: SQL, joins: SQL = sql``) => sql`
  from bookings b
  join children c on c.tenant_id = b.tenant_id and c.id = b.child_id
  left join attendance at on at.tenant_id = b.tenant_id and at.activity_id = b.activity_id and at.date = b.date and at.child_id = b.child_id
  ${billedProbe("charge", "billed")}
  ${joins}
  where b.tenant_id = ${s.tenantId} and b.status = 'confirmed' and b.date >= ${s.lookbackFrom}
    and b.activity_id in ${runActivities(s)}
    and b.date <= ${s.mode === "arrears" && s.today < s.to ? s.today : s.to}
    and billed.done is null
    ${s.mode === "arrears" ? sql`and (at.status is null or at.status <> 'excused')` : sql``}
    ${hf}`;

/** Bookings of earlier months billed in advance, since cancelled or excused, not regularised yet. */
const regularisationFrom = (s: RunWindow, hf: SQL, joins: SQL = sql``) => sql`
  from bookings b
  join children c on c.tenant_id = b.tenant_id and c.id = b.child_id
  join lateral (select i.run_id from billed_bookings bb join invoices i on i.tenant_id = bb.tenant_id and i.id = bb.invoice_id
      where bb.tenant_id = b.tenant_id and bb.booking_id = b.id and bb.kind = 'charge' and i.kind = 'monthly' limit 1) charged on true
  left join invoice_runs r on r.tenant_id = b.tenant_id and r.id = charged.run_id
  left join attendance at on at.tenant_id = b.tenant_id and at.activity_id = b.activity_id and at.date = b.date and at.child_id = b.child_id
  ${billedProbe("regularisation", "regularised")}
  ${joins}
  where b.tenant_id = ${s.tenantId} and b.date < ${s.from} and (r.mode is null or r.mode = 'advance')
    and b.activity_id in ${runActivities(s)}
    and (b.status = 'cancelled' or (b.status = 'confirmed' and at.status = 'excused'))
    and regularised.done is null
    ${hf}`;

/** Presences without booking not billed yet: of the month and before (arrears), of earlier months (advance). */
const unbookedFrom = (s: RunWindow, hf: SQL, joins: SQL = sql``) => sql`
  from attendance at
  join children c on c.tenant_id = at.tenant_id and c.id = at.child_id
  left join lateral (select true as done from billed_attendance x where x.tenant_id = at.tenant_id and x.activity_id = at.activity_id
      and x.date = at.date and x.child_id = at.child_id limit 1) billed on true
  ${joins}
  where at.tenant_id = ${s.tenantId} and at.status = 'unbooked_present'
    and at.activity_id in ${runActivities(s)}
    and at.date ${s.mode === "arrears" ? sql`<= ${s.to}` : sql`< ${s.from}`}
    and billed.done is null
    ${hf}`;

async function scopeOf(tx: Tx, tenant: Tenant, input: RunInput): Promise<RunWindow> {
  const { from, to } = monthRange(input.period);
  const previous = shiftMonth(input.period, -1);
  const [issued] = await tx
    .select({ id: invoiceRuns.id })
    .from(invoiceRuns)
    .where(and(eq(invoiceRuns.tenantId, tenant.id), eq(invoiceRuns.period, previous), eq(invoiceRuns.mode, input.mode), eq(invoiceRuns.status, "issued")))
    .limit(1);
  const lookbackFrom = issued ? `${previous}-01` : from;
  return { tenantId: tenant.id, tenantMode: tenant.billingMode, lookbackFrom, from, to, today: todayIn(tenant.timeZone, clockNow()), mode: input.mode };
}

/**
 * The next households with something to bill for the run, in reference order, after `after` (a
 * family reference) when given, `limit` at most. Households are walked in that order and each is
 * asked whether it has anything to bill, so a batch costs what its own families hold, not what
 * the whole month holds.
 */
async function nextHouseholds(tx: Tx, scope: RunWindow, after: string | null, limit: number): Promise<string[]> {
  const own = sql`and c.household_id = h.id`;
  // LATERAL … LIMIT 1, not EXISTS: PostgreSQL turns a correlated EXISTS into a hashed subplan that
  // reads the whole month once per batch; a lateral probe stays one indexed look per family.
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`select h.id from households h
        left join lateral (select 1 as yes ${chargeFrom(scope, own)} limit 1) charge on true
        left join lateral (select 1 as yes ${regularisationFrom(scope, own)} limit 1) regularisation on true
        left join lateral (select 1 as yes ${unbookedFrom(scope, own)} limit 1) unbooked on true
      where h.tenant_id = ${scope.tenantId} ${after === null ? sql`` : sql`and h.reference > ${after}`}
        and (charge.yes is not null or regularisation.yes is not null or unbooked.yes is not null)
      order by h.reference ${Number.isFinite(limit) ? sql`limit ${limit}` : sql``}`),
  );
  return rows.map((r) => r.id);
}

interface Row {
  household_id: string;
  child_id: string;
  first_name: string;
  last_name: string;
  activity_id: string;
  activity_name: string;
  date: CivilDate;
  unit_price_cents: number | null;
  reduction_percent: number;
  meal_cents: number;
  penalty_pct: number;
  surcharge_pct: number;
}

const kindOrder: Record<LineKind, number> = { service: 0, meal: 1, penalty: 2, surcharge: 3, regularisation: 4 };

/** Days of one child and activity billed alike, gathered before the line is priced. */
interface Group {
  childId: string;
  childName: string;
  activityId: string;
  charge: Omit<Charge, "quantity">;
  dates: CivilDate[];
}

/** Lines and totals per household, computed from the database, without writing anything. */
export async function computeDrafts(scope: Scope, input: RunInput & { householdIds?: string[] }): Promise<DraftInvoice[]> {
  const { tx, tenant } = scope;
  await checkInput(tx, tenant, input);
  if (input.householdIds && input.householdIds.length === 0) return [];
  return draftsIn(tx, await scopeOf(tx, tenant, input), input.householdIds);
}

/** The drafts of a run's window, for these households (all when not given). */
async function draftsIn(tx: Tx, window: RunWindow, householdIds?: string[]): Promise<DraftInvoice[]> {
  if (householdIds && householdIds.length === 0) return [];
  const rows = await billableRows(tx, window.tenantId, window, householdFilter(householdIds));
  const drafts = await emptyDrafts(tx, window.tenantId, rows);
  gatherRows(drafts, rows, window);
  return [...drafts.values()].flatMap((d) => finishDraft(d) ?? []);
}

type ChargeRow = Row & { booking_id: string; attendance: string | null };
type RegularisationRow = Row & { booking_id: string; status: string };

/** Everything the run may bill for these households: charges, regularisations, presences without booking. */
interface BillableRows {
  charges: ChargeRow[];
  regularisations: RegularisationRow[];
  unbooked: Row[];
}

/** The three reads of a run (one statement each, whatever the number of households). */
async function billableRows(tx: Tx, tenantId: string, window: RunWindow, hf: SQL): Promise<BillableRows> {
  const common = sql.raw(`c.household_id, c.first_name, c.last_name, a.name as activity_name,
      coalesce((tf.pricing->>'mealCents')::int, 0) as meal_cents,
      coalesce((tf.pricing->>'absencePenaltyPercent')::int, 100) as penalty_pct,
      coalesce((tf.pricing->>'unbookedSurchargePercent')::int, 100) as surcharge_pct`);
  const charges = rowsOf<ChargeRow>(
    await tx.execute(sql`select b.id as booking_id, b.child_id, b.activity_id, b.date::text as date, b.unit_price_cents, b.reduction_percent, at.status as attendance, ${common}
      ${chargeFrom(window, hf, pricedJoins("b"))}`),
  );
  const regularisations = rowsOf<RegularisationRow>(
    await tx.execute(sql`select b.id as booking_id, b.child_id, b.activity_id, b.date::text as date, b.unit_price_cents, b.reduction_percent, b.status, ${common}
      ${regularisationFrom(window, hf, pricedJoins("b"))}`),
  );
  // No booking, so no snapshot: the tariff in force that day, at the household's QF that day and its residency.
  const unbooked = rowsOf<Row>(
    await tx.execute(sql`select at.child_id, at.activity_id, at.date::text as date, null::int as unit_price_cents, 0 as reduction_percent, ${common}
      ${unbookedFrom(window, hf, pricedJoins("at"))}`),
  );
  for (const r of unbooked) r.unit_price_cents = (await dayPrice(tx, tenantId, r.child_id, r.activity_id, r.date))?.unitCents ?? null;
  return { charges, regularisations, unbooked };
}

/** A draft while its rows are gathered: days billed alike, and days without a price (a warning). */
type DraftInProgress = DraftInvoice & { groups: Map<string, Group>; missing: Map<string, number> };

/** One empty draft per household with rows, in reference order (the numbering order). */
async function emptyDrafts(tx: Tx, tenantId: string, rows: BillableRows): Promise<Map<string, DraftInProgress>> {
  const drafts = new Map<string, DraftInProgress>();
  const ids = [...new Set([...rows.charges, ...rows.regularisations, ...rows.unbooked].map((r) => r.household_id))];
  if (!ids.length) return drafts;
  const households = rowsOf<{ id: string; reference: string; name: string }>(
    await tx.execute(sql`select id, reference, name from households where tenant_id = ${tenantId}
      and id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) order by reference, id`),
  );
  for (const h of households) {
    drafts.set(h.id, { householdId: h.id, reference: h.reference, name: h.name, lines: [], totalCents: 0, previousBalanceCents: 0, warnings: [], bookings: [], attendance: [], groups: new Map(), missing: new Map() });
  }
  return drafts;
}

/** Days billed alike are gathered first: each line is priced once for all its days (`chargeLines`). */
function addToGroup(draft: DraftInProgress, r: Row, kind: Charge["kind"], label: Charge["label"], unitCents: number, percentOfPrice = 100) {
  const key = [r.child_id, r.activity_id, kind, label(""), unitCents, r.reduction_percent, percentOfPrice, r.meal_cents].join("|");
  let group = draft.groups.get(key);
  if (!group) {
    group = {
      childId: r.child_id,
      childName: `${r.first_name} ${r.last_name}`,
      activityId: r.activity_id,
      charge: { kind, label, activityName: r.activity_name, unitCents, percentOff: r.reduction_percent, percentOfPrice, mealCents: r.meal_cents },
      dates: [],
    };
    draft.groups.set(key, group);
  }
  group.dates.push(r.date);
}

/** A row's unit price; a day without one is billed 0 and counted for the draft's warning. */
function unitOf(draft: DraftInProgress, r: Row): number {
  if (r.unit_price_cents === null) {
    const key = `${r.first_name}|${r.activity_name}`;
    draft.missing.set(key, (draft.missing.get(key) ?? 0) + 1);
  }
  return r.unit_price_cents ?? 0;
}

/** Puts every row in its household's draft, as the line it bills and the record of what is billed. */
function gatherRows(drafts: Map<string, DraftInProgress>, rows: BillableRows, window: RunWindow) {
  const L = messages.billing.lines;
  for (const r of rows.charges) {
    const draft = drafts.get(r.household_id)!;
    const unit = unitOf(draft, r);
    // A day of the previous month booked after its invoice keeps its kind (meals stay apart) and says why it comes now.
    const late = (label: string) => (r.date < window.from ? L.late(label) : label);
    if (window.mode === "arrears" && r.attendance === "absent") {
      // Even at 0 % the day is shown (and recorded), so the family sees it was not charged.
      addToGroup(draft, r, "penalty", (t) => late(L.penalty(t, r.penalty_pct)), unit, r.penalty_pct);
    } else {
      addToGroup(draft, r, "service", (t) => late(L.service(t)), unit);
    }
    draft.bookings.push({ bookingId: r.booking_id, kind: "charge" });
  }
  for (const r of rows.regularisations) {
    const draft = drafts.get(r.household_id)!;
    addToGroup(draft, r, "regularisation", r.status === "cancelled" ? L.cancelled : L.excused, -unitOf(draft, r));
    draft.bookings.push({ bookingId: r.booking_id, kind: "regularisation" });
  }
  for (const r of rows.unbooked) {
    const draft = drafts.get(r.household_id)!;
    const unit = unitOf(draft, r);
    const current = r.date >= window.from;
    addToGroup(draft, r, current ? "surcharge" : "regularisation", (t) => (current ? L.surcharge(t, r.surcharge_pct) : L.unbooked(t, r.surcharge_pct)), unit, r.surcharge_pct);
    draft.attendance.push({ activityId: r.activity_id, date: r.date, childId: r.child_id });
  }
}

/** The draft's lines in reading order (child, activity, kind, label), its total and warnings; null when it bills nothing. */
function finishDraft({ groups, missing, ...draft }: DraftInProgress): DraftInvoice | null {
  if (!groups.size && !draft.bookings.length && !draft.attendance.length) return null;
  const sorted = [...groups.values()].sort(
    (a, b) =>
      a.childName.localeCompare(b.childName, "fr") ||
      a.charge.activityName.localeCompare(b.charge.activityName, "fr") ||
      kindOrder[a.charge.kind] - kindOrder[b.charge.kind] ||
      a.charge.label(a.charge.activityName).localeCompare(b.charge.label(b.charge.activityName), "fr"),
  );
  for (const g of sorted) {
    const dates = [...g.dates].sort();
    for (const line of chargeLines({ ...g.charge, quantity: dates.length })) {
      draft.lines.push({ childId: g.childId, childName: g.childName, activityId: g.activityId, activityName: g.charge.activityName, dates, quantity: dates.length, ...line });
    }
  }
  draft.totalCents = draft.lines.reduce((sum, l) => sum + l.amountCents, 0);
  for (const [key, n] of missing) {
    const [child, activity] = key.split("|") as [string, string];
    draft.warnings.push(messages.billing.warnings.noPrice(child, activity, n));
  }
  return draft;
}

export interface RunPreview {
  period: string;
  periodLabel: string;
  mode: RunMode;
  households: (Omit<DraftInvoice, "bookings" | "attendance"> & { toPayCents: number })[];
  invoiceCount: number;
  lineCount: number;
  totalCents: number;
  warnings: string[];
}

/** What a run would issue, household by household, without writing anything. */
export async function previewRun(scope: Scope, input: RunInput): Promise<RunPreview> {
  const { tx, tenant } = scope;
  const drafts = await computeDrafts(scope, input);
  const balances = await householdBalances({ tx, tenant }, { householdIds: drafts.map((d) => d.householdId) });
  const households = [];
  for (const { bookings: _b, attendance: _a, ...d } of drafts) {
    void _b;
    void _a;
    const previousBalanceCents = balances.get(d.householdId) ?? 0;
    households.push({ ...d, previousBalanceCents, toPayCents: previousBalanceCents + d.totalCents });
  }
  return {
    period: input.period,
    periodLabel: periodLabel(input.period),
    mode: input.mode,
    households,
    invoiceCount: households.length,
    lineCount: households.reduce((n, h) => n + h.lines.length, 0),
    totalCents: households.reduce((n, h) => n + h.totalCents, 0),
    warnings: households.flatMap((h) => h.warnings.map((w) => `${h.reference} ${h.name} : ${w}`)),
  };
}

/**
 * One run's work is serialised per commune: numbers stay gapless and in order, and two runs (or
 * two batches of one run) never bill the same booking. The lock ends with the transaction.
 */
export async function lockTenantBilling(tx: Tx, tenantId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invoice-run:${tenantId}`}))`);
}

export type { IssuedInvoice } from "./issue";

/**
 * Issues the invoices of the given drafts (`issueInvoices`: numbers in the drafts' order, lines,
 * what they bill) and queues the e-mail notices.
 */
async function writeInvoices(tx: Tx, tenant: Tenant, runId: string, input: RunInput, drafts: DraftInvoice[]): Promise<IssuedInvoice[]> {
  if (!drafts.length) return [];
  /*
   * The foreign-key checks of the rows below (a batch's thousand billed bookings against invoices
   * and bookings) are one cached plan per connection. Made while a commune's invoices were few, a
   * generic plan scans the table, and every batch of a run gets slower than the last; planning
   * each check anew (force_custom_plan) costs as much as the insert itself. So: the plans cached
   * so far are dropped, and those made while writing may not scan a table (index look-ups only).
   */
  await tx.execute(sql`discard plans`);
  await tx.execute(sql`set local enable_seqscan = off`);
  const issuedAt = clockNow();
  const label = periodLabel(input.period);
  const issued = await issueInvoices(tx, tenant, { kind: "monthly", runId, periodLabel: label, issuedAt, dueDate: dueDateFor(todayIn(tenant.timeZone, issuedAt)) }, drafts);
  await tx.execute(sql`set local enable_seqscan = on`);
  await notifyEmailHouseholds(
    tx,
    tenant,
    issued.map((i) => i.householdId),
    label,
  );
  return issued;
}

/** E-invoice households get a notice (no amount, nothing personal but a first name). */
async function notifyEmailHouseholds(tx: Tx, tenant: Tenant, householdIds: string[], label: string) {
  if (!householdIds.length) return;
  const recipients = rowsOf<{ email: string; first_name: string }>(
    await tx.execute(sql`select distinct on (lower(coalesce(u.email, g.email))) coalesce(u.email, g.email) as email, g.first_name
      from households h
      join guardians g on g.tenant_id = h.tenant_id and g.household_id = h.id
      left join users u on u.id = g.user_id
      where h.tenant_id = ${tenant.id} and h.invoice_delivery = 'email' and coalesce(u.email, g.email) is not null
        and h.id in (${sql.join(
          householdIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
      order by lower(coalesce(u.email, g.email)), g.first_name`),
  );
  const url = `${env().appUrl}/${tenant.slug}/factures`;
  await queueEmails(
    tx,
    "invoice-available",
    recipients.map((r) => ({ to: r.email, props: { firstName: r.first_name, communeName: tenant.name, periodLabel: label, url } })),
  );
}

async function findOrCreateRun(tx: Tx, tenant: Tenant, userId: string | null, input: RunInput, window: RunWindow, runId?: string) {
  if (runId) {
    const [run] = await tx.select().from(invoiceRuns).where(and(eq(invoiceRuns.tenantId, tenant.id), eq(invoiceRuns.id, runId)));
    if (!run) throw new AppError("NOT_FOUND", messages.billing.runNotFound, "runId");
    if (run.period !== input.period || run.mode !== input.mode) throw new AppError("CONFLICT", messages.billing.runMismatch, "runId");
    return run;
  }
  // An interrupted run of the same month and mode is resumed rather than doubled.
  const [open] = await tx
    .select()
    .from(invoiceRuns)
    .where(and(eq(invoiceRuns.tenantId, tenant.id), eq(invoiceRuns.period, input.period), eq(invoiceRuns.mode, input.mode), eq(invoiceRuns.status, "issuing")))
    .orderBy(desc(invoiceRuns.createdAt))
    .limit(1);
  if (open) return open;
  // Counted once, exactly, for the progress bar; each batch then subtracts what it issued.
  const householdsExpected = (await nextHouseholds(tx, window, null, Number.POSITIVE_INFINITY)).length;
  const [run] = await tx
    .insert(invoiceRuns)
    .values({ tenantId: tenant.id, period: input.period, mode: input.mode, householdsExpected, createdBy: userId, createdAt: clockNow() })
    .returning();
  return run!;
}

export interface BatchResult {
  runId: string;
  /** Invoices issued by this batch. */
  issued: IssuedInvoice[];
  /** Whole run so far. */
  invoiceCount: number;
  totalCents: number;
  /** Households still to bill after this batch. */
  remaining: number;
  done: boolean;
}

/**
 * One step of a run, in the caller's transaction: bills the given households (or the next
 * `batchSize` with something to bill) and records the counts on the run. Idempotent: a batch
 * replayed after it committed finds nothing left to bill for its households.
 */
export async function issueBatch(scope: Scope, input: RunInput & { runId?: string; householdIds?: string[]; batchSize?: number }): Promise<BatchResult> {
  const { tx, tenant } = scope;
  /** null: started by the scheduler (the system actor). */
  const userId = scope.actor.userId;
  await checkInput(tx, tenant, input);
  await lockTenantBilling(tx, tenant.id);
  const window = await scopeOf(tx, tenant, input);
  const run = await findOrCreateRun(tx, tenant, userId, input, window, input.runId);
  const limit = input.batchSize ?? BATCH_SIZE;
  const cursor = input.householdIds ? null : await lastReferenceBilled(tx, tenant.id, run.id);
  let householdIds = input.householdIds ?? (await nextHouseholds(tx, window, cursor, limit));
  // Past the last family billed, nothing: a family before it may still have something (booked
  // while the run went on); one full pass finds it, and closes the run when it finds nobody.
  if (!input.householdIds && householdIds.length === 0 && cursor !== null) householdIds = await nextHouseholds(tx, window, null, limit);
  const drafts = await draftsIn(tx, window, householdIds);
  const issued = await writeInvoices(tx, tenant, run.id, input, drafts);
  // A full pass that found nobody is the exact answer: nothing is left.
  const exhausted = !input.householdIds && householdIds.length === 0;
  const remaining = exhausted ? 0 : await remainingAfter(tx, window, run, run.invoiceCount + issued.length);
  const total = issued.reduce((n, i) => n + i.totalCents, 0);
  const done = remaining === 0;
  const [updated] = await tx
    .update(invoiceRuns)
    .set({
      invoiceCount: sql`${invoiceRuns.invoiceCount} + ${issued.length}`,
      totalCents: sql`${invoiceRuns.totalCents} + ${total}`,
      ...(done ? { status: "issued" as const, issuedAt: clockNow() } : {}),
    })
    .where(and(eq(invoiceRuns.tenantId, tenant.id), eq(invoiceRuns.id, run.id)))
    .returning();
  return { runId: run.id, issued, invoiceCount: updated!.invoiceCount, totalCents: updated!.totalCents, remaining, done };
}

/** The reference of the last household (in reference order) this run has invoiced, if any. */
async function lastReferenceBilled(tx: Tx, tenantId: string, runId: string): Promise<string | null> {
  const [row] = rowsOf<{ reference: string | null }>(
    await tx.execute(sql`select max(h.reference) as reference from invoices i
      join households h on h.tenant_id = i.tenant_id and h.id = i.household_id
      where i.tenant_id = ${tenantId} and i.run_id = ${runId}`),
  );
  return row?.reference ?? null;
}

/**
 * Households still to bill after a batch, for the progress bar: those counted when the run started
 * less the invoices issued since. Only "nothing left", which closes the run, is the exact answer,
 * from a full pass, so a booking committed during the run still keeps it open. (Runs started
 * before the count was kept are estimated from the month's bookings past the last family billed.)
 */
async function remainingAfter(tx: Tx, scope: RunWindow, run: typeof invoiceRuns.$inferSelect, invoiceCount: number): Promise<number> {
  const estimate = run.householdsExpected === null ? await bookedHouseholdsAfter(tx, scope, await lastReferenceBilled(tx, scope.tenantId, run.id)) : run.householdsExpected - invoiceCount;
  return estimate > 0 ? estimate : (await nextHouseholds(tx, scope, null, Number.POSITIVE_INFINITY)).length;
}

/** Households past `cursor` with confirmed days in the run's month. */
async function bookedHouseholdsAfter(tx: Tx, scope: RunWindow, cursor: string | null): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`select count(distinct c.household_id)::int as n from bookings b
      join children c on c.tenant_id = b.tenant_id and c.id = b.child_id
      join households h on h.tenant_id = c.tenant_id and h.id = c.household_id
      where b.tenant_id = ${scope.tenantId} and b.status = 'confirmed' and b.date between ${scope.from} and ${scope.to}
        and b.activity_id in ${runActivities(scope)} ${cursor === null ? sql`` : sql`and h.reference > ${cursor}`}`),
  );
  return Number(row?.n ?? 0);
}

/** A whole run (or the given households) in one transaction. */
export async function issueRun(scope: Scope, input: RunInput & { runId?: string; householdIds?: string[] }): Promise<BatchResult> {
  // One batch as large as the run: every household with something to bill, unless the caller named them.
  return issueBatch(scope, { ...input, batchSize: Number.POSITIVE_INFINITY });
}

/** The commune's runs, latest first. */
export async function listRuns(scope: Scope) {
  return scope.tx
    .select()
    .from(invoiceRuns)
    .where(eq(invoiceRuns.tenantId, scope.tenant.id))
    .orderBy(desc(invoiceRuns.createdAt))
    .limit(50);
}
