import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase, getDb, type Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { bookings, occurrences, tenants } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { applyBookingChanges } from "@/server/domain/booking/bookings";
import { changePeriod, changePublicHolidayRegion } from "@/server/domain/calendar/changes";
import { loadDemo } from "../../../fixtures/demo";
import { BOOKING_NOW as now, book, demoIds, scopeOf, inScope } from "../../../fixtures/demo-ids";

let d: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  await loadDemo();
  d = await demoIds();
});

const cantine = (date: string, child = "Sarah") => ({ childId: d.ids[child]!, activityId: d.ids.Cantine!, date, action: "book" as const });

const cantineOf = async (date: string, child = "Sarah") =>
  (
    await withPlatform((tx) =>
      tx
        .select({ status: bookings.status, reason: bookings.cancelReason })
        .from(bookings)
        .where(and(eq(bookings.childId, d.ids[child]!), eq(bookings.activityId, d.ids.Cantine!), eq(bookings.date, date)))
        .orderBy(desc(bookings.createdAt)),
    )
  )[0];

const regionOf = async (tenantId: string) =>
  (await withPlatform((tx) => tx.select({ region: tenants.publicHolidayRegion }).from(tenants).where(eq(tenants.id, tenantId))))[0]!.region;

/** Makes every cancellation of a booking fail, as a database error in the middle of the change would. */
async function failingCancellations<T>(fn: () => Promise<T>): Promise<T> {
  const db = await getDb();
  await db.execute(sql.raw(`create function recre_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'panne simulée'; end $$`));
  await db.execute(sql.raw(`create trigger recre_test_refuse before update on bookings for each row when (new.status = 'cancelled') execute function recre_test_refuse()`));
  try {
    return await fn();
  } finally {
    await db.execute(sql.raw(`drop trigger recre_test_refuse on bookings`));
    await db.execute(sql.raw(`drop function recre_test_refuse()`));
  }
}

describe("changing the public-holiday region", () => {
  it("keeps the region as it was when cancelling the bookings on the new public holidays fails", async () => {
    // Good Friday, 26 March 2027, is a public holiday in Moselle only.
    await book(d.jolieville, d.parent, [cantine("2027-03-26")]);
    const failed = await failingCancellations(() => inScope(d.jolieville, (scope) => changePublicHolidayRegion(scope, { publicHolidayRegion: "FR-57" }), { now }).then(() => null, (e: Error) => e));
    expect(failed).toBeInstanceOf(Error);
    expect(await regionOf(d.jolieville.id)).toBe("FR");
    expect((await cantineOf("2027-03-26"))?.status).toBe("confirmed");

    expect(await inScope(d.jolieville, (scope) => changePublicHolidayRegion(scope, { publicHolidayRegion: "FR-57" }), { now })).toEqual({ cancelled: 1 });
    expect(await regionOf(d.jolieville.id)).toBe("FR-57");
    expect(await cantineOf("2027-03-26")).toEqual({ status: "cancelled", reason: "Jour férié : Vendredi saint" });
  });

  it("is obeyed by a booking whose request read the commune before the change", async () => {
    // d.jolieville was read before the change above: it still says "FR".
    expect(d.jolieville.publicHolidayRegion).toBe("FR");
    const [outcome] = await book(d.jolieville, d.parent, [cantine("2027-03-26", "Chloé")]);
    expect(outcome).toMatchObject({ result: "refused", message: "Jour férié : Vendredi saint" });
    await inScope({ ...d.jolieville, publicHolidayRegion: "FR-57" }, (scope) => changePublicHolidayRegion(scope, { publicHolidayRegion: "FR" }), { now });
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * On PostgreSQL, waits (up to 5 s) until `n` transactions of this database wait for a lock; false if
 * they never do. PGlite runs one transaction at a time: there is nothing to wait for.
 */
async function untilWaiting(n: number): Promise<boolean> {
  if ((await getDatabase()).kind === "pglite") return true;
  const db = await getDb();
  for (let tries = 0; tries < 100; tries++) {
    const [row] = rowsOf<{ waiting: number }>(
      await db.execute(sql`select count(*)::int as waiting from pg_locks where not granted
        and pid in (select pid from pg_stat_activity where datname = current_database())`),
    );
    if (row!.waiting >= n) return true;
    await sleep(50);
  }
  return false;
}

/** The advisory locks this transaction holds now. */
const advisoryLocks = async (tx: Tx) =>
  rowsOf<{ mode: string }>(await tx.execute(sql`select mode from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted`)).map((l) => l.mode);

describe("the commune's calendar lock", () => {
  it("is taken shared by a booking, so bookings never wait for one another", async () => {
    const held = await withTenant(d.jolieville.id, async (tx) => {
      await applyBookingChanges(scopeOf(tx, d.jolieville, d.parent, now), { changes: [cantine("2027-01-19")], ...{ now } });
      return advisoryLocks(tx);
    });
    expect(held).toEqual(["ShareLock"]);
  });

  it("is taken exclusively by a calendar change, which so waits for the bookings in flight", async () => {
    const closure = { kind: "closure" as const, label: "Inventaire", startDate: "2027-06-25", endDate: "2027-06-25" };
    const held = await withTenant(d.jolieville.id, async (tx) => {
      await changePeriod(scopeOf(tx, d.jolieville, undefined, now), { action: "add", period: closure });
      return advisoryLocks(tx);
    });
    expect(held).toEqual(["ExclusiveLock"]);
  });
});

describe("a booking made while a closure is added to the calendar", () => {
  // Proves the race on PostgreSQL; PGlite runs one transaction at a time, so there it cannot fail.
  it("does not survive on the day the closure shuts", async () => {
    const day = "2027-01-18";
    await withTenant(d.jolieville.id, (tx) => tx.insert(occurrences).values({ tenantId: d.jolieville.id, activityId: d.ids.Cantine!, date: day }));
    // Another transaction holds the day's row, so the booking stops after reading the calendar and before writing.
    let release!: () => void;
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    const blocker = withTenant(d.jolieville.id, async (tx) => {
      await tx.execute(sql`select 1 from ${occurrences} where tenant_id = ${d.jolieville.id} and activity_id = ${d.ids.Cantine!} and date = ${day} for update`);
      held();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isHeld;
    const closure = { kind: "closure" as const, label: "Grève des agents", startDate: day, endDate: day };
    let booking: Promise<unknown> = Promise.resolve();
    let change: Promise<unknown> = Promise.resolve();
    try {
      booking = book(d.jolieville, d.parent, [cantine(day)]);
      expect(await untilWaiting(1)).toBe(true);
      change = withTenant(d.jolieville.id, (tx) => changePeriod(scopeOf(tx, d.jolieville, undefined, now), { action: "add", period: closure }));
      // Without the calendar lock the change commits here, its sweep blind to the booking still to be written.
      await Promise.race([change, untilWaiting(2).then(() => sleep(100))]);
    } finally {
      release();
      await Promise.all([blocker, booking, change]);
    }
    expect(await cantineOf(day)).toEqual({ status: "cancelled", reason: "Fermé : Grève des agents" });
  });
});
