import type { Tx } from "@/db";
import { withTenant } from "@/db/transaction";
import { bookingsShutBy, cancelForClosure, shutCounts, type ShutBooking } from "@/server/domain/booking/closures";
import { setPublicHolidayRegion, type Tenant } from "@/server/domain/tenants/tenants";
import { AppError } from "@/server/errors";
import type { Scope } from "@/server/domain/scope";
import { addDays, todayIn, type CivilDate } from "@/common/dates";
import { messages } from "@/common/messages";
import { makeCalendar, type CalendarPeriod, type SchoolCalendar } from "@/common/calendar";
import { lockCalendar } from "./calendar-lock";
import { isPublicHolidayRegion, publicHolidayLookup } from "./public-holidays";
import {
  addPeriod,
  applyImport,
  checkPeriod,
  deletePeriod,
  getPeriod,
  listPeriods,
  loadCalendar,
  planImport,
  updatePeriod,
  type ImportResult,
  type PeriodInput,
  type StoredPeriod,
} from "./school-calendar";

/**
 * Changes to the school calendar that close days (a closure, holidays, another public-holiday
 * region) cancel the bookings they leave on closed days, through the same path as closing one day
 * of an activity; each change has a preview that counts them first, from the same list. Each takes
 * the commune's calendar lock first, so bookings in flight commit before its sweep reads them.
 */

type Range = { from: CivilDate; to: CivilDate };

export type PeriodChange =
  | { action: "add"; period: PeriodInput }
  | { action: "update"; periodId: string; period: PeriodInput }
  | { action: "delete"; periodId: string };

/** What a calendar change would cancel: bookings (confirmed or in a basket) and places on the waiting list. */
export interface ClosureImpact {
  bookings: number;
  waitlisted: number;
}

interface Options {
  userId: string | null;
  now: Date;
}

const optionsOf = (scope: Scope): Options => ({ userId: scope.actor.userId, now: scope.now });

/** Only days from today on: past days are history (attendance taken, invoices issued). */
function fromToday(ranges: Range[], tenant: Tenant, now: Date): Range[] {
  const today = todayIn(tenant.timeZone, now);
  return ranges.map((r) => ({ from: r.from < today ? today : r.from, to: r.to })).filter((r) => r.from <= r.to);
}

async function shutIn(
  tx: Tx,
  tenant: Tenant,
  ranges: Range[],
  calendarOf: (range: Range) => Promise<SchoolCalendar>,
  now: Date,
): Promise<ShutBooking[]> {
  const seen = new Set<string>();
  const shut: ShutBooking[] = [];
  for (const range of ranges) {
    for (const booking of await bookingsShutBy(tx, tenant, await calendarOf(range), range, now)) {
      if (!seen.has(booking.id)) shut.push(booking);
      seen.add(booking.id);
    }
  }
  return shut;
}

/** The commune's calendar as it would be without some stored periods, with others, or in another region. */
const calendarAfter =
  (tx: Tx, tenant: Tenant, change: { without?: string[]; with?: CalendarPeriod[]; region?: string }) =>
  async (range: Range): Promise<SchoolCalendar> => {
    const kept = (await listPeriods(tx, tenant.id, range)).filter((p) => !change.without?.includes(p.id));
    return makeCalendar([...kept, ...(change.with ?? [])], publicHolidayLookup(change.region ?? tenant.publicHolidayRegion));
  };

/** Cancels what the stored calendar now shuts over the ranges a change touched. */
async function cancelShut(tx: Tx, tenant: Tenant, ranges: Range[], options: Options): Promise<number> {
  const { now } = options;
  const shut = await shutIn(tx, tenant, fromToday(ranges, tenant, now), (range) => loadCalendar(tx, tenant, range.from, range.to), now);
  return cancelForClosure(tx, tenant, shut, { userId: options.userId, now });
}

/** The change checked (bad input or an unknown period throw before anything is written) and the days it touches. */
async function planPeriodChange(tx: Tx, tenant: Tenant, change: PeriodChange) {
  const period = change.action === "delete" ? null : checkPeriod(change.period);
  const old = change.action === "add" ? null : await getPeriod(tx, tenant.id, change.periodId);
  const ranges = [old, period].flatMap((p) => (p ? [{ from: p.startDate, to: p.endDate }] : []));
  return { period, old, ranges };
}

