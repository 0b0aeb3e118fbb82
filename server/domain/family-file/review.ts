import { and, asc, desc, eq, gt, inArray, isNotNull } from "drizzle-orm";
import { children, fileReviewCampaigns, fileReviews, guardians, households, schoolYears } from "@/db/schema";
import { env } from "@/config/env";
import type { Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";
import { queueEmails } from "@/server/email/outbox";
import { AppError, notFound } from "@/server/errors";
import { formatDate, todayIn } from "@/common/dates";
import { messages } from "@/common/messages";
import { readHealth } from "./health";

const m = messages.familyFile;

/** The coming school year: the commune's next one in its calendar, else September of this year or the next. */
export async function comingSchoolYear(scope: Scope): Promise<{ label: string; startDate: string }> {
  const today = todayIn(scope.tenant.timeZone, scope.now);
  const [next] = await scope.tx
    .select({ label: schoolYears.label, startDate: schoolYears.startDate })
    .from(schoolYears)
    .where(and(eq(schoolYears.tenantId, scope.tenant.id), gt(schoolYears.startDate, today)))
    .orderBy(asc(schoolYears.startDate))
    .limit(1);
  if (next) return next;
  const year = Number(today.slice(0, 4)) + (today.slice(5) >= "09-01" ? 1 : 0);
  return { label: `${year}-${year + 1}`, startDate: `${year}-09-01` };
}

/** Documents of a household that expire before the coming school year starts, as sentences for the family. */
export async function expiringDocuments(scope: Scope, householdIds: string[], startDate: string): Promise<Map<string, string[]>> {
  const warnings = new Map<string, string[]>(householdIds.map((id) => [id, []]));
  if (!householdIds.length) return warnings;
  const { tx, tenant } = scope;
  const rows = await tx
    .select({ id: households.id, expiresOn: households.insuranceExpiresOn, company: households.insuranceCompany })
    .from(households)
    .where(and(eq(households.tenantId, tenant.id), inArray(households.id, householdIds)));
  for (const h of rows) {
    if (!h.expiresOn && !h.company) warnings.get(h.id)!.push(m.expiring.insuranceMissing);
    else if (h.expiresOn && h.expiresOn < startDate) warnings.get(h.id)!.push(m.expiring.insurance(formatDate(h.expiresOn)));
  }
  const kids = await tx
    .select({ id: children.id, householdId: children.householdId, firstName: children.firstName, health: children.health })
    .from(children)
    .where(and(eq(children.tenantId, tenant.id), inArray(children.householdId, householdIds)));
  for (const c of kids) {
    const due = readHealth(tenant.id, c).vaccinationsDueOn;
    if (due && due < startDate) warnings.get(c.householdId)!.push(m.expiring.vaccinations(c.firstName, formatDate(due)));
  }
  return warnings;
}

/** What the family page shows: the coming year's check, if asked and not done, and what expires before it. */
export async function myReview(scope: Scope, input: { householdId: string }) {
  if (!scope.actor.householdIds.includes(input.householdId)) throw notFound();
  const coming = await comingSchoolYear(scope);
  const campaign = await latestCampaign(scope);
  const reviewed = campaign ? await reviewedHouseholds(scope, campaign.id) : new Map();
  const warnings = (await expiringDocuments(scope, [input.householdId], coming.startDate)).get(input.householdId) ?? [];
  return { schoolYear: campaign?.schoolYear ?? coming.label, requested: Boolean(campaign), reviewedAt: reviewed.get(input.householdId) ?? null, warnings };
}

async function latestCampaign(scope: Scope) {
  const [row] = await scope.tx.select().from(fileReviewCampaigns).where(eq(fileReviewCampaigns.tenantId, scope.tenant.id)).orderBy(desc(fileReviewCampaigns.requestedAt)).limit(1);
  return row ?? null;
}

async function reviewedHouseholds(scope: Scope, campaignId: string): Promise<Map<string, Date>> {
  const rows = await scope.tx
    .select({ householdId: fileReviews.householdId, at: fileReviews.reviewedAt })
    .from(fileReviews)
    .where(and(eq(fileReviews.tenantId, scope.tenant.id), eq(fileReviews.campaignId, campaignId)));
  return new Map(rows.map((r) => [r.householdId, r.at]));
}

/** « J'ai vérifié mon dossier »: the family confirms its file for the year asked. */
export async function markReviewed(scope: Scope, input: { householdId: string }) {
  if (!scope.actor.householdIds.includes(input.householdId)) throw notFound();
  const campaign = await latestCampaign(scope);
  if (!campaign) throw notFound();
  await scope.tx
    .insert(fileReviews)
    .values({ tenantId: scope.tenant.id, campaignId: campaign.id, householdId: input.householdId, reviewedAt: scope.now, reviewedBy: scope.actor.userId })
    .onConflictDoNothing();
  return { reviewed: true };
}

/** An admin asks every family to check its file for the coming year: one e-mail per guardian, through the outbox. */
export async function startReview(scope: Scope) {
  const coming = await comingSchoolYear(scope);
  const [taken] = await scope.tx
    .select({ id: fileReviewCampaigns.id })
    .from(fileReviewCampaigns)
    .where(and(eq(fileReviewCampaigns.tenantId, scope.tenant.id), eq(fileReviewCampaigns.schoolYear, coming.label)));
  if (taken) throw new AppError("CONFLICT", m.reviewAlreadyRequested);
  await scope.tx.insert(fileReviewCampaigns).values({ tenantId: scope.tenant.id, schoolYear: coming.label, requestedAt: scope.now, requestedBy: scope.actor.userId });
  const recipients = await scope.tx
    .select({ householdId: guardians.householdId, email: guardians.email })
    .from(guardians)
    .where(and(eq(guardians.tenantId, scope.tenant.id), isNotNull(guardians.email)));
  const warnings = await expiringDocuments(scope, [...new Set(recipients.map((r) => r.householdId))], coming.startDate);
  const fileUrl = `${env().appUrl}/${scope.tenant.slug}/dossier`;
  await queueEmails(
    scope.tx,
    "family-file-review",
    recipients.map((r) => ({ to: r.email!, props: { communeName: scope.tenant.name, schoolYear: coming.label, warnings: warnings.get(r.householdId) ?? [], fileUrl } })),
  );
  await recordAudit(scope, { action: "family.review_requested", detail: { schoolYear: coming.label, emails: recipients.length } });
  return { schoolYear: coming.label, emails: recipients.length };
}

/** Who has checked their file for the latest request, family by family. */
export async function reviewStatus(scope: Scope) {
  const campaign = await latestCampaign(scope);
  const coming = await comingSchoolYear(scope);
  if (!campaign) return { campaign: null, comingYear: coming.label, families: [] };
  const reviewed = await reviewedHouseholds(scope, campaign.id);
  const families = await scope.tx
    .select({ id: households.id, name: households.name, reference: households.reference })
    .from(households)
    .where(eq(households.tenantId, scope.tenant.id))
    .orderBy(asc(households.name));
  return {
    campaign: { schoolYear: campaign.schoolYear, requestedAt: campaign.requestedAt },
    comingYear: coming.label,
    families: families.map((f) => ({ ...f, reviewedAt: reviewed.get(f.id) ?? null })),
  };
}
