import { and, asc, count, eq, gte, inArray, lte, max, min, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Tx } from "@/db";
import { activities, bookings, calendarPeriods, schoolYears, tenants, type periodKinds } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import { addDays, formatDate, isCivilDate, type CivilDate } from "@/common/dates";
import { makeCalendar, type CalendarPeriod, type SchoolCalendar } from "@/common/calendar";
import { lockCalendar } from "./calendar-lock";
import { officialDataCovers, officialHolidayPeriods, parseOfficialCalendarExport } from "./official-holidays";
import { publicHolidayLookup, publicHolidaysBetween } from "./public-holidays";
import { isLive } from "@/server/domain/booking/places";

export type PeriodKind = (typeof periodKinds)[number];
export type PeriodSource = "official" | "import" | "manual";

export interface SchoolYear {
  id: string;
  label: string;
  startDate: CivilDate;
  endDate: CivilDate;
  /** Last day holiday activities of the year may run: the end of the summer after it (see lastServiceDaySql). */
  summerEnd: CivilDate;
}

export interface StoredPeriod extends CalendarPeriod {
  id: string;
  source: PeriodSource;
}

export interface PeriodInput {
  kind: PeriodKind;
  label: string;
  startDate: CivilDate;
  endDate: CivilDate;
}

const periodColumns = {
  id: calendarPeriods.id,
  kind: calendarPeriods.kind,
  label: calendarPeriods.label,
  startDate: calendarPeriods.startDate,
  endDate: calendarPeriods.endDate,
  source: calendarPeriods.source,
};

const badRequest = (message: string, field: string) => new AppError("BAD_REQUEST", message, field);

/** Real dates, end on or after start, at most `maxDays` long. */
function checkRange(startDate: string, endDate: string, maxDays: number, tooLong: string): void {
  if (!isCivilDate(startDate)) throw badRequest(`${messages.fields.startDate} : ${messages.calendar.invalidDate}`, "startDate");
  if (!isCivilDate(endDate)) throw badRequest(`${messages.fields.endDate} : ${messages.calendar.invalidDate}`, "endDate");
  if (endDate < startDate) throw badRequest(messages.calendar.endBeforeStart, "endDate");
  if (endDate > addDays(startDate, maxDays)) throw badRequest(tooLong, "endDate");
}

function checkLabel(label: string): string {
  const clean = label.trim().replace(/\s+/g, " ");
  if (!clean) throw badRequest(messages.calendar.labelRequired, "label");
  return clean;
}

export function checkPeriod(input: PeriodInput): PeriodInput {
  const label = checkLabel(input.label);
  if (input.kind !== "holiday" && input.kind !== "closure") throw badRequest(messages.errors.BAD_REQUEST, "kind");
  checkRange(input.startDate, input.endDate, 366, messages.calendar.tooLong);
  return { kind: input.kind, label, startDate: input.startDate, endDate: input.endDate };
}

/**
 * The last day an activity of a school year may run, as one SQL expression so that the rule book,
 * the admin views and every query agree. Term-time activities stop at the year's last school day.
 * Holiday (and all-year) activities also cover the summer that follows: up to the day before the
 * next school year starts, else to the end of the zone's summer holidays on file (the holiday period
 * that begins within a week of the year's end), else 31 August. Arguments must be qualified columns
 * (or values): the expression has subqueries of its own.
 */
export function lastServiceDaySql(runsOn: SQLWrapper | string, tenantId: SQLWrapper | string, yearEnd: SQLWrapper | string): SQL<string> {
  const end = sql`${yearEnd}::date`;
  return sql<string>`(case when ${runsOn}::text = 'term' then ${end} else greatest(${end}, coalesce(
      (select min(n.start_date) - 1 from ${schoolYears} n where n.tenant_id = ${tenantId}::uuid and n.start_date > ${end}),
      (select max(p.end_date) from ${calendarPeriods} p where p.tenant_id = ${tenantId}::uuid and p.kind = 'holiday'
        and p.start_date <= ${end} + 7 and p.end_date > ${end}),
      make_date(extract(year from ${end})::int, 8, 31))) end)::text`;
}

