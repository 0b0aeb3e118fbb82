import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { activities, allocationApplications, allocationResults, allocationRounds, children, households } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { check } from "@/server/domain/activities/inputs";
import { AppError, notFound } from "@/server/errors";
import { applicationInput, type ApplicationInput } from "@/common/allocation";
import { formatInstant } from "@/common/dates";
import { messages } from "@/common/messages";
import { choiceActivity, roundSites } from "./days";
import type { RoundRow } from "./rounds";

const m = messages.allocation;

/** When this household may start applying: residents at the early opening, if the commune set one. */
const opensFor = (round: RoundRow, resident: boolean) => (resident && round.residentsOpensAt ? round.residentsOpensAt : round.opensAt);

/** Refuses unless the window is open for this household now (the server's clock, never the browser's). */
function assertWindowOpen(scope: Scope, round: RoundRow, resident: boolean) {
  if (round.mode !== "application" || round.status === "draft") throw notFound();
  if (round.status !== "open" || scope.now >= round.closesAt) throw new AppError("CONFLICT", m.closedAlready);
  const opens = opensFor(round, resident);
  if (scope.now < opens) throw new AppError("CONFLICT", m.notYetOpen(formatInstant(opens, scope.tenant.timeZone)));
}

/** The child, if it is one of the parent's own (staff: any of the commune), with its household's residency. */
async function ownChild(scope: Scope, childId: string) {
  const [child] = await scope.tx
    .select({ id: children.id, householdId: children.householdId, isResident: households.isResident })
    .from(children)
    .innerJoin(households, and(eq(households.tenantId, children.tenantId), eq(households.id, children.householdId)))
    .where(and(eq(children.tenantId, scope.tenant.id), eq(children.id, childId)));
  if (!child || (scope.actor.role === "parent" && !scope.actor.householdIds.includes(child.householdId))) throw notFound();
  return child;
}

/**
 * A family applies for a child, or changes its application, until the window closes. Nothing is
 * first come: the time of the application plays no part in the allocation. Every day chosen must
 * be a day the activity runs within the round's period.
 */
export async function saveApplication(scope: Scope, input: ApplicationInput) {
  const v = check(applicationInput, input);
  const { tx, tenant, now } = scope;
  const [round] = await tx.select().from(allocationRounds).where(and(eq(allocationRounds.tenantId, tenant.id), eq(allocationRounds.id, v.roundId))).for("share");
  if (!round) throw notFound();
  const child = await ownChild(scope, v.childId);
  assertWindowOpen(scope, round, child.isResident);
  // Each choice names one of the round's activities (a site; none: the first) and days that activity runs in the period.
  const offered = new Map((await roundSites(tx, tenant, round)).map((s) => [s.activityId, new Set(s.days)]));
  if (v.choices.some((c) => !offered.has(choiceActivity(round, c)))) throw new AppError("BAD_REQUEST", `${messages.fields.choices} : ${m.activityOutside}`, "choices");
  if (v.choices.some((c) => c.days.some((d) => !offered.get(choiceActivity(round, c))!.has(d)))) throw new AppError("BAD_REQUEST", `${messages.fields.choices} : ${m.dayOutside}`, "choices");
  const choices = v.choices.map((c) => ({ activityId: choiceActivity(round, c), days: [...new Set(c.days)].sort() }));
  if (new Set(choices.map((c) => `${c.activityId}:${c.days.join(",")}`)).size !== choices.length) throw new AppError("BAD_REQUEST", `${messages.fields.choices} : ${m.duplicateChoice}`, "choices");
  const values = { choices, parentsWorking: v.parentsWorking, keepSiblingsTogether: v.keepSiblingsTogether, updatedAt: now, submittedBy: scope.actor.userId };
  const [row] = await tx
    .insert(allocationApplications)
    .values({ tenantId: tenant.id, roundId: round.id, childId: child.id, householdId: child.householdId, submittedAt: now, ...values })
    .onConflictDoUpdate({ target: [allocationApplications.tenantId, allocationApplications.roundId, allocationApplications.childId], set: values })
    .returning();
  return row!;
}

