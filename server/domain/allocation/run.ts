import { and, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import { allocationAdjustments, allocationApplications, allocationResults, allocationRounds, attendance, bookings, children, households } from "@/db/schema";
import { recordAudit } from "@/server/domain/audit/audit";
import { takesPlace } from "@/server/domain/booking/places";
import type { Scope } from "@/server/domain/scope";
import { check } from "@/server/domain/activities/inputs";
import { AppError, notFound } from "@/server/errors";
import { adjustInput, type Criteria } from "@/common/allocation";
import { addDays } from "@/common/dates";
import { messages } from "@/common/messages";
import { allocate, type CriterionValues, type EngineApplication, type EngineResult } from "./engine";
import { capacitySlots, choiceSlots, placesLeft, roundActivityIds, roundSites, slotOf } from "./days";
import { expectStatus, lockRound, setStatus, type RoundRow } from "./rounds";

const m = messages.allocation;

/**
 * What each application counts for, read from the family's file and history when the allocation
 * runs: residency (the household's flag), both parents working (declared), a brother or sister
 * already holding a place in the activity over the period, the days the child already holds in the
 * activity (its school year), the staff's social criterion, and unexcused absences (any activity)
 * over the lookback before the period.
 */
async function criterionValues(scope: Scope, round: RoundRow, apps: (typeof allocationApplications.$inferSelect)[]): Promise<Map<string, CriterionValues>> {
  const { tx, tenant, now } = scope;
  const ids = apps.map((a) => a.childId);
  const householdIds = [...new Set(apps.map((a) => a.householdId))];
  const out = new Map<string, CriterionValues>();
  if (!apps.length) return out;
  const residents = new Map(
    (await tx.select({ id: households.id, isResident: households.isResident }).from(households).where(and(eq(households.tenantId, tenant.id), inArray(households.id, householdIds)))).map((h) => [h.id, h.isResident]),
  );
  const held = await tx
    .select({ childId: bookings.childId, householdId: children.householdId, date: bookings.date })
    .from(bookings)
    .innerJoin(children, and(eq(children.tenantId, bookings.tenantId), eq(children.id, bookings.childId)))
    .where(and(eq(bookings.tenantId, tenant.id), inArray(bookings.activityId, roundActivityIds(round)), inArray(children.householdId, householdIds), takesPlace(now, "bookings")));
  const absences = await tx
    .select({ childId: attendance.childId, n: sql<number>`count(*)::int` })
    .from(attendance)
    .where(
      and(
        eq(attendance.tenantId, tenant.id),
        inArray(attendance.childId, ids),
        eq(attendance.status, "absent"),
        gte(attendance.date, addDays(round.fromDate, -round.criteria.absenceLookbackDays)),
        lt(attendance.date, round.fromDate),
      ),
    )
    .groupBy(attendance.childId);
  const absencesOf = new Map(absences.map((a) => [a.childId, a.n]));
  for (const a of apps) {
    out.set(a.id, {
      resident: residents.get(a.householdId) ?? false,
      parentsWorking: a.parentsWorking,
      siblingPlaced: held.some((b) => b.householdId === a.householdId && b.childId !== a.childId && round.fromDate <= b.date && b.date <= round.toDate),
      daysObtained: held.filter((b) => b.childId === a.childId).length,
      social: a.socialPriority,
      unexcusedAbsences: absencesOf.get(a.childId) ?? 0,
    });
  }
  return out;
}

/** The engine's input from what is recorded: applications, values, the capacity snapshot and the seed. */
export function engineInput(
  round: Pick<RoundRow, "activityId" | "criteria"> & { seed: string; capacity: Record<string, number | null> },
  apps: { id: string; householdId: string; choices: { activityId?: string; days: string[] }[]; keepSiblingsTogether: boolean; values: CriterionValues }[],
) {
  // A choice's slots are its days at its activity (a choice recorded before several activities: the round's first).
  const applications: EngineApplication[] = apps.map((a) => ({
    id: a.id,
    householdId: a.householdId,
    choices: a.choices.map((c) => choiceSlots(round, c)),
    keepSiblingsTogether: a.keepSiblingsTogether,
    values: a.values,
  }));
  const capacity = capacitySlots(round, round.capacity);
  return { applications, criteria: round.criteria as Criteria, capacity, seed: round.seed };
}

/**
 * Runs the allocation once the window is closed (again, as long as nothing is published: a run
 * replaces the previous one and its adjustments). The places left per day, the criterion values
 * and the seed are recorded with the result, so the run can be repeated and checked.
 */
export async function runAllocation(scope: Scope, input: { roundId: string }) {
  const { tx, tenant, now } = scope;
  const round = await lockRound(scope, input.roundId);
  expectStatus(round, "closed", "allocated");
  if (!round.seed) throw new AppError("CONFLICT", m.notClosed);
  const apps = await tx.select().from(allocationApplications).where(and(eq(allocationApplications.tenantId, tenant.id), eq(allocationApplications.roundId, round.id)));
  const values = await criterionValues(scope, round, apps);
  // The places left per activity and day, keyed by engine slot.
  const capacity: Record<string, number | null> = {};
  for (const site of await roundSites(tx, tenant, round)) {
    for (const [day, n] of Object.entries(await placesLeft(tx, tenant.id, site.activity, site.days, now))) capacity[slotOf(site.activityId, day)] = n;
  }
  const seeded = { ...round, seed: round.seed, capacity };
  const results = allocate(engineInput(seeded, apps.map((a) => ({ ...a, values: values.get(a.id)! }))));
  await tx.delete(allocationAdjustments).where(and(eq(allocationAdjustments.tenantId, tenant.id), eq(allocationAdjustments.roundId, round.id)));
  await tx.delete(allocationResults).where(and(eq(allocationResults.tenantId, tenant.id), eq(allocationResults.roundId, round.id)));
  for (let i = 0; i < results.length; i += 500) {
    await tx.insert(allocationResults).values(
      results.slice(i, i + 500).map((r) => ({ tenantId: tenant.id, roundId: round.id, ...resultColumns(r), criterionValues: { ...values.get(r.applicationId)! } })),
    );
  }
  await setStatus(scope, round.id, { status: "allocated", allocatedAt: now, capacity });
  await recordAudit(scope, { action: "allocation.run", detail: { roundId: round.id, applications: results.length, placed: results.filter((r) => r.placedChoice !== null).length } });
  return { applications: results.length, placed: results.filter((r) => r.placedChoice !== null).length };
}

const resultColumns = (r: EngineResult) => ({
  applicationId: r.applicationId,
  rank: r.rank,
  points: r.points,
  breakdown: r.breakdown,
  lottery: r.lottery,
  placedChoice: r.placedChoice,
  waitingRank: r.waitingRank,
});

/**
 * Staff move one application by hand before publishing: onto another of the family's choices (if
 * the days still have room, counting every other place given) or to the waiting list, with a
 * reason kept with the result and in the audit log. The waiting list is renumbered in rank order.
 */
export async function adjustPlace(scope: Scope, input: { roundId: string; applicationId: string; placedChoice: number | null; adjustReason: string }) {
  const v = check(adjustInput, input);
  const { tx, tenant, now } = scope;
  const round = await lockRound(scope, v.roundId);
  expectStatus(round, "allocated");
  const apps = await tx
    .select({ id: allocationApplications.id, choices: allocationApplications.choices, result: allocationResults })
    .from(allocationApplications)
    .innerJoin(allocationResults, and(eq(allocationResults.tenantId, allocationApplications.tenantId), eq(allocationResults.applicationId, allocationApplications.id)))
    .where(and(eq(allocationApplications.tenantId, tenant.id), eq(allocationApplications.roundId, round.id)));
  const target = apps.find((a) => a.id === v.applicationId);
  if (!target) throw notFound();
  if (v.placedChoice !== null) {
    const choice = target.choices[v.placedChoice];
    if (!choice) throw new AppError("BAD_REQUEST", m.choiceMissing, "placedChoice");
    // Places counted per activity and day (slot), every other place given included.
    const used = new Map<string, number>();
    for (const a of apps) {
      if (a.id === target.id || a.result.placedChoice === null) continue;
      const placed = a.choices[a.result.placedChoice];
      for (const slot of placed ? choiceSlots(round, placed) : []) used.set(slot, (used.get(slot) ?? 0) + 1);
    }
    const capacity = capacitySlots(round, round.capacity ?? {});
    if (choiceSlots(round, choice).some((slot) => capacity.get(slot) !== null && (used.get(slot) ?? 0) + 1 > (capacity.get(slot) ?? 0))) throw new AppError("CONFLICT", m.noCapacity, "placedChoice");
  }
  const key = (id: string) => and(eq(allocationResults.tenantId, tenant.id), eq(allocationResults.roundId, round.id), eq(allocationResults.applicationId, id));
  await tx.update(allocationResults).set({ placedChoice: v.placedChoice, adjusted: true }).where(key(target.id));
  // The waiting list, renumbered in rank order.
  const waiting = apps
    .map((a) => (a.id === target.id ? { ...a, result: { ...a.result, placedChoice: v.placedChoice } } : a))
    .filter((a) => a.result.placedChoice === null)
    .sort((a, b) => a.result.rank - b.result.rank);
  for (const a of apps) {
    const rank = waiting.findIndex((w) => w.id === a.id);
    const waitingRank = rank < 0 ? null : rank + 1;
    if (waitingRank !== a.result.waitingRank || a.id === target.id) await tx.update(allocationResults).set({ waitingRank }).where(key(a.id));
  }
  await tx.insert(allocationAdjustments).values({
    tenantId: tenant.id,
    roundId: round.id,
    applicationId: target.id,
    fromChoice: target.result.placedChoice,
    toChoice: v.placedChoice,
    reason: v.adjustReason,
    at: now,
    by: scope.actor.userId,
  });
  await recordAudit(scope, {
    action: "allocation.adjusted",
    detail: { roundId: round.id, applicationId: target.id, fromChoice: target.result.placedChoice, toChoice: v.placedChoice, reason: v.adjustReason },
  });
}

/** The staff's social criterion on one application, until the allocation runs. */
export async function setSocialPriority(scope: Scope, input: { roundId: string; applicationId: string; socialPriority: boolean }) {
  const round = await lockRound(scope, input.roundId);
  expectStatus(round, "draft", "open", "closed");
  const [row] = await scope.tx
    .update(allocationApplications)
    .set({ socialPriority: input.socialPriority })
    .where(and(eq(allocationApplications.tenantId, scope.tenant.id), eq(allocationApplications.roundId, round.id), eq(allocationApplications.id, input.applicationId)))
    .returning({ id: allocationApplications.id, householdId: allocationApplications.householdId });
  if (!row) throw notFound();
  await recordAudit(scope, { action: "allocation.social_set", householdId: row.householdId, detail: { roundId: round.id, applicationId: row.id, socialPriority: input.socialPriority } });
}

/**
 * Runs the engine again on what was recorded (applications, criterion values, places left, seed)
 * and compares with the stored result, leaving aside the places staff adjusted by hand.
 */
export async function verifyRound(scope: Scope, input: { roundId: string }) {
  const { tx, tenant } = scope;
  const [round] = await tx.select().from(allocationRounds).where(and(eq(allocationRounds.tenantId, tenant.id), eq(allocationRounds.id, input.roundId), ne(allocationRounds.status, "draft")));
  if (!round?.seed || !round.capacity) throw new AppError("CONFLICT", m.notAllocated);
  const rows = await tx
    .select({ application: allocationApplications, result: allocationResults })
    .from(allocationApplications)
    .innerJoin(allocationResults, and(eq(allocationResults.tenantId, allocationApplications.tenantId), eq(allocationResults.applicationId, allocationApplications.id)))
    .where(and(eq(allocationApplications.tenantId, tenant.id), eq(allocationApplications.roundId, round.id)));
  const again = allocate(
    engineInput(
      { ...round, seed: round.seed, capacity: round.capacity },
      rows.map((r) => ({ ...r.application, values: r.result.criterionValues as unknown as CriterionValues })),
    ),
  );
  const stored = new Map(rows.map((r) => [r.application.id, r.result]));
  const differences = again.filter((r) => {
    const s = stored.get(r.applicationId)!;
    return s.rank !== r.rank || s.points !== r.points || s.lottery !== r.lottery || (!s.adjusted && s.placedChoice !== r.placedChoice);
  }).length;
  return { identical: differences === 0, differences, checked: again.length, adjusted: rows.filter((r) => r.result.adjusted).length };
}
