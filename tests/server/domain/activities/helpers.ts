import { eq } from "drizzle-orm";
import { activities, bookingOpenings, children, occurrences, schoolYears, sites } from "@/db/schema";
import type { Tx } from "@/db";
import { withPlatform, withTenant } from "@/db/transaction";
import { AppError } from "@/server/errors";
import { findTenantBySlug, type Tenant } from "@/server/domain/tenants/tenants";

export interface DemoIds {
  tenant: Tenant;
  activity: Record<string, string>;
  site: Record<string, string>;
  child: Record<string, string>;
  year: string;
}

/** Ids of a demo commune's activities, sites, children and its 2026-2027 school year, by name. */
export async function demoIds(slug: string): Promise<DemoIds> {
  const tenant = (await findTenantBySlug(slug))!;
  return withPlatform(async (tx) => {
    const byName = (rows: { id: string; name: string }[]) => Object.fromEntries(rows.map((r) => [r.name, r.id]));
    const activity = byName(await tx.select({ id: activities.id, name: activities.name }).from(activities).where(eq(activities.tenantId, tenant.id)));
    const site = byName(await tx.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.tenantId, tenant.id)));
    const child = byName(await tx.select({ id: children.id, name: children.firstName }).from(children).where(eq(children.tenantId, tenant.id)));
    const [year] = await tx.select({ id: schoolYears.id }).from(schoolYears).where(eq(schoolYears.tenantId, tenant.id));
    return { tenant, activity, site, child, year: year!.id };
  });
}

export const inTenant = <T>(tenant: Tenant, fn: (tx: Tx) => Promise<T>) => withTenant(tenant.id, fn);

/** The AppError a promise rejects with (fails the test if it resolves or throws something else). */
export async function appError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

/** Every row the activities domain writes, across communes: to show a refused call wrote nothing. */
export async function snapshot() {
  return withPlatform(async (tx) => ({
    sites: await tx.select().from(sites).orderBy(sites.tenantId, sites.id),
    activities: await tx.select().from(activities).orderBy(activities.tenantId, activities.id),
    occurrences: await tx.select().from(occurrences).orderBy(occurrences.tenantId, occurrences.activityId, occurrences.date),
    openings: await tx.select().from(bookingOpenings).orderBy(bookingOpenings.tenantId, bookingOpenings.id),
  }));
}
