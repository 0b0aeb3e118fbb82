import { sql, type SQL } from "drizzle-orm";

/*
 * The capacity rule, written once: a place is taken by a confirmed booking or by a basket hold
 * that has not expired yet. Every count of places (booking, facts, basket, capacity, dashboard)
 * uses these fragments, so the rule cannot drift between the planning and the lock.
 * `alias` is the bookings table's alias in the query ("b"), or none for an unqualified column.
 */

const column = (alias: string | undefined, name: string) => sql.raw(alias ? `${alias}.${name}` : name);

/** A basket hold still running at `now`. */
export function unexpiredHold(now: Date, alias?: string): SQL {
  return sql`(${column(alias, "status")} = 'held' and ${column(alias, "held_until")} > ${now.toISOString()})`;
}

/** A booking that takes a place at `now`: confirmed, or held and not expired. */
export function takesPlace(now: Date, alias?: string): SQL {
  return sql`(${column(alias, "status")} = 'confirmed' or ${unexpiredHold(now, alias)})`;
}

/** A live booking at `now`: one that takes a place, or waits for one. */
export function isLive(now: Date, alias?: string): SQL {
  return sql`(${column(alias, "status")} = 'waitlisted' or ${takesPlace(now, alias)})`;
}