/** For selects from `school_years` alone (drizzle leaves a single table's columns unqualified): the last day of its summer. */
export const yearSummerEndSql = () => lastServiceDaySql("all", sql`${schoolYears}.tenant_id`, sql`${schoolYears}.end_date`);

const yearColumns = {
  id: schoolYears.id,
  label: schoolYears.label,
  startDate: schoolYears.startDate,
  endDate: schoolYears.endDate,
  /** Holiday activities of the year run until then (the summer after it). */
  summerEnd: yearSummerEndSql(),
};

/** The commune's school years, latest first. */
export async function listSchoolYears(tx: Tx, tenantId: string): Promise<SchoolYear[]> {
  return tx
    .select(yearColumns)
    .from(schoolYears)
    .where(eq(schoolYears.tenantId, tenantId))
    .orderBy(asc(schoolYears.startDate))
    .then((rows) => rows.reverse());
}

export async function getSchoolYear(tx: Tx, tenantId: string, id: string): Promise<SchoolYear> {
  const [year] = await tx
    .select(yearColumns)
    .from(schoolYears)
    .where(and(eq(schoolYears.tenantId, tenantId), eq(schoolYears.id, id)));
  if (!year) throw new AppError("NOT_FOUND");
  return year;
}

/** Another year of the commune may not have the same label nor overlap these dates. */
async function assertYearFree(tx: Tx, tenantId: string, year: { label: string; startDate: CivilDate; endDate: CivilDate }, except?: string) {
  const others = (await listSchoolYears(tx, tenantId)).filter((y) => y.id !== except);
  if (others.some((y) => y.label === year.label)) throw new AppError("CONFLICT", messages.calendar.yearLabelTaken, "label");
  const overlapping = others.find((y) => y.startDate <= year.endDate && year.startDate <= y.endDate);
  if (overlapping) throw badRequest(messages.calendar.yearOverlaps(overlapping.label), "startDate");
}

export interface CreatedSchoolYear {
  schoolYear: SchoolYear;
  /** Holiday periods of the commune's zone added from the shipped official dataset. */
  prefilled: number;
  /** False when the shipped dataset does not know this zone or these dates: import or type them. */
  officialDataAvailable: boolean;
}

/**
 * Creates a school year and pre-fills the school holidays of the commune's zone, the summer after
 * it included, from the shipped dataset (source "official") when it covers those dates.
 */
export async function createSchoolYear(scope: Scope, input: { label: string; startDate: CivilDate; endDate: CivilDate }): Promise<CreatedSchoolYear> {
  const { tx, tenant, now } = scope;
  const label = checkLabel(input.label);
  checkRange(input.startDate, input.endDate, 460, messages.calendar.yearTooLong);
  await lockCalendar(tx, tenant.id, "change");
  await assertYearFree(tx, tenant.id, { label, startDate: input.startDate, endDate: input.endDate });
  const [schoolYear] = await tx
    .insert(schoolYears)
    .values({ tenantId: tenant.id, label, startDate: input.startDate, endDate: input.endDate })
    .returning({ id: schoolYears.id });
  await assertBookingsInside(tx, tenant.id, schoolYear!.id, now);

  const officialDataAvailable = officialDataCovers(tenant.holidayZone, input.startDate, input.endDate);
  // The summer that follows is the year's too: its holiday activities run then (see lastServiceDaySql).
  const official = officialHolidayPeriods(tenant.holidayZone, input.startDate, addDays(input.endDate, 7));
  // A holiday already on file (e.g. a summer shared with the previous year) is not added twice.
  const existing = await listPeriods(tx, tenant.id, { from: input.startDate, to: addDays(input.endDate, 7) });
  const known = new Set(existing.map(periodKey));
  const fresh = official.filter((p) => !known.has(periodKey(p)));
  if (fresh.length) {
    await tx.insert(calendarPeriods).values(fresh.map((p) => ({ tenantId: tenant.id, ...p, source: "official" as const })));
  }
  return { schoolYear: await getSchoolYear(tx, tenant.id, schoolYear!.id), prefilled: fresh.length, officialDataAvailable };
}

