import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, gte, isNull, lte, or } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { activities, communeDocuments, communeProfiles, documentCategories, news, schoolYears, sites, tariffs } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { storage } from "@/server/adapters/storage";
import type { StoredObject } from "@/server/adapters/storage/types";
import type { Scope, ScopeOutsideTx } from "@/server/domain/scope";
import { describeTariff } from "@/server/domain/billing/tariff-labels";
import { contactOf } from "@/server/domain/tenants/commune-settings";
import { findTenantBySlug, type Tenant } from "@/server/domain/tenants/tenants";
import { checkUpload, cleanUpload, extensionOf, type UploadInput } from "@/server/lib/uploads";
import { AppError, notFound } from "@/server/errors";
import { serviceLabels, unitLabels } from "@/common/activity-labels";
import { todayIn } from "@/common/dates";
import { tariffPricingSchema } from "@/common/tariff-pricing";
import { messages } from "@/common/messages";

/**
 * What the commune publishes: news (actualités, from a date, until an optional end) and documents
 * (règlement intérieur, menus, tarifs), and its public page for visitors not signed in. Documents are
 * public by nature: they are served by their own route, to anyone, as attachments.
 */

const m = messages.demandes.publications;

/** An instant a person may type: years 2000 to 2199 (the database and the calendar stop somewhere). */
const instant = z.coerce.date().refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2199, "date invalide");

export const newsInput = z.object({
  newsId: z.uuid().optional(),
  title: z.string().trim().min(1, m.titleRequired).max(200),
  body: z.string().trim().max(5000),
  publishFrom: instant.optional(),
  publishUntil: instant.nullable().optional(),
});

/** Admin: publishes (or changes) a news item; without a start it is published now. */
export async function saveNews(scope: Scope, input: z.infer<typeof newsInput>) {
  const publishFrom = input.publishFrom ?? scope.now;
  const publishUntil = input.publishUntil ?? null;
  if (publishUntil && publishUntil <= publishFrom) throw new AppError("BAD_REQUEST", m.untilBeforeFrom, "publishUntil");
  const values = { title: input.title, body: input.body, publishFrom, publishUntil };
  if (input.newsId) {
    const [row] = await scope.tx.update(news).set(values).where(and(eq(news.tenantId, scope.tenant.id), eq(news.id, input.newsId))).returning({ id: news.id });
    if (!row) throw notFound();
    return { newsId: row.id };
  }
  const [row] = await scope.tx
    .insert(news)
    .values({ ...values, tenantId: scope.tenant.id, createdBy: scope.actor.userId, createdAt: scope.now })
    .returning({ id: news.id });
  return { newsId: row!.id };
}

export async function deleteNews(scope: Scope, input: { newsId: string }) {
  const [row] = await scope.tx.delete(news).where(and(eq(news.tenantId, scope.tenant.id), eq(news.id, input.newsId))).returning({ id: news.id });
  if (!row) throw notFound();
  return { newsId: row.id };
}

/** News as families read them: published now, latest first. */
async function publishedNews(tx: Tx, tenantId: string, now: Date) {
  return tx
    .select({ id: news.id, title: news.title, body: news.body, publishFrom: news.publishFrom })
    .from(news)
    .where(and(eq(news.tenantId, tenantId), lte(news.publishFrom, now), or(isNull(news.publishUntil), gt(news.publishUntil, now))))
    .orderBy(desc(news.publishFrom))
    .limit(20);
}

/** Staff: every news item, scheduled and ended ones too. */
export async function allNews(scope: Scope) {
  const rows = await scope.tx.select().from(news).where(eq(news.tenantId, scope.tenant.id)).orderBy(desc(news.publishFrom));
  return rows.map((r) => ({
    ...r,
    state: r.publishFrom > scope.now ? ("scheduled" as const) : r.publishUntil && r.publishUntil <= scope.now ? ("ended" as const) : ("published" as const),
  }));
}

export const documentUrl = (slug: string, documentId: string) => `/api/documents/${encodeURIComponent(slug)}/${documentId}`;

async function documentsOf(tx: Tx, tenant: Pick<Tenant, "id" | "slug">) {
  const rows = await tx
    .select({ id: communeDocuments.id, title: communeDocuments.title, category: communeDocuments.category, name: communeDocuments.name, sizeBytes: communeDocuments.sizeBytes, publishedAt: communeDocuments.publishedAt })
    .from(communeDocuments)
    .where(eq(communeDocuments.tenantId, tenant.id))
    .orderBy(asc(communeDocuments.category), desc(communeDocuments.publishedAt));
  return rows.map((d) => ({ ...d, categoryLabel: m.documentCategories[d.category] ?? d.category, url: documentUrl(tenant.slug, d.id) }));
}

export const DOCUMENT_MAX_BYTES = 700 * 1024;
const documentRules = {
  types: ["application/pdf", "image/jpeg", "image/png"] as const,
  maxBytes: DOCUMENT_MAX_BYTES,
  field: "file",
  messages: { ...messages.demandes.files, type: messages.demandes.files.type.replace("Pièce jointe", "Fichier"), size: messages.demandes.files.size.replace("Pièce jointe", "Fichier") },
};

