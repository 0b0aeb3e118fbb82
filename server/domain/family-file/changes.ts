import { randomUUID } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import { authorizedPickups, children, familyChanges, guardians, households, storedFiles } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";
import { assertBirthDatesPast, inviteGuardian } from "@/server/domain/family/create-family";
import { normalizeEmail } from "@/server/domain/auth/password";
import { AppError, notFound } from "@/server/errors";
import { sealJson } from "@/server/lib/health-crypto";
import { todayIn } from "@/common/dates";
import { childSections, guardianSections, type DocumentKind, type FileChangeInput, type FileSection } from "@/common/family-file";
import { messages } from "@/common/messages";
import { assertHouseholdOpen, changeContext } from "./file";
import { healthColumns, readHealth } from "./health";
import { fileSettings } from "./settings";

const m = messages.familyFile;
const bad = (field: string, message: string) => new AppError("BAD_REQUEST", `${messages.fields[field] ?? field} : ${message}`, field);

type Target = { householdId: string; childId: string | null; guardianId: string | null };

/** The child or guardian named must be of this household; a section about one needs one. */
async function checkTarget(scope: Scope, input: FileChangeInput): Promise<Target> {
  const { tx, tenant } = scope;
  await assertHouseholdOpen(scope, input.householdId);
  const target: Target = { householdId: input.householdId, childId: null, guardianId: null };
  if ((childSections as readonly string[]).includes(input.section)) {
    if (!input.childId) throw new AppError("BAD_REQUEST", m.wrongTarget, "childId");
    const [row] = await tx
      .select({ id: children.id })
      .from(children)
      .where(and(eq(children.tenantId, tenant.id), eq(children.id, input.childId), eq(children.householdId, input.householdId)));
    if (!row) throw notFound();
    target.childId = row.id;
  }
  if ((guardianSections as readonly string[]).includes(input.section)) {
    if (!input.guardianId) throw new AppError("BAD_REQUEST", m.wrongTarget, "guardianId");
    const [row] = await tx
      .select({ id: guardians.id })
      .from(guardians)
      .where(and(eq(guardians.tenantId, tenant.id), eq(guardians.id, input.guardianId), eq(guardians.householdId, input.householdId)));
    if (!row) throw notFound();
    target.guardianId = row.id;
  }
  return target;
}

/** A document named in a change must have been uploaded for this household, as that kind of document. */
async function checkFile(scope: Scope, householdId: string, fileId: string | null | undefined, kind: DocumentKind, field: string) {
  if (!fileId) return;
  const [row] = await scope.tx
    .select({ id: storedFiles.id })
    .from(storedFiles)
    .where(and(eq(storedFiles.tenantId, scope.tenant.id), eq(storedFiles.id, fileId), eq(storedFiles.householdId, householdId), eq(storedFiles.kind, kind)));
  if (!row) throw bad(field, m.unknownFile);
}

