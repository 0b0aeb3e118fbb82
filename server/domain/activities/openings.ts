import { and, asc, eq, gte, lte } from "drizzle-orm";
import { bookingOpenings } from "@/db/schema";
import { getActivity } from "@/server/domain/booking/facts";
import { AppError, notFound } from "@/server/errors";
import { fieldLabel } from "@/common/messages";
import { civilDateIn, zonedInstant } from "@/common/dates";
import { check, openingInput, type OpeningInput } from "./inputs";
import { messages } from "@/common/messages";
import type { Scope } from "@/server/domain/scope";

const m = messages.activities;

const columns = {
  id: bookingOpenings.id,
  activityId: bookingOpenings.activityId,
  fromDate: bookingOpenings.fromDate,
  toDate: bookingOpenings.toDate,
  opensAt: bookingOpenings.opensAt,
};

/** The opening as the admin typed it: a local date and time in the commune's time zone. */
function withLocal<T extends { opensAt: Date }>(row: T, timeZone: string) {
  const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(row.opensAt);
  return { ...row, opensDate: civilDateIn(row.opensAt, timeZone), opensTime: time };
}

/** The periods of an activity whose booking opens only at a given instant, in date order. */
export async function listOpenings(scope: Scope, input: { activityId: string }) {
  const { tx, tenant } = scope;
  const { activityId } = input;
  await getActivity(tx, tenant.id, activityId);
  const rows = await tx
    .select(columns)
    .from(bookingOpenings)
    .where(and(eq(bookingOpenings.tenantId, tenant.id), eq(bookingOpenings.activityId, activityId)))
    .orderBy(asc(bookingOpenings.fromDate));
  return rows.map((r) => withLocal(r, tenant.timeZone));
}

/**
 * Booking of the days from `fromDate` to `toDate` opens at `opensDate` `opensTime`, on the wall
 * clock of the commune (correct across daylight-saving changes). Periods may not overlap: each
 * day has one opening instant.
 */
export async function addOpening(scope: Scope, input: OpeningInput) {
  const { tx, tenant } = scope;
  const values = check(openingInput, input);
  await getActivity(tx, tenant.id, values.activityId);
  const [overlap] = await tx
    .select({ id: bookingOpenings.id })
    .from(bookingOpenings)
    .where(
      and(
        eq(bookingOpenings.tenantId, tenant.id),
        eq(bookingOpenings.activityId, values.activityId),
        lte(bookingOpenings.fromDate, values.toDate),
        gte(bookingOpenings.toDate, values.fromDate),
      ),
    )
    .limit(1);
  if (overlap) throw new AppError("CONFLICT", `${fieldLabel(["fromDate"])} : ${m.openingOverlap}`, "fromDate");
  const opensAt = zonedInstant(values.opensDate, values.opensTime, tenant.timeZone);
  const [row] = await tx
    .insert(bookingOpenings)
    .values({ tenantId: tenant.id, activityId: values.activityId, fromDate: values.fromDate, toDate: values.toDate, opensAt })
    .returning(columns);
  return withLocal(row!, tenant.timeZone);
}

export async function deleteOpening(scope: Scope, input: { openingId: string }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { openingId } = input;
  const [row] = await tx
    .delete(bookingOpenings)
    .where(and(eq(bookingOpenings.tenantId, tenantId), eq(bookingOpenings.id, openingId)))
    .returning({ id: bookingOpenings.id });
  if (!row) throw notFound();
}
