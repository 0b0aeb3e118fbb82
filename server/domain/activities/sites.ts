import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { activities, sites } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { check, siteInput, type SiteInput } from "./inputs";
import { messages } from "@/common/messages";
import type { Scope } from "@/server/domain/scope";

const m = messages.activities;

export interface SiteRow {
  id: string;
  name: string;
  address: string;
  archived: boolean;
  /** Activities at this site that are not archived. */
  activeActivities: number;
}

const siteColumns = { id: sites.id, name: sites.name, address: sites.address, archived: sites.archived };

/** The commune's sites, open ones first, by name, with how many live activities each holds. */
export async function listSites(scope: Scope): Promise<SiteRow[]> {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const rows = await tx
    .select({
      ...siteColumns,
      activeActivities: sql<number>`count(${activities.id}) filter (where ${activities.archived} = false)`.mapWith(Number),
    })
    .from(sites)
    .leftJoin(activities, and(eq(activities.tenantId, sites.tenantId), eq(activities.siteId, sites.id)))
    .where(eq(sites.tenantId, tenantId))
    .groupBy(sites.tenantId, sites.id)
    .orderBy(asc(sites.archived), asc(sites.name));
  return rows;
}

async function getSite(tx: Tx, tenantId: string, siteId: string) {
  const [site] = await tx
    .select(siteColumns)
    .from(sites)
    .where(and(eq(sites.tenantId, tenantId), eq(sites.id, siteId)));
  if (!site) throw notFound();
  return site;
}

async function assertNameFree(tx: Tx, tenantId: string, name: string, exceptId?: string) {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(sites)
    .where(and(eq(sites.tenantId, tenantId), sql`lower(${sites.name}) = lower(${name})`, exceptId ? ne(sites.id, exceptId) : undefined));
  if (n > 0) throw new AppError("CONFLICT", m.siteNameTaken, "name");
}

export async function createSite(scope: Scope, input: SiteInput) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const values = check(siteInput, input);
  await assertNameFree(tx, tenantId, values.name);
  const [site] = await tx
    .insert(sites)
    .values({ tenantId, ...values })
    .returning(siteColumns);
  return site!;
}

/** Renames a site or changes its address. */
export async function updateSite(scope: Scope, input: SiteInput & { siteId: string }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { siteId } = input;
  const values = check(siteInput, input);
  await getSite(tx, tenantId, siteId);
  await assertNameFree(tx, tenantId, values.name, siteId);
  const [site] = await tx
    .update(sites)
    .set(values)
    .where(and(eq(sites.tenantId, tenantId), eq(sites.id, siteId)))
    .returning(siteColumns);
  return site!;
}

/**
 * Archives a site (it is no longer offered for new activities) or brings it back. A site still
 * holding live activities cannot be archived: those would point to a site nobody can pick.
 */
export async function archiveSite(scope: Scope, input: { siteId: string; archived: boolean }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { siteId, archived } = input;
  await getSite(tx, tenantId, siteId);
  if (archived) {
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(activities)
      .where(and(eq(activities.tenantId, tenantId), eq(activities.siteId, siteId), eq(activities.archived, false)));
    if (n > 0) throw new AppError("CONFLICT", m.siteInUse(n), "siteId");
  }
  const [site] = await tx
    .update(sites)
    .set({ archived })
    .where(and(eq(sites.tenantId, tenantId), eq(sites.id, siteId)))
    .returning(siteColumns);
  return site!;
}
