import { and, count, eq } from "drizzle-orm";
import { activities, calendarPeriods, households, memberships, schoolYears, sites, tariffs } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";

export type SetupStep = "schoolYear" | "holidays" | "sites" | "activities" | "tariffs" | "team" | "families";

/**
 * What a new commune still has to set up before families can book, in the order it is done: each
 * step with how many rows it has. The dashboard shows it until every step is done.
 */
export async function setupChecklist(scope: Scope): Promise<{ steps: { step: SetupStep; count: number; done: boolean }[]; complete: boolean }> {
  const { tx } = scope;
  const t = scope.tenant.id;
  const n = async (query: Promise<{ n: number }[]>) => Number((await query)[0]?.n ?? 0);
  const counts: [SetupStep, number, number][] = [
    ["schoolYear", await n(tx.select({ n: count() }).from(schoolYears).where(eq(schoolYears.tenantId, t))), 1],
    ["holidays", await n(tx.select({ n: count() }).from(calendarPeriods).where(and(eq(calendarPeriods.tenantId, t), eq(calendarPeriods.kind, "holiday")))), 1],
    ["sites", await n(tx.select({ n: count() }).from(sites).where(eq(sites.tenantId, t))), 1],
    ["activities", await n(tx.select({ n: count() }).from(activities).where(eq(activities.tenantId, t))), 1],
    ["tariffs", await n(tx.select({ n: count() }).from(tariffs).where(eq(tariffs.tenantId, t))), 1],
    // The first admin is there from the start: the team is set up once someone else joins.
    ["team", await n(tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, t))), 2],
    ["families", await n(tx.select({ n: count() }).from(households).where(eq(households.tenantId, t))), 1],
  ];
  const steps = counts.map(([step, c, needed]) => ({ step, count: c, done: c >= needed }));
  return { steps, complete: steps.every((s) => s.done) };
}