/** Rules beyond the shape: dates in the past, the commune's diets, documents of this file, guardians left. */
async function checkValue(scope: Scope, input: FileChangeInput, target: Target) {
  const today = todayIn(scope.tenant.timeZone, scope.now);
  switch (input.section) {
    case "address":
      return checkFile(scope, target.householdId, input.value.proofFileId, "address_proof", "proofFileId");
    case "insurance":
      return checkFile(scope, target.householdId, input.value.certificateFileId, "insurance_certificate", "certificateFileId");
    case "child_added":
      return assertBirthDatesPast(scope, [input.value.birthDate], () => "birthDate");
    case "health":
      if (input.value.vaccinationsDate && input.value.vaccinationsDate > today) throw bad("vaccinationsDate", m.futureDate);
      await checkFile(scope, target.householdId, input.value.paiFileId, "pai_document", "paiFileId");
      return checkFile(scope, target.householdId, input.value.vaccinationFileId, "vaccination_record", "vaccinationFileId");
    case "diet": {
      const { offeredDiets } = await fileSettings(scope);
      if (input.value.diet !== "standard" && !offeredDiets.includes(input.value.diet)) throw bad("diet", m.dietNotOffered);
      return;
    }
    case "guardian_added": {
      if (!input.value.email) return;
      const email = normalizeEmail(input.value.email);
      const [taken] = await scope.tx
        .select({ id: guardians.id })
        .from(guardians)
        .where(and(eq(guardians.tenantId, scope.tenant.id), eq(guardians.householdId, target.householdId), eq(guardians.email, email)));
      if (taken) throw bad("email", m.duplicateEmail);
      return;
    }
    case "guardian_removed": {
      const others = await scope.tx
        .select({ id: guardians.id, userId: guardians.userId })
        .from(guardians)
        .where(and(eq(guardians.tenantId, scope.tenant.id), eq(guardians.householdId, target.householdId), ne(guardians.id, target.guardianId!)));
      if (!others.length) throw new AppError("CONFLICT", m.lastGuardian, "guardianId");
      const [self] = await scope.tx.select({ userId: guardians.userId }).from(guardians).where(and(eq(guardians.tenantId, scope.tenant.id), eq(guardians.id, target.guardianId!)));
      if (scope.actor.role === "parent" && self?.userId === scope.actor.userId) throw new AppError("CONFLICT", m.selfRemoval, "guardianId");
      return;
    }
  }
}

/** What the section holds now, to keep as « before » in the history. */
async function currentValue(scope: Scope, section: FileSection, target: Target): Promise<Record<string, unknown> | null> {
  const { tx, tenant } = scope;
  if (section === "guardian_added" || section === "child_added") return null;
  if (["address", "caf", "insurance"].includes(section)) {
    const [h] = await tx.select().from(households).where(and(eq(households.tenantId, tenant.id), eq(households.id, target.householdId)));
    if (!h) return null;
    if (section === "address") return { addressLine: h.addressLine, postalCode: h.postalCode, city: h.city, proofFileId: null };
    if (section === "caf") return { cafNumber: h.cafNumber ?? "" };
    return { company: h.insuranceCompany ?? "", policy: h.insurancePolicy ?? "", expiresOn: h.insuranceExpiresOn ?? "", certificateFileId: h.insuranceFileId };
  }
  if (target.guardianId) {
    const [g] = await tx.select().from(guardians).where(and(eq(guardians.tenantId, tenant.id), eq(guardians.id, target.guardianId)));
    if (!g) return null;
    return section === "guardian_removed" ? { firstName: g.firstName, lastName: g.lastName, email: g.email ?? "", phone: g.phone ?? "" } : { phone: g.phone ?? "", email: g.email ?? "", employer: g.employer ?? "" };
  }
  const [c] = await tx.select().from(children).where(and(eq(children.tenantId, tenant.id), eq(children.id, target.childId!)));
  if (!c) return null;
  const health = readHealth(tenant.id, c);
  switch (section) {
    case "schooling":
      return { school: c.school ?? "", classLevel: c.classLevel ?? "" };
    case "allergies":
      return { allergies: health.allergies };
    case "health": {
      const { allergies: _a, ...rest } = health;
      return { hasPai: c.hasPai, ...rest };
    }
    case "diet":
      return { diet: c.diet };
    case "authorisations":
      return { imageRights: c.imageRights, leavesAlone: c.leavesAlone, leavesAloneFrom: c.leavesAloneFrom };
    default: {
      const list = await tx.select().from(authorizedPickups).where(and(eq(authorizedPickups.tenantId, tenant.id), eq(authorizedPickups.childId, c.id)));
      return { pickups: list.map((p) => ({ name: p.name, phone: p.phone, relationship: p.relationship })) };
    }
  }
}

