import { sql } from "drizzle-orm";
import type { Tx } from "@/db";

/**
 * One advisory lock per commune orders bookings and changes to its school calendar. A change
 * (holidays, closures, school years, the public-holiday region) takes it exclusively, a booking
 * shared, each before reading the calendar, until its transaction ends. Bookings never wait for one
 * another (the Wednesday rush); a change waits for the bookings in flight, so its sweep sees them,
 * and bookings after it read the calendar it wrote: none survives on a day it closed. Closing one
 * day of an activity needs no such lock: that day's occurrence row is the lock bookings take.
 */
export async function lockCalendar(tx: Tx, tenantId: string, mode: "change" | "booking"): Promise<void> {
  const key = sql`hashtext(${`calendar:${tenantId}`})`;
  await tx.execute(mode === "change" ? sql`select pg_advisory_xact_lock(${key})` : sql`select pg_advisory_xact_lock_shared(${key})`);
}
