import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { activities, allocationAdjustments, allocationApplications, allocationResults, allocationRounds, children, households, sites, users } from "@/db/schema";
import { recordAudit } from "@/server/domain/audit/audit";
import { getActivity } from "@/server/domain/booking/facts";
import type { Scope } from "@/server/domain/scope";
import { check } from "@/server/domain/activities/inputs";
import { AppError, notFound } from "@/server/errors";
import { firstComeEditInput, roundActivitiesOf, roundInput, type FirstComeEditInput, type RoundInput, type RoundStatus } from "@/common/allocation";
import { zonedInstant } from "@/common/dates";
import { messages } from "@/common/messages";
import { roundActivityIds, roundSites } from "./days";

const m = messages.allocation;
export type RoundRow = typeof allocationRounds.$inferSelect;

/** The round, read for update (a close, a run and a publish never interleave), or NOT_FOUND. */
export async function lockRound(scope: Scope, roundId: string): Promise<RoundRow> {
  const [round] = await scope.tx
    .select()
    .from(allocationRounds)
    .where(and(eq(allocationRounds.tenantId, scope.tenant.id), eq(allocationRounds.id, roundId)))
    .for("update");
  if (!round) throw notFound();
  return round;
}

export function expectStatus(round: RoundRow, ...allowed: RoundStatus[]) {
  if (allowed.includes(round.status)) return;
  if (round.status === "published") throw new AppError("CONFLICT", m.published);
  if (allowed.includes("draft")) throw new AppError("CONFLICT", m.notDraft);
  if (allowed.includes("closed") && round.status === "open") throw new AppError("CONFLICT", m.notClosed);
  if (allowed.includes("allocated")) throw new AppError("CONFLICT", m.notAllocated);
  throw new AppError("CONFLICT", m.notOpen);
}

/** The form's wall-clock dates and times as instants in the commune's time zone. */
function columnsOf(scope: Scope, input: RoundInput) {
  const v = check(roundInput, input);
  const tz = scope.tenant.timeZone;
  const activityIds = roundActivitiesOf(v);
  return {
    activityId: activityIds[0]!,
    activityIds,
    label: v.roundLabel,
    mode: v.mode,
    fromDate: v.periodFrom,
    toDate: v.periodTo,
    opensAt: zonedInstant(v.opensDate, v.opensTime, tz),
    closesAt: zonedInstant(v.closesDate, v.closesTime, tz),
    residentsOpensAt: v.residentsOpensDate ? zonedInstant(v.residentsOpensDate, v.residentsOpensTime || "00:00", tz) : null,
    criteria: v.criteria,
  };
}

/** Every activity of the round exists in the commune, and all are of one service (the same centre at several sites). */
async function checkActivities(scope: Scope, activityIds: string[]) {
  const rows = [];
  for (const id of activityIds) rows.push(await getActivity(scope.tx, scope.tenant.id, id));
  if (new Set(rows.map((a) => a.service)).size > 1) throw new AppError("BAD_REQUEST", `${messages.fields.roundActivityIds} : ${m.activitiesService}`, "roundActivityIds");
}

/** A new round, as a draft: nothing changes for families until it is opened. */
export async function createRound(scope: Scope, input: RoundInput) {
  const values = columnsOf(scope, input);
  await checkActivities(scope, values.activityIds);
  const [row] = await scope.tx
    .insert(allocationRounds)
    .values({ tenantId: scope.tenant.id, ...values, createdAt: scope.now, createdBy: scope.actor.userId })
    .returning();
  await recordAudit(scope, { action: "allocation.round_created", detail: { roundId: row!.id, mode: row!.mode } });
  return row!;
}