/** Writes the change into the file. Returns the new child's or guardian's id when it adds one. */
async function apply(scope: Scope, input: FileChangeInput, target: Target): Promise<Target> {
  const { tx, tenant } = scope;
  const householdWhere = and(eq(households.tenantId, tenant.id), eq(households.id, target.householdId));
  const childWhere = and(eq(children.tenantId, tenant.id), eq(children.id, target.childId ?? "00000000-0000-0000-0000-000000000000"));
  const guardianWhere = and(eq(guardians.tenantId, tenant.id), eq(guardians.id, target.guardianId ?? "00000000-0000-0000-0000-000000000000"));
  const childRow = async () => {
    const [c] = await tx.select().from(children).where(childWhere).for("update");
    if (!c) throw notFound();
    return c;
  };
  switch (input.section) {
    case "address": {
      const { addressLine, postalCode, city } = input.value;
      await tx.update(households).set({ addressLine, postalCode, city }).where(householdWhere);
      break;
    }
    case "caf":
      await tx.update(households).set({ cafNumber: input.value.cafNumber || null }).where(householdWhere);
      break;
    case "insurance": {
      const v = input.value;
      await tx
        .update(households)
        .set({ insuranceCompany: v.company || null, insurancePolicy: v.policy || null, insuranceExpiresOn: v.expiresOn || null, insuranceFileId: v.certificateFileId })
        .where(householdWhere);
      break;
    }
    case "guardian_contact": {
      const v = input.value;
      await tx
        .update(guardians)
        .set({ phone: v.phone || null, email: v.email ? normalizeEmail(v.email) : null, employer: v.employer || null })
        .where(guardianWhere);
      break;
    }
    case "guardian_added": {
      const v = input.value;
      const [h] = await tx.select({ name: households.name, reference: households.reference }).from(households).where(householdWhere);
      // The activation/invitation mechanism of « Nouvelle famille »: an account linked at once, a link to activate it.
      const userId = v.invite && v.email ? await inviteGuardian(scope, { email: v.email, name: `${v.firstName} ${v.lastName}`, householdName: h!.name, reference: h!.reference }) : null;
      const [row] = await tx
        .insert(guardians)
        .values({
          tenantId: tenant.id,
          householdId: target.householdId,
          userId,
          firstName: v.firstName,
          lastName: v.lastName,
          email: v.email ? normalizeEmail(v.email) : null,
          phone: v.phone || null,
          relationship: v.relationship || "parent",
        })
        .returning({ id: guardians.id });
      return { ...target, guardianId: row!.id };
    }
    case "guardian_removed":
      await tx.delete(guardians).where(guardianWhere);
      break;
    case "child_added": {
      const v = input.value;
      const [row] = await tx
        .insert(children)
        .values({ tenantId: tenant.id, householdId: target.householdId, firstName: v.firstName, lastName: v.lastName, birthDate: v.birthDate, school: v.school || null, classLevel: v.classLevel || null })
        .returning({ id: children.id });
      return { ...target, childId: row!.id };
    }
    case "schooling":
      await tx.update(children).set({ school: input.value.school || null, classLevel: input.value.classLevel || null }).where(childWhere);
      break;
    case "allergies": {
      const c = await childRow();
      const record = { ...readHealth(tenant.id, c), allergies: input.value.allergies };
      await tx.update(children).set(healthColumns(tenant.id, c.id, record, c.hasPai)).where(childWhere);
      break;
    }
    case "health": {
      const c = await childRow();
      const { hasPai, ...rest } = input.value;
      const record = { ...readHealth(tenant.id, c), ...rest };
      await tx.update(children).set(healthColumns(tenant.id, c.id, record, hasPai)).where(childWhere);
      break;
    }
    case "diet":
      await tx.update(children).set({ diet: input.value.diet }).where(childWhere);
      break;
    case "authorisations": {
      const v = input.value;
      await tx.update(children).set({ imageRights: v.imageRights, leavesAlone: v.leavesAlone, leavesAloneFrom: v.leavesAlone ? v.leavesAloneFrom : "" }).where(childWhere);
      break;
    }
    case "pickups":
      await tx.delete(authorizedPickups).where(and(eq(authorizedPickups.tenantId, tenant.id), eq(authorizedPickups.childId, target.childId!)));
      if (input.value.pickups.length) {
        await tx.insert(authorizedPickups).values(input.value.pickups.map((p) => ({ tenantId: tenant.id, childId: target.childId!, ...p })));
      }
      break;
  }
  return target;
}