/**
 * After a school year was written (in the same transaction, which the refusal rolls back): every
 * live booking still falls on a day its activity may run, this year's (startDate, endDate) and the
 * summer of the year before, which now ends the day before this one starts (startDate).
 */
async function assertBookingsInside(tx: Tx, tenantId: string, yearId: string, now: Date) {
  const before = sql<boolean>`${bookings.date} < ${schoolYears.startDate}`;
  const stranded = await tx
    .select({ yearId: schoolYears.id, label: schoolYears.label, before, n: count(), first: min(bookings.date), last: max(bookings.date) })
    .from(bookings)
    .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
    .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)))
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        isLive(now, "bookings"),
        or(before, sql`${bookings.date} > (${lastServiceDaySql(activities.runsOn, schoolYears.tenantId, schoolYears.endDate)})::date`),
      ),
    )
    .groupBy(schoolYears.id, schoolYears.label, before);
  const own = stranded.filter((r) => r.yearId === yearId);
  const early = own.find((r) => r.before);
  if (early) throw badRequest(messages.calendar.bookingsBeforeStart(early.n, formatDate(early.first!)), "startDate");
  const late = own.find((r) => !r.before);
  if (late) throw badRequest(messages.calendar.bookingsAfterEnd(late.n, formatDate(late.last!)), "endDate");
  const previous = stranded.find((r) => r.yearId !== yearId && !r.before);
  if (previous) throw badRequest(messages.calendar.bookingsOfPreviousYear(previous.n, previous.label, formatDate(previous.last!)), "startDate");
}

/**
 * Edits a school year's label and dates. Refused when a live booking would fall outside the days
 * its activity may run (see lastServiceDaySql), this year's or the summer of the year before (which
 * ends the day before this one starts). The check reads the edited row, inside the transaction the
 * refusal rolls back, so it is the very rule bookings obey.
 */
export async function updateSchoolYear(scope: Scope, input: { schoolYearId: string; label: string; startDate: CivilDate; endDate: CivilDate }): Promise<SchoolYear> {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const id = input.schoolYearId;
  const label = checkLabel(input.label);
  checkRange(input.startDate, input.endDate, 460, messages.calendar.yearTooLong);
  await lockCalendar(tx, tenantId, "change");
  await getSchoolYear(tx, tenantId, id);
  await assertYearFree(tx, tenantId, { label, startDate: input.startDate, endDate: input.endDate }, id);
  await tx
    .update(schoolYears)
    .set({ label, startDate: input.startDate, endDate: input.endDate })
    .where(and(eq(schoolYears.tenantId, tenantId), eq(schoolYears.id, id)));
  await assertBookingsInside(tx, tenantId, id, now);
  return getSchoolYear(tx, tenantId, id);
}

const periodKey = (p: CalendarPeriod) => `${p.kind}|${p.label}|${p.startDate}|${p.endDate}`;

/** Holiday periods and closure days overlapping [from, to], in date order. */
export async function listPeriods(tx: Tx, tenantId: string, range: { from: CivilDate; to: CivilDate }): Promise<StoredPeriod[]> {
  return tx
    .select(periodColumns)
    .from(calendarPeriods)
    .where(
      and(eq(calendarPeriods.tenantId, tenantId), lte(calendarPeriods.startDate, range.to), gte(calendarPeriods.endDate, range.from)),
    )
    .orderBy(asc(calendarPeriods.startDate), asc(calendarPeriods.endDate), asc(calendarPeriods.label));
}

