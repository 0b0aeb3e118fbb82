import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { bookings, tenants } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { changePublicHolidayRegion } from "@/server/domain/calendar/changes";
import { loadDemo } from "../../../fixtures/demo";
import { BOOKING_NOW as now, book, demoIds } from "../../../fixtures/demo-ids";

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
    const failed = await failingCancellations(() => changePublicHolidayRegion(d.jolieville, "FR-57", { now }).then(() => null, (e: Error) => e));
    expect(failed).toBeInstanceOf(Error);
    expect(await regionOf(d.jolieville.id)).toBe("FR");
    expect((await cantineOf("2027-03-26"))?.status).toBe("confirmed");

    expect(await changePublicHolidayRegion(d.jolieville, "FR-57", { now })).toEqual({ cancelled: 1 });
    expect(await regionOf(d.jolieville.id)).toBe("FR-57");
    expect(await cantineOf("2027-03-26")).toEqual({ status: "cancelled", reason: "Jour férié : Vendredi saint" });
  });
});