/** A draft's settings (criteria included) can change until it opens. */
export async function updateRound(scope: Scope, input: RoundInput & { roundId: string }) {
  const round = await lockRound(scope, input.roundId);
  expectStatus(round, "draft");
  const values = columnsOf(scope, input);
  await checkActivities(scope, values.activityIds);
  const [row] = await scope.tx
    .update(allocationRounds)
    .set(values)
    .where(and(eq(allocationRounds.tenantId, scope.tenant.id), eq(allocationRounds.id, round.id)))
    .returning();
  return row!;
}

/**
 * A first-come round's name, opening and residents' early opening, changed at any time (before or
 * after it opened): the booking rule book reads them on every request, so the change applies at once.
 */
export async function updateFirstComeRound(scope: Scope, input: FirstComeEditInput) {
  const v = check(firstComeEditInput, input);
  const round = await lockRound(scope, v.roundId);
  if (round.mode !== "first_come") throw new AppError("CONFLICT", m.notFirstCome);
  const tz = scope.tenant.timeZone;
  const opensAt = zonedInstant(v.opensDate, v.opensTime, tz);
  if (opensAt >= round.closesAt) throw new AppError("BAD_REQUEST", `${messages.fields.opensDate} : ${m.openingAfterEnd}`, "opensDate");
  const set = {
    label: v.roundLabel,
    opensAt,
    residentsOpensAt: v.residentsOpensDate ? zonedInstant(v.residentsOpensDate, v.residentsOpensTime || "00:00", tz) : null,
  };
  await setStatus(scope, round.id, set);
  await recordAudit(scope, {
    action: "allocation.round_updated",
    detail: { roundId: round.id, opensAt: set.opensAt.toISOString(), residentsOpensAt: set.residentsOpensAt?.toISOString() ?? null },
  });
}

/**
 * Deletes a first-come round (bookings made under it stay; its days then open as the activity's own
 * rules say), or a round by application still in draft (nothing was asked of families yet).
 */
export async function deleteRound(scope: Scope, input: { roundId: string }) {
  const round = await lockRound(scope, input.roundId);
  if (round.mode !== "first_come" && round.status !== "draft") throw new AppError("CONFLICT", m.notDeletable);
  await scope.tx.delete(allocationRounds).where(and(eq(allocationRounds.tenantId, scope.tenant.id), eq(allocationRounds.id, round.id)));
  await recordAudit(scope, { action: "allocation.round_deleted", detail: { roundId: round.id, label: round.label, mode: round.mode } });
}

/** Opens the round: applications (or, first come, bookings) are taken from its opening instants. */
export async function openRound(scope: Scope, input: { roundId: string }) {
  const round = await lockRound(scope, input.roundId);
  expectStatus(round, "draft");
  await setStatus(scope, round.id, { status: "open" });
  await recordAudit(scope, { action: "allocation.round_opened", detail: { roundId: round.id } });
}

/**
 * Closes the window (at once when staff close it early) and draws the seed: 32 random bytes from
 * the system's cryptographic generator, drawn only now, so nobody could know it while applying.
 */
export async function closeRound(scope: Scope, input: { roundId: string }) {
  const round = await lockRound(scope, input.roundId);
  expectStatus(round, "open");
  if (round.mode !== "application") throw new AppError("CONFLICT", m.notOpen);
  const seed = randomBytes(32).toString("hex");
  const closesAt = round.closesAt < scope.now ? round.closesAt : scope.now;
  await setStatus(scope, round.id, { status: "closed", closesAt, seed, seedDrawnAt: scope.now });
  await recordAudit(scope, { action: "allocation.round_closed", detail: { roundId: round.id, seed } });
}

export async function setStatus(scope: Scope, roundId: string, set: Partial<RoundRow>) {
  await scope.tx
    .update(allocationRounds)
    .set(set)
    .where(and(eq(allocationRounds.tenantId, scope.tenant.id), eq(allocationRounds.id, roundId)));
}