export const seal = (scope: Scope, id: string, value: unknown) => sealJson(value, changeContext(scope.tenant.id, id));

/**
 * A change to one section of a family file. Staff changes apply at once; a family's change applies at
 * once too unless the commune has the section reviewed (a new child always is): then it waits as
 * « pending », shown to both sides, until staff accept or refuse it. Every change is kept in the
 * file's history, sealed (it may hold health data), and in the audit log.
 */
export async function changeFile(scope: Scope, input: FileChangeInput): Promise<{ status: "applied" | "pending"; changeId: string }> {
  const target = await checkTarget(scope, input);
  await checkValue(scope, input, target);
  const { reviewedSections } = await fileSettings(scope);
  const waits = scope.actor.role === "parent" && reviewedSections.includes(input.section);
  const before = await currentValue(scope, input.section, target);
  if (waits) return { status: "pending", changeId: await savePending(scope, input, target, before) };
  const applied = await apply(scope, input, target);
  const id = randomUUID();
  await scope.tx.insert(familyChanges).values({
    tenantId: scope.tenant.id,
    id,
    ...applied,
    section: input.section,
    status: "applied",
    before: before ? seal(scope, id, before) : null,
    after: seal(scope, id, input.value),
    requestedBy: scope.actor.userId,
    requestedByRole: scope.actor.role,
    requestedAt: scope.now,
  });
  await recordAudit(scope, { action: "family.changed", householdId: applied.householdId, childId: applied.childId, detail: { section: input.section, status: "applied" } });
  return { status: "applied", changeId: id };
}

/** One pending change per section and person: a second one replaces what the first asked. */
async function savePending(scope: Scope, input: FileChangeInput, target: Target, before: Record<string, unknown> | null): Promise<string> {
  const { tx, tenant } = scope;
  const same = await tx
    .select({ id: familyChanges.id, childId: familyChanges.childId, guardianId: familyChanges.guardianId })
    .from(familyChanges)
    .where(and(eq(familyChanges.tenantId, tenant.id), eq(familyChanges.householdId, target.householdId), eq(familyChanges.section, input.section), eq(familyChanges.status, "pending")))
    .for("update");
  const replaced = input.section === "child_added" || input.section === "guardian_added" ? undefined : same.find((c) => c.childId === target.childId && c.guardianId === target.guardianId);
  const id = replaced?.id ?? randomUUID();
  const values = { before: before ? seal(scope, id, before) : null, after: seal(scope, id, input.value), requestedBy: scope.actor.userId, requestedAt: scope.now };
  if (replaced) await tx.update(familyChanges).set(values).where(and(eq(familyChanges.tenantId, tenant.id), eq(familyChanges.id, id)));
  else await tx.insert(familyChanges).values({ tenantId: tenant.id, id, ...target, section: input.section, status: "pending", requestedByRole: scope.actor.role, ...values });
  await recordAudit(scope, { action: "family.changed", householdId: target.householdId, childId: target.childId, detail: { section: input.section, status: "pending" } });
  return id;
}

/** Applies a pending change accepted by staff (decide.ts), with what the file holds at that moment as « before ». */
export async function applyAccepted(scope: Scope, input: FileChangeInput) {
  const target = await checkTarget(scope, input);
  await checkValue(scope, input, target);
  const before = await currentValue(scope, input.section, target);
  const applied = await apply(scope, input, target);
  return { applied, before };
}