/** Withdraws a child's application while the window is open. */
export async function withdrawApplication(scope: Scope, input: { roundId: string; childId: string }) {
  const { tx, tenant } = scope;
  const [round] = await tx.select().from(allocationRounds).where(and(eq(allocationRounds.tenantId, tenant.id), eq(allocationRounds.id, input.roundId))).for("share");
  if (!round) throw notFound();
  const child = await ownChild(scope, input.childId);
  assertWindowOpen(scope, round, child.isResident);
  await tx
    .delete(allocationApplications)
    .where(and(eq(allocationApplications.tenantId, tenant.id), eq(allocationApplications.roundId, round.id), eq(allocationApplications.childId, child.id)));
}

/**
 * What a family sees: every round by application of the commune that is not a draft, its weeks,
 * its window (for this household: residents may open earlier), the family's applications and,
 * once published, each child's place or waiting rank with the points that made it, the criteria
 * and the seed. Another family's application or result is never read.
 */
export async function familyRounds(scope: Scope) {
  const { tx, tenant, actor } = scope;
  if (!actor.householdIds.length) return [];
  const kids = await tx
    .select({ id: children.id, firstName: children.firstName, householdId: children.householdId, isResident: households.isResident })
    .from(children)
    .innerJoin(households, and(eq(households.tenantId, children.tenantId), eq(households.id, children.householdId)))
    .where(and(eq(children.tenantId, tenant.id), inArray(children.householdId, actor.householdIds)))
    .orderBy(asc(children.birthDate));
  const rounds = await tx
    .select({ round: allocationRounds, activityName: activities.name })
    .from(allocationRounds)
    .innerJoin(activities, and(eq(activities.tenantId, allocationRounds.tenantId), eq(activities.id, allocationRounds.activityId)))
    .where(and(eq(allocationRounds.tenantId, tenant.id), eq(allocationRounds.mode, "application"), ne(allocationRounds.status, "draft")))
    .orderBy(asc(allocationRounds.fromDate));
  const resident = kids.some((k) => k.isResident);
  const out = [];
  for (const { round, activityName } of rounds) {
    const siteList = await roundSites(tx, tenant, round);
    const weeks = siteList[0]!.weeks;
    const mine = kids.length
      ? await tx
          .select({ application: allocationApplications, result: allocationResults })
          .from(allocationApplications)
          .leftJoin(allocationResults, and(eq(allocationResults.tenantId, allocationApplications.tenantId), eq(allocationResults.applicationId, allocationApplications.id)))
          .where(and(eq(allocationApplications.tenantId, tenant.id), eq(allocationApplications.roundId, round.id), inArray(allocationApplications.childId, kids.map((k) => k.id))))
      : [];
    const published = round.status === "published";
    const opens = opensFor(round, resident);
    out.push({
      id: round.id,
      label: round.label,
      activityName,
      status: round.status,
      fromDate: round.fromDate,
      toDate: round.toDate,
      opensAt: opens,
      closesAt: round.closesAt,
      earlyForResidents: Boolean(round.residentsOpensAt && resident),
      canApply: round.status === "open" && scope.now >= opens && scope.now < round.closesAt,
      weeks,
      /** Every activity of the round (a site each), the first being the round's: the family picks the site, then the week, then the days. */
      sites: siteList.map(({ activityId, activityName, siteName, weeks }) => ({ activityId, activityName, siteName, weeks })),
      criteria: round.criteria,
      seed: published ? round.seed : null,
      publishedAt: round.publishedAt,
      children: kids.map((k) => {
        const own = mine.find((a) => a.application.childId === k.id);
        return {
          childId: k.id,
          firstName: k.firstName,
          application: own
            ? { choices: own.application.choices.map((c) => ({ activityId: choiceActivity(round, c), days: c.days })), parentsWorking: own.application.parentsWorking, keepSiblingsTogether: own.application.keepSiblingsTogether, updatedAt: own.application.updatedAt }
            : null,
          // Results are the family's to see only once published: staff may still adjust before.
          result:
            published && own?.result
              ? { rank: own.result.rank, points: own.result.points, breakdown: own.result.breakdown, criterionValues: own.result.criterionValues, placedChoice: own.result.placedChoice, waitingRank: own.result.waitingRank, adjusted: own.result.adjusted }
              : null,
        };
      }),
    });
  }
  return out;
}
