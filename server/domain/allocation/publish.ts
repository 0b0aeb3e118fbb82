import { and, eq, inArray, sql } from "drizzle-orm";
import { allocationApplications, allocationResults, bookings, enrolments } from "@/db/schema";
import { recordAudit } from "@/server/domain/audit/audit";
import { applyBookingChanges, PROMOTION_HOLD_HOURS, type BookingChange } from "@/server/domain/booking/bookings";
import { effectiveBillingMode } from "@/server/domain/activities/billing-mode";
import type { Scope } from "@/server/domain/scope";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";
import { roundDays } from "./days";
import { expectStatus, lockRound, setStatus } from "./rounds";

const m = messages.allocation;

/**
 * Publishes the result: the round stops holding first-come booking shut, and its places become
 * bookings through the one booking path (`applyBookingChanges`, as staff, with the round as the
 * recorded reason, so capacity is checked again under the days' locks and prices are fixed as for
 * any booking). Families placed get their days: on an invoiced activity confirmed; on a prepaid one
 * in the family's basket, held as long as a promotion from the waiting list is. The others join
 * the existing waiting list of their first choice's days, in rank order (the list is served oldest
 * first, so each family's entry is stamped one millisecond after the previous one); a day with a
 * place left goes to the first of them. A
 * cancellation then promotes the next family in that order and e-mails it (`promoteFromWaitlist`).
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
  await enrol(scope, round.activityId, rows.map((r) => r.application.childId));

  const reason = m.bookingReason(round.label);
  const placed: BookingChange[] = rows
    .filter((r) => r.result.placedChoice !== null)
    .flatMap((r) => (r.application.choices[r.result.placedChoice!]?.days ?? []).map((date) => ({ childId: r.application.childId, activityId: round.activityId, date, action: "book" as const })));
  const outcomes = placed.length ? await applyBookingChanges(scope, { changes: placed, overrideReason: reason }) : [];
  const refused = outcomes.filter((o) => o.result !== "confirmed" && o.result !== "unchanged");
  if (refused.length) throw new AppError("CONFLICT", `${m.noCapacity} (${refused[0]!.date} : ${refused[0]!.message})`);
  const { activity } = await roundDays(tx, tenant, round);
  if (placed.length && effectiveBillingMode(tenant, activity) === "prepaid") await intoBaskets(scope, round.activityId, placed);

  // The waiting list, family after family in rank order, on the days of their first choice: a day
  // with a place left (one staff freed) goes at once to the first family waiting, as a cancellation would.
  let waitlisted = 0;
  for (const r of rows.filter((x) => x.result.placedChoice === null)) {
    const days = r.application.choices[0]?.days ?? [];
    if (!days.length) continue;
    const at = new Date(now.getTime() + r.result.rank);
    await applyBookingChanges({ ...scope, now: at }, { changes: days.map((date) => ({ childId: r.application.childId, activityId: round.activityId, date, action: "waitlist" })), overrideReason: reason });
    waitlisted++;
  }
  await recordAudit(scope, { action: "allocation.published", detail: { roundId: round.id, seed: round.seed, bookings: placed.length, waitlisted } });
  return { bookings: placed.length, waitlisted };
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

/** Prepaid: the days given wait in the family's basket, to be paid like a promotion from the waiting list. */
async function intoBaskets(scope: Scope, activityId: string, placed: BookingChange[]) {
  const { tx, tenant, now } = scope;
  const heldUntil = new Date(now.getTime() + PROMOTION_HOLD_HOURS * 3_600_000);
  await tx
    .update(bookings)
    .set({ status: "held", heldUntil })
    .where(
      and(
        eq(bookings.tenantId, tenant.id),
        eq(bookings.activityId, activityId),
        eq(bookings.status, "confirmed"),
        inArray(bookings.childId, [...new Set(placed.map((p) => p.childId))]),
        inArray(bookings.date, [...new Set(placed.map((p) => p.date))]),
        eq(bookings.createdAt, now),
      ),
    );
}