export async function previewPeriodChange(scope: Scope, change: PeriodChange): Promise<ClosureImpact> {
  const { tx, tenant, now } = scope;
  const { period, old, ranges } = await planPeriodChange(tx, tenant, change);
  const after = calendarAfter(tx, tenant, { without: old ? [old.id] : [], with: period ? [period] : [] });
  return shutCounts(await shutIn(tx, tenant, fromToday(ranges, tenant, now), after, now));
}

/** Adds, edits or deletes a holiday period or closure, then cancels the bookings it leaves on closed days. */
export async function changePeriod(scope: Scope, change: PeriodChange): Promise<{ period: StoredPeriod | null; cancelled: number }> {
  const { tx, tenant } = scope;
  const options = optionsOf(scope);
  await lockCalendar(tx, tenant.id, "change");
  const { ranges } = await planPeriodChange(tx, tenant, change);
  let period: StoredPeriod | null = null;
  if (change.action === "add") period = await addPeriod(tx, tenant.id, change.period);
  else if (change.action === "update") period = await updatePeriod(tx, tenant.id, change.periodId, change.period);
  else await deletePeriod(tx, tenant.id, change.periodId);
  return { period, cancelled: await cancelShut(tx, tenant, ranges, options) };
}

/** What importing the official file would do: periods, and the bookings the new holidays would cancel. */
export async function previewImport(scope: Scope, input: { file: string }): Promise<ImportResult & ClosureImpact> {
  const { tx, tenant, now } = scope;
  const text = input.file;
  const plan = await planImport(tx, tenant.id, text, tenant.holidayZone);
  const after = calendarAfter(tx, tenant, { without: plan.replacedIds, with: plan.fresh });
  const impact = shutCounts(await shutIn(tx, tenant, fromToday(plan.windows, tenant, now), after, now));
  return { imported: plan.fresh.length, replaced: plan.replacedIds.length, schoolYears: plan.schoolYears, ...impact };
}

/** Imports the official file for the commune's zone, then cancels the bookings its holidays leave on closed days. */
export async function importCalendar(scope: Scope, input: { file: string }): Promise<ImportResult & { cancelled: number }> {
  const { tx, tenant } = scope;
  const text = input.file;
  const options = optionsOf(scope);
  await lockCalendar(tx, tenant.id, "change");
  const plan = await planImport(tx, tenant.id, text, tenant.holidayZone);
  const result = await applyImport(tx, tenant.id, plan);
  return { ...result, cancelled: await cancelShut(tx, tenant, plan.windows, options) };
}

/** Bookings further ahead than this are not looked at when the public holidays change. */
const REGION_HORIZON_DAYS = 460;

function checkRegion(region: string) {
  if (!isPublicHolidayRegion(region)) {
    throw new AppError("BAD_REQUEST", `${messages.fields.publicHolidayRegion} : ${messages.calendar.regionUnknown}`, "publicHolidayRegion");
  }
}

const regionRange = (tenant: Tenant, now: Date): Range => {
  const today = todayIn(tenant.timeZone, now);
  return { from: today, to: addDays(today, REGION_HORIZON_DAYS) };
};

export async function previewRegionChange(scope: Scope, input: { publicHolidayRegion: string }): Promise<ClosureImpact> {
  const { tx, tenant, now } = scope;
  const region = input.publicHolidayRegion;
  checkRegion(region);
  return shutCounts(await shutIn(tx, tenant, [regionRange(tenant, now)], calendarAfter(tx, tenant, { region }), now));
}

/**
 * Sets the commune's public-holiday region and cancels the bookings left on days that become public
 * holidays, in one transaction: `tenants` is a platform table, written on the privileged path for
 * this commune only, then the cancellations run as the commune. If they fail, the region is unchanged.
 */
export async function changePublicHolidayRegion(scope: Scope, input: { publicHolidayRegion: string }): Promise<{ cancelled: number }> {
  const { tenant, now } = scope;
  const region = input.publicHolidayRegion;
  const options = optionsOf(scope);
  checkRegion(region);
  const updated = { ...tenant, publicHolidayRegion: region };
  const cancelled = await withTenant(tenant.id, (tx) => cancelShut(tx, updated, [regionRange(updated, now)], { ...options, now }), {
    platformFirst: async (tx) => {
      await lockCalendar(tx, tenant.id, "change");
      await setPublicHolidayRegion(tx, tenant.id, region);
    },
  });
  return { cancelled };
}