export async function getPeriod(tx: Tx, tenantId: string, id: string): Promise<StoredPeriod> {
  const [row] = await tx
    .select(periodColumns)
    .from(calendarPeriods)
    .where(and(eq(calendarPeriods.tenantId, tenantId), eq(calendarPeriods.id, id)));
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** A holiday period or closure typed in by the admin (source "manual"). */
export async function addPeriod(tx: Tx, tenantId: string, input: PeriodInput): Promise<StoredPeriod> {
  const period = checkPeriod(input);
  const [row] = await tx
    .insert(calendarPeriods)
    .values({ tenantId, ...period, source: "manual" })
    .returning(periodColumns);
  return row!;
}

/**
 * Edits a period. An edited official or imported period becomes "manual": the admin's word
 * prevails, and a later import leaves it alone.
 */
export async function updatePeriod(tx: Tx, tenantId: string, id: string, input: PeriodInput): Promise<StoredPeriod> {
  const period = checkPeriod(input);
  const [row] = await tx
    .update(calendarPeriods)
    .set({ ...period, source: "manual" })
    .where(and(eq(calendarPeriods.tenantId, tenantId), eq(calendarPeriods.id, id)))
    .returning(periodColumns);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

export async function deletePeriod(tx: Tx, tenantId: string, id: string): Promise<void> {
  const [row] = await tx
    .delete(calendarPeriods)
    .where(and(eq(calendarPeriods.tenantId, tenantId), eq(calendarPeriods.id, id)))
    .returning({ id: calendarPeriods.id });
  if (!row) throw new AppError("NOT_FOUND");
}

/** School year a holiday belongs to, by the date it starts: from 1 August to 31 July. */
function schoolYearWindow(startDate: CivilDate): { from: CivilDate; to: CivilDate } {
  const year = Number(startDate.slice(0, 4));
  const first = Number(startDate.slice(5, 7)) >= 8 ? year : year - 1;
  return { from: `${first}-08-01`, to: `${first + 1}-07-31` };
}

export interface ImportResult {
  imported: number;
  /** Official or previously imported periods replaced. */
  replaced: number;
  /** School years covered by the file, e.g. ["2026-2027"]. */
  schoolYears: string[];
}

export interface ImportPlan {
  /** Holiday periods the file brings (those identical to a manual period are left out). */
  fresh: CalendarPeriod[];
  /** Official or previously imported holiday periods of the file's school years, to be replaced. */
  replacedIds: string[];
  /** 1 August → 31 July of each school year the file covers. */
  windows: { from: CivilDate; to: CivilDate }[];
  schoolYears: string[];
}

/**
 * What importing the official export (CSV or JSON) for the commune's zone would do, without doing
 * it: for each school year the file covers, the holiday periods that came from the shipped dataset
 * or an earlier import are replaced; manual periods are never touched.
 */
export async function planImport(tx: Tx, tenantId: string, text: string, zone: string): Promise<ImportPlan> {
  const periods = parseOfficialCalendarExport(text, zone);
  const windows = new Map<string, { from: CivilDate; to: CivilDate }>();
  for (const p of periods) {
    const w = schoolYearWindow(p.startDate);
    windows.set(`${w.from.slice(0, 4)}-${w.to.slice(0, 4)}`, w);
  }
  const inWindows = or(
    ...[...windows.values()].map((w) => and(gte(calendarPeriods.startDate, w.from), lte(calendarPeriods.startDate, w.to))),
  );
  const replaced = await tx
    .select({ id: calendarPeriods.id })
    .from(calendarPeriods)
    .where(
      and(
        eq(calendarPeriods.tenantId, tenantId),
        eq(calendarPeriods.kind, "holiday"),
        inArray(calendarPeriods.source, ["official", "import"]),
        inWindows,
      ),
    );
  const manual = await tx
    .select(periodColumns)
    .from(calendarPeriods)
    .where(and(eq(calendarPeriods.tenantId, tenantId), eq(calendarPeriods.source, "manual"), eq(calendarPeriods.kind, "holiday")));
  const known = new Set(manual.map(periodKey));
  return {
    fresh: periods.filter((p) => !known.has(periodKey(p))),
    replacedIds: replaced.map((r) => r.id),
    windows: [...windows.values()],
    schoolYears: [...windows.keys()].sort(),
  };
}

/** Imports the official export for the commune's zone, as `planImport` describes. */
export async function importPeriods(tx: Tx, tenantId: string, text: string, zone: string): Promise<ImportResult> {
  return applyImport(tx, tenantId, await planImport(tx, tenantId, text, zone));
}

export async function applyImport(tx: Tx, tenantId: string, plan: ImportPlan): Promise<ImportResult> {
  if (plan.replacedIds.length) {
    await tx.delete(calendarPeriods).where(and(eq(calendarPeriods.tenantId, tenantId), inArray(calendarPeriods.id, plan.replacedIds)));
  }
  if (plan.fresh.length) await tx.insert(calendarPeriods).values(plan.fresh.map((p) => ({ tenantId, ...p, source: "import" as const })));
  return { imported: plan.fresh.length, replaced: plan.replacedIds.length, schoolYears: plan.schoolYears };
}

/** What the commune's calendar says about days in [from, to]: stored periods and public holidays. */
export async function loadCalendar(
  tx: Tx,
  tenant: { id: string; publicHolidayRegion: string },
  from: CivilDate,
  to: CivilDate,
): Promise<SchoolCalendar> {
  const periods = await listPeriods(tx, tenant.id, { from, to });
  return makeCalendar(periods, publicHolidayLookup(tenant.publicHolidayRegion));
}

/**
 * The calendar a booking decides on: read under the commune's calendar lock (shared), with the
 * public-holiday region as now committed rather than as the request read it, so a calendar change
 * that committed first is obeyed and one still running waits for this booking to commit.
 */
export async function loadCalendarForBooking(tx: Tx, tenantId: string, from: CivilDate, to: CivilDate): Promise<SchoolCalendar> {
  await lockCalendar(tx, tenantId, "booking");
  // The region and the periods in one statement (a commune without periods still has its row).
  const rows = await tx
    .select({ region: tenants.publicHolidayRegion, ...periodColumns })
    .from(tenants)
    .leftJoin(calendarPeriods, and(eq(calendarPeriods.tenantId, tenants.id), lte(calendarPeriods.startDate, to), gte(calendarPeriods.endDate, from)))
    .where(eq(tenants.id, tenantId))
    .orderBy(asc(calendarPeriods.startDate), asc(calendarPeriods.endDate), asc(calendarPeriods.label));
  if (!rows[0]) throw new AppError("NOT_FOUND");
  const periods = rows.filter((r) => r.id !== null).map((r) => ({ kind: r.kind!, label: r.label!, startDate: r.startDate!, endDate: r.endDate! }));
  return makeCalendar(periods, publicHolidayLookup(rows[0].region));
}

/** School years, latest first, each saying whether the shipped official dataset covers it. */
export async function schoolYearsOverview(scope: Scope) {
  const years = await listSchoolYears(scope.tx, scope.tenant.id);
  return years.map((y) => ({ ...y, officialDataAvailable: officialDataCovers(scope.tenant.holidayZone, y.startDate, y.endDate) }));
}

/** One school year with its holiday periods, closure days and (computed) public holidays, through the summer after it (the year's holiday activities run then). */
export async function schoolYearDetail(scope: Scope, input: { schoolYearId: string }) {
  const { tx, tenant } = scope;
  const year = await getSchoolYear(tx, tenant.id, input.schoolYearId);
  const periods = await listPeriods(tx, tenant.id, { from: year.startDate, to: year.summerEnd });
  return {
    ...year,
    officialDataAvailable: officialDataCovers(tenant.holidayZone, year.startDate, year.endDate),
    periods,
    publicHolidays: publicHolidaysBetween(tenant.publicHolidayRegion, year.startDate, year.summerEnd),
  };
}

/** The commune's holiday periods and closures over a range. */
export function periodsBetween(scope: Scope, range: { from: CivilDate; to: CivilDate }) {
  return listPeriods(scope.tx, scope.tenant.id, range);
}
