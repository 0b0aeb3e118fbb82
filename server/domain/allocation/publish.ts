import { and, eq, sql } from "drizzle-orm";
import { allocationApplications, allocationResults, enrolments } from "@/db/schema";
import { recordAudit } from "@/server/domain/audit/audit";
import { applyBookingChanges, promoteWhileRoom, PROMOTION_HOLD_HOURS, type BookingChange } from "@/server/domain/booking/bookings";
import { effectiveBillingMode } from "@/server/domain/activities/billing-mode";
import type { Scope } from "@/server/domain/scope";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import { choiceActivity, roundSites } from "./days";
import { expectStatus, lockRound, setStatus } from "./rounds";

const m = messages.allocation;

/**
 * Publishes the result: the round stops holding first-come booking shut, and its places become
 * bookings through the one booking path (`applyBookingChanges`, as staff, with the round as the
 * recorded reason, so capacity is checked again under the days' locks and prices are fixed as for
 * any booking), in one request for the whole round. Families placed get their days: on an invoiced
 * activity confirmed; on a prepaid one in the family's basket, held as long as a promotion from the
 * waiting list is. The others join the waiting list of their first choice's days, in rank order (the
 * list is served oldest first, so each family's entry is stamped `rank` milliseconds after now), the
 * days of one family in one group: a place freed later promotes a family only into its whole choice
 * (`promoteFromWaitlist`), in that order, and e-mails it. A day with room left at publication (staff
 * freed a place) goes the same way at once. Publishing twice is refused: the round is locked and
 * must still be `allocated`.
 */
export async function publishRound(scope: Scope, input: { roundId: string }) {
  const { tx, tenant, now } = scope;
  const round = await lockRound(scope, input.roundId);
  expectStatus(round, "allocated");
  await setStatus(scope, round.id, { status: "published", publishedAt: now });
  const rows = await tx
    .select({ application: allocationApplications, result: allocationResults })
    .from(allocationApplications)
    .innerJoin(allocationResults, and(eq(allocationResults.tenantId, allocationApplications.tenantId), eq(allocationResults.applicationId, allocationApplications.id)))
    .where(and(eq(allocationApplications.tenantId, tenant.id), eq(allocationApplications.roundId, round.id)));
  rows.sort((a, b) => a.result.rank - b.result.rank);
  // Each child is enrolled in the activity (site) of the choice it got, or of its first choice when it waits.
  const activityOf = (r: (typeof rows)[number]) => choiceActivity(round, r.application.choices[r.result.placedChoice ?? 0] ?? {});
  for (const activityId of new Set(rows.map(activityOf))) await enrol(scope, activityId, rows.filter((r) => activityOf(r) === activityId).map((r) => r.application.childId));
  const siteList = await roundSites(tx, tenant, round);

  const day = (childId: string, activityId: string, action: BookingChange["action"]) => (date: string): BookingChange => ({ childId, activityId, date, action });
  const placed = rows
    .filter((r) => r.result.placedChoice !== null)
    .flatMap((r) => (r.application.choices[r.result.placedChoice!]?.days ?? []).map(day(r.application.childId, activityOf(r), "book")));
  const waiting = rows.filter((r) => r.result.placedChoice === null && r.application.choices[0]?.days.length);
  // One waitlist group per family's choice; brothers and sisters kept together share the first one's (they wait as a unit),
  // at one activity (a group's days are one activity's: siblings waiting at two sites wait apart).
  const unitOf = new Map<string, string>();
  const groupOf = (r: (typeof waiting)[number]) => {
    if (!r.application.keepSiblingsTogether) return r.application.id;
    const unit = `${r.application.householdId}|${activityOf(r)}`;
    if (!unitOf.has(unit)) unitOf.set(unit, r.application.id);
    return unitOf.get(unit)!;
  };
  const queue = new Map(waiting.map((r) => [r.application.childId, { at: new Date(now.getTime() + r.result.rank), group: groupOf(r) }]));
  const waitlist = waiting.flatMap((r) => r.application.choices[0]!.days.map(day(r.application.childId, activityOf(r), "waitlist")));
  // The basket hold applies to the prepaid activities only (the booking path reads each activity's billing mode).
  const prepaid = siteList.some((site) => effectiveBillingMode(tenant, site.activity) === "prepaid");
  const outcomes = await applyBookingChanges(scope, {
    changes: [...placed, ...waitlist],
    overrideReason: m.bookingReason(round.label),
    queue,
    basketUntil: prepaid ? new Date(now.getTime() + PROMOTION_HOLD_HOURS * 3_600_000) : undefined,
  });
  const refused = outcomes.find((o) => o.result === "refused" || o.result === "full");
  if (refused) throw new AppError("CONFLICT", `${m.noCapacity} (${refused.date} : ${refused.message})`);

  // A day with room left (a place staff freed) goes at once to the first family waiting whose whole choice fits.
  const slots = [...new Set(waitlist.map((c) => `${c.activityId}|${c.date}`))].sort();
  for (const slot of slots) {
    const [activityId, date] = slot.split("|") as [string, string];
    await promoteWhileRoom(tx, tenant, activityId, date, siteList.find((site) => site.activityId === activityId)?.activityName ?? "", now);
  }
  await recordAudit(scope, { action: "allocation.published", detail: { roundId: round.id, seed: round.seed, bookings: placed.length, waitlisted: waiting.length } });
  return { bookings: placed.length, waitlisted: waiting.length };
}

/** A place given (or a rank on the waiting list) is an accepted enrolment in the activity. */
async function enrol(scope: Scope, activityId: string, childIds: string[]) {
  if (!childIds.length) return;
  const { tx, tenant, now, actor } = scope;
  await tx
    .insert(enrolments)
    .values(childIds.map((childId) => ({ tenantId: tenant.id, childId, activityId, status: "accepted" as const, requestedAt: now, requestedBy: actor.userId, decidedAt: now, decidedBy: actor.userId })))
    .onConflictDoUpdate({
      target: [enrolments.tenantId, enrolments.childId, enrolments.activityId],
      set: { status: "accepted", refusalReason: null, decidedAt: now, decidedBy: actor.userId },
      setWhere: sql`${enrolments.status} <> 'accepted'`,
    });
}