/** The name of each activity, with its site's (« Centre de loisirs d'été — Accueil de loisirs Jules Verne »). */
export async function activitySiteNames(scope: Scope, activityIds: string[]): Promise<Map<string, { activityName: string; siteName: string }>> {
  if (!activityIds.length) return new Map();
  const rows = await scope.tx
    .select({ id: activities.id, activityName: activities.name, siteName: sites.name })
    .from(activities)
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .where(and(eq(activities.tenantId, scope.tenant.id), inArray(activities.id, [...new Set(activityIds)])));
  return new Map(rows.map((r) => [r.id, { activityName: r.activityName, siteName: r.siteName }]));
}

/** The commune's rounds, latest period first, with their first activity's name and every site they cover. */
export async function listRounds(scope: Scope) {
  const rows = await scope.tx
    .select({ round: allocationRounds, activityName: activities.name })
    .from(allocationRounds)
    .innerJoin(activities, and(eq(activities.tenantId, allocationRounds.tenantId), eq(activities.id, allocationRounds.activityId)))
    .where(eq(allocationRounds.tenantId, scope.tenant.id))
    .orderBy(desc(allocationRounds.fromDate), desc(allocationRounds.createdAt));
  const names = await activitySiteNames(scope, rows.flatMap((r) => roundActivityIds(r.round)));
  return rows.map((r) => ({ ...r, siteNames: roundActivityIds(r.round).map((id) => names.get(id)?.siteName ?? "") }));
}

/** One round as staff review it: its weeks, every application with its result, and the adjustments made. */
export async function roundDetail(scope: Scope, input: { roundId: string }) {
  const { tx, tenant } = scope;
  const [round] = await tx.select().from(allocationRounds).where(and(eq(allocationRounds.tenantId, tenant.id), eq(allocationRounds.id, input.roundId)));
  if (!round) throw notFound();
  const roundSiteList = await roundSites(tx, tenant, round);
  const weeks = roundSiteList[0]!.weeks;
  const applications = await tx
    .select({
      id: allocationApplications.id,
      childId: allocationApplications.childId,
      childName: children.firstName,
      childLastName: children.lastName,
      householdName: households.name,
      householdReference: households.reference,
      choices: allocationApplications.choices,
      parentsWorking: allocationApplications.parentsWorking,
      keepSiblingsTogether: allocationApplications.keepSiblingsTogether,
      socialPriority: allocationApplications.socialPriority,
      submittedAt: allocationApplications.submittedAt,
      result: allocationResults,
    })
    .from(allocationApplications)
    .innerJoin(children, and(eq(children.tenantId, allocationApplications.tenantId), eq(children.id, allocationApplications.childId)))
    .innerJoin(households, and(eq(households.tenantId, allocationApplications.tenantId), eq(households.id, allocationApplications.householdId)))
    .leftJoin(
      allocationResults,
      and(eq(allocationResults.tenantId, allocationApplications.tenantId), eq(allocationResults.applicationId, allocationApplications.id), eq(allocationResults.roundId, round.id)),
    )
    .where(and(eq(allocationApplications.tenantId, tenant.id), eq(allocationApplications.roundId, round.id)))
    .orderBy(asc(allocationResults.rank), asc(allocationApplications.submittedAt));
  const adjustments = await tx
    .select({ id: allocationAdjustments.id, applicationId: allocationAdjustments.applicationId, fromChoice: allocationAdjustments.fromChoice, toChoice: allocationAdjustments.toChoice, reason: allocationAdjustments.reason, at: allocationAdjustments.at, byName: users.name })
    .from(allocationAdjustments)
    .leftJoin(users, eq(users.id, allocationAdjustments.by))
    .where(and(eq(allocationAdjustments.tenantId, tenant.id), eq(allocationAdjustments.roundId, round.id)))
    .orderBy(asc(allocationAdjustments.at));
  return {
    round,
    activityName: roundSiteList[0]!.activityName,
    weeks,
    sites: roundSiteList.map(({ activityId, activityName, siteName, weeks }) => ({ activityId, activityName, siteName, weeks })),
    applications,
    adjustments,
  };
}
