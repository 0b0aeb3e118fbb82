import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { authorizedPickups, children, familyChanges, guardians, households, storedFiles, users } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";
import { notFound } from "@/server/errors";
import { describeValue, documentKinds, healthSections, type FileSection, type HealthRecord } from "@/common/family-file";
import { messages } from "@/common/messages";
import { openJson } from "@/server/lib/health-crypto";
import { readHealth } from "./health";
import { fileSettings } from "./settings";

export const changeContext = (tenantId: string, changeId: string) => `${tenantId}:change:${changeId}`;

/** A parent may open only their own households; staff (front desk) any of the commune. Else NOT_FOUND. */
export async function assertHouseholdOpen(scope: Scope, householdId: string) {
  if (scope.actor.role === "parent" && !scope.actor.householdIds.includes(householdId)) throw notFound();
  const [row] = await scope.tx
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.tenantId, scope.tenant.id), eq(households.id, householdId)));
  if (!row) throw notFound();
}

/** A staff read of these children's health data, one audit line each. */
export async function logHealthViews(scope: Scope, householdId: string, childIds: string[], via: string) {
  if (scope.actor.role !== "staff") return;
  for (const childId of childIds) await recordAudit(scope, { action: "health.viewed", childId, householdId, detail: { via } });
}

export interface ChangeView {
  id: string;
  section: FileSection;
  sectionLabel: string;
  childId: string | null;
  guardianId: string | null;
  status: (typeof familyChanges.$inferSelect)["status"];
  before: string;
  after: string;
  value: Record<string, unknown>;
  requestedAt: Date;
  requestedByName: string | null;
  requestedByRole: string;
  decidedAt: Date | null;
  reason: string | null;
}

/** Decrypted changes of one household (or the commune's pending ones when `householdId` is null). */
export async function changesOf(scope: Scope, filter: { householdId?: string; status?: "pending"; limit?: number }): Promise<(ChangeView & { householdId: string })[]> {
  const conditions = [eq(familyChanges.tenantId, scope.tenant.id)];
  if (filter.householdId) conditions.push(eq(familyChanges.householdId, filter.householdId));
  if (filter.status) conditions.push(eq(familyChanges.status, filter.status));
  const rows = await scope.tx
    .select({ change: familyChanges, byName: users.name })
    .from(familyChanges)
    .leftJoin(users, eq(users.id, familyChanges.requestedBy))
    .where(and(...conditions))
    .orderBy(filter.status ? asc(familyChanges.requestedAt) : desc(familyChanges.requestedAt))
    .limit(filter.limit ?? 200);
  return rows.map(({ change: c, byName }) => {
    const context = changeContext(scope.tenant.id, c.id);
    const section = c.section as FileSection;
    const after = openJson<Record<string, unknown>>(c.after, context);
    const before = c.before ? openJson<Record<string, unknown>>(c.before, context) : null;
    return {
      id: c.id,
      householdId: c.householdId,
      section,
      sectionLabel: messages.familyFile.sections[section],
      childId: c.childId,
      guardianId: c.guardianId,
      status: c.status,
      before: before ? describeValue(section, before) : "—",
      after: describeValue(section, after),
      value: after,
      requestedAt: c.requestedAt,
      requestedByName: byName,
      requestedByRole: c.requestedByRole,
      decidedAt: c.decidedAt,
      reason: c.reason,
    };
  });
}

/**
 * The family file with everything editable: contacts, insurance, children with their health record
 * decrypted, pickups, documents, and changes still waiting for staff. A staff read logs a health view per child.
 */
export async function familyFile(scope: Scope, input: { householdId: string }) {
  await assertHouseholdOpen(scope, input.householdId);
  const { tx, tenant } = scope;
  const tenantId = tenant.id;
  const [household] = await tx.select().from(households).where(and(eq(households.tenantId, tenantId), eq(households.id, input.householdId)));
  const guardianRows = await tx
    .select({
      id: guardians.id,
      firstName: guardians.firstName,
      lastName: guardians.lastName,
      email: guardians.email,
      phone: guardians.phone,
      employer: guardians.employer,
      relationship: guardians.relationship,
      hasAccount: sql<boolean>`${guardians.userId} is not null`,
      isMe: sql<boolean>`${guardians.userId} is not distinct from ${scope.actor.userId}`,
    })
    .from(guardians)
    .where(and(eq(guardians.tenantId, tenantId), eq(guardians.householdId, input.householdId)))
    .orderBy(asc(guardians.lastName), asc(guardians.firstName));
  const childRows = await tx
    .select()
    .from(children)
    .where(and(eq(children.tenantId, tenantId), eq(children.householdId, input.householdId)))
    .orderBy(asc(children.birthDate));
  const pickupRows = childRows.length
    ? await tx
        .select()
        .from(authorizedPickups)
        .where(and(eq(authorizedPickups.tenantId, tenantId), inArray(authorizedPickups.childId, childRows.map((c) => c.id))))
        .orderBy(asc(authorizedPickups.name))
    : [];
  const documents = await tx
    .select({ id: storedFiles.id, kind: storedFiles.kind, name: storedFiles.name })
    .from(storedFiles)
    .where(and(eq(storedFiles.tenantId, tenantId), eq(storedFiles.householdId, input.householdId), inArray(storedFiles.kind, [...documentKinds])));
  const kids = childRows.map((c) => ({
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    birthDate: c.birthDate,
    school: c.school ?? "",
    classLevel: c.classLevel ?? "",
    diet: c.diet,
    hasPai: c.hasPai,
    imageRights: c.imageRights,
    leavesAlone: c.leavesAlone,
    leavesAloneFrom: c.leavesAloneFrom,
    photoFileId: c.photoFileId,
    health: readHealth(tenantId, c) as HealthRecord,
    pickups: pickupRows.filter((p) => p.childId === c.id).map((p) => ({ name: p.name, phone: p.phone, relationship: p.relationship })),
  }));
  await logHealthViews(scope, input.householdId, kids.map((k) => k.id), "family_file");
  const pending = await changesOf(scope, { householdId: input.householdId, status: "pending" });
  return {
    household: {
      id: household!.id,
      reference: household!.reference,
      name: household!.name,
      addressLine: household!.addressLine,
      postalCode: household!.postalCode,
      city: household!.city,
      cafNumber: household!.cafNumber ?? "",
      insurance: {
        company: household!.insuranceCompany ?? "",
        policy: household!.insurancePolicy ?? "",
        expiresOn: household!.insuranceExpiresOn ?? "",
        certificateFileId: household!.insuranceFileId,
      },
    },
    guardians: guardianRows,
    children: kids,
    documents,
    pending,
    settings: await fileSettings(scope),
  };
}
export type FamilyFileView = Awaited<ReturnType<typeof familyFile>>;

/** The file's history (who, when, before, after), newest first; health sections count as a health view. */
export async function fileHistory(scope: Scope, input: { householdId: string }) {
  await assertHouseholdOpen(scope, input.householdId);
  const list = await changesOf(scope, { householdId: input.householdId, limit: 200 });
  const healthChildren = [...new Set(list.filter((c) => healthSections.includes(c.section) && c.childId).map((c) => c.childId!))];
  await logHealthViews(scope, input.householdId, healthChildren, "history");
  return list.map(({ value: _value, ...rest }) => rest);
}