/** Admin: publishes a document. The bytes go to storage first (outside any transaction), then its row. */
export async function publishDocument(outside: ScopeOutsideTx, input: { title: string; category: (typeof documentCategories)[number]; file: UploadInput }) {
  const title = input.title.trim();
  if (!title) throw new AppError("BAD_REQUEST", m.titleRequired, "title");
  const file = await cleanUpload(checkUpload(input.file, documentRules), documentRules);
  const key = `${outside.tenant.id}/commune_document/${randomUUID()}.${extensionOf[file.type]}`;
  const { sizeBytes } = await storage().put(key, file.bytes, { contentType: file.type });
  try {
    return await withTenant(outside.tenant.id, async (tx) => {
      const [row] = await tx
        .insert(communeDocuments)
        .values({ tenantId: outside.tenant.id, title, category: input.category, key, contentType: file.type, sizeBytes, name: file.name, publishedAt: outside.now, createdBy: outside.actor.userId })
        .returning({ id: communeDocuments.id });
      return { documentId: row!.id };
    });
  } catch (error) {
    await storage().delete(key).catch(() => undefined);
    throw error;
  }
}

/** Admin: withdraws a document; its bytes are deleted once the row is gone. */
export async function withdrawDocument(outside: ScopeOutsideTx, input: { documentId: string }) {
  const key = await withTenant(outside.tenant.id, async (tx) => {
    const [row] = await tx
      .delete(communeDocuments)
      .where(and(eq(communeDocuments.tenantId, outside.tenant.id), eq(communeDocuments.id, input.documentId)))
      .returning({ key: communeDocuments.key });
    if (!row) throw notFound();
    return row.key;
  });
  await storage().delete(key).catch(() => undefined);
  return { documentId: input.documentId };
}

/** A published document for the download route: anyone may read it (it is public), or null. */
export async function readDocument(input: { commune: string; documentId: string }): Promise<{ name: string; contentType: string; object: StoredObject } | null> {
  if (!z.uuid().safeParse(input.documentId).success || input.commune.length > 100) return null;
  const tenant = await findTenantBySlug(input.commune);
  if (!tenant || tenant.status !== "active") return null;
  const [row] = await withTenant(tenant.id, (tx) =>
    tx.select().from(communeDocuments).where(and(eq(communeDocuments.tenantId, tenant.id), eq(communeDocuments.id, input.documentId))),
  );
  if (!row) return null;
  const object = await storage().get(row.key);
  return object ? { name: row.name, contentType: row.contentType, object } : null;
}

export const profileInput = z.object({ presentation: z.string().trim().max(2000), openingHours: z.string().trim().max(1000) });

export async function communeProfile(scope: Scope) {
  const [row] = await scope.tx.select().from(communeProfiles).where(eq(communeProfiles.tenantId, scope.tenant.id));
  return { presentation: row?.presentation ?? "", openingHours: row?.openingHours ?? "" };
}

export async function saveCommuneProfile(scope: Scope, input: z.infer<typeof profileInput>) {
  await scope.tx
    .insert(communeProfiles)
    .values({ tenantId: scope.tenant.id, ...input })
    .onConflictDoUpdate({ target: communeProfiles.tenantId, set: input });
  return input;
}

/** News and documents as a family of the commune reads them. */
export async function familyPublications(scope: Scope) {
  return { news: await publishedNews(scope.tx, scope.tenant.id, scope.now), documents: await documentsOf(scope.tx, scope.tenant) };
}

/** Staff: everything published, for the admin page. */
export async function staffPublications(scope: Scope) {
  return { news: await allNews(scope), documents: await documentsOf(scope.tx, scope.tenant), profile: await communeProfile(scope) };
}

/** The activities of this school year and the next, with the tariff in force today (or the first to come). */
async function servicesWithTariffs(tx: Tx, tenant: Tenant, now: Date) {
  const today = todayIn(tenant.timeZone, now);
  const rows = await tx
    .select({ id: activities.id, name: activities.name, service: activities.service, unit: activities.unit, siteName: sites.name, siteAddress: sites.address })
    .from(activities)
    .innerJoin(sites, and(eq(sites.tenantId, activities.tenantId), eq(sites.id, activities.siteId)))
    .innerJoin(schoolYears, and(eq(schoolYears.tenantId, activities.tenantId), eq(schoolYears.id, activities.schoolYearId)))
    .where(and(eq(activities.tenantId, tenant.id), eq(activities.archived, false), gte(schoolYears.endDate, today)))
    .orderBy(asc(activities.service), asc(activities.name));
  const allTariffs = await tx.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id)).orderBy(asc(tariffs.validFrom));
  return rows.map((a) => {
    const mine = allTariffs.filter((t) => t.activityId === a.id);
    const tariff = mine.filter((t) => t.validFrom <= today).at(-1) ?? mine[0];
    const description = tariff ? describeTariff(tariffPricingSchema.parse(tariff.pricing)).slice(0, 2) : [];
    return { ...a, serviceLabel: serviceLabels[a.service as keyof typeof serviceLabels] ?? a.service, unitLabel: unitLabels[a.unit as keyof typeof unitLabels] ?? a.unit, tariffFrom: tariff?.validFrom ?? null, tariff: description };
  });
}

/** The public page of a commune, for anyone: services and tariffs, news, documents, contacts, hours. */
export async function publicPage(slug: string, now: Date) {
  const tenant = await findTenantBySlug(slug);
  if (!tenant || tenant.status !== "active") throw notFound();
  return withTenant(tenant.id, async (tx) => {
    const [profile] = await tx.select().from(communeProfiles).where(eq(communeProfiles.tenantId, tenant.id));
    const { siret: _siret, dpoContact: _dpo, ...contact } = contactOf(tenant);
    return {
      commune: { slug: tenant.slug, name: tenant.name, timeZone: tenant.timeZone },
      contact,
      presentation: profile?.presentation ?? "",
      openingHours: profile?.openingHours ?? "",
      services: await servicesWithTariffs(tx, tenant, now),
      news: await publishedNews(tx, tenant.id, now),
      documents: await documentsOf(tx, tenant),
    };
  });
}
