import { assertSiteAllowed, onlyAllowedSites } from "@/server/domain/team/team";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { activities, bookings, children, sites } from "@/db/schema";
import { AppError } from "@/server/errors";
import { addDays, formatDayLong, parseCivilDate, type CivilDate } from "@/common/dates";
import { messages } from "@/common/messages";
import type { Scope } from "@/server/domain/scope";

const text = messages.attendance;

export const MAX_MEAL_RANGE_DAYS = 62;

export interface MealCountRow {
  date: CivilDate;
  siteId: string;
  siteName: string;
  /** Meals booked (confirmed bookings of activities counted in meals). */
  meals: number;
  standard: number;
  sansPorc: number;
  sansViande: number;
  vegetarien: number;
  /** Children with a PAI, and with an allergy on file, among those meals. */
  pai: number;
  allergies: number;
}

export type MealTotals = Omit<MealCountRow, "date" | "siteId" | "siteName">;

const n = (filter: ReturnType<typeof sql>) => sql<number>`(count(*) filter (where ${filter}))::int`;

/**
 * What the kitchen must prepare: per site and day, the meals booked, with special diets broken out
 * and how many of those children have a PAI or an allergy.
 */
export async function mealCounts(scope: Scope, input: { from: CivilDate; to: CivilDate; siteId?: string | null }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  if (input.to < input.from) throw new AppError("BAD_REQUEST", text.endBeforeStart, "to");
  if (input.to > addDays(input.from, MAX_MEAL_RANGE_DAYS - 1)) throw new AppError("BAD_REQUEST", text.rangeTooLong, "to");
  const rows = await tx
    .select({
      date: bookings.date,
      siteId: sites.id,
      siteName: sites.name,
      meals: sql<number>`count(*)::int`,
      standard: n(sql`${children.diet} = 'standard'`),
      sansPorc: n(sql`${children.diet} = 'sans_porc'`),
      sansViande: n(sql`${children.diet} = 'sans_viande'`),
      vegetarien: n(sql`${children.diet} = 'vegetarien'`),
      pai: n(sql`${children.hasPai}`),
      allergies: n(sql`${children.hasAllergies}`),
    })
    .from(bookings)
    .innerJoin(activities, and(eq(activities.tenantId, bookings.tenantId), eq(activities.id, bookings.activityId)))
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.status, "confirmed"),
        eq(activities.unit, "meal"),
        gte(bookings.date, input.from),
        lte(bookings.date, input.to),
        input.siteId ? eq(sites.id, input.siteId) : undefined,
      ),
    )
    .groupBy(bookings.date, sites.id, sites.name)
    .orderBy(asc(bookings.date), asc(sites.name));
  const totals: MealTotals = { meals: 0, standard: 0, sansPorc: 0, sansViande: 0, vegetarien: 0, pai: 0, allergies: 0 };
  for (const row of rows) for (const key of Object.keys(totals) as (keyof MealTotals)[]) totals[key] += row[key];
  return { from: input.from, to: input.to, rows: rows as MealCountRow[], totals };
}

/** A spreadsheet cell: quoted when needed, and never read as a formula by Excel. */
export function cell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const frenchDate = (d: CivilDate) => {
  const { year, month, day } = parseCivilDate(d);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
};

/**
 * The counts as a CSV file Excel opens as is in France: semicolons, UTF-8 with a byte-order mark,
 * CRLF line ends, French headers and dates, a total line.
 */
export function mealCountsCsv(counts: { from: CivilDate; to: CivilDate; rows: MealCountRow[]; totals: MealTotals }) {
  const numbers = (r: MealTotals) => [r.meals, r.standard, r.sansPorc, r.sansViande, r.vegetarien, r.pai, r.allergies];
  const lines = [
    text.csv.headers.map(cell),
    ...counts.rows.map((r) => [frenchDate(r.date), formatDayLong(r.date).split(" ")[0]!, r.siteName, ...numbers(r)].map(cell)),
    [text.csv.total, "", "", ...numbers(counts.totals)].map(cell),
  ];
  return {
    filename: text.csv.filename(counts.from, counts.to),
    content: `\uFEFF${lines.map((l) => l.join(";")).join("\r\n")}\r\n`,
  };
}

/** Meal counts of the sites this staff member may open (a site agent: theirs only). */
export async function visibleMealCounts(scope: Scope, input: { from: CivilDate; to: CivilDate; siteId?: string | null }) {
  if (input.siteId) await assertSiteAllowed(scope, input.siteId);
  const counts = await mealCounts(scope, input);
  const rows = await onlyAllowedSites(scope, counts.rows, "siteId");
  if (rows.length === counts.rows.length) return counts;
  const totals: MealTotals = { meals: 0, standard: 0, sansPorc: 0, sansViande: 0, vegetarien: 0, pai: 0, allergies: 0 };
  for (const row of rows) for (const key of Object.keys(totals) as (keyof MealTotals)[]) totals[key] += row[key];
  return { ...counts, rows, totals };
}
