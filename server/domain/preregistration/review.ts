import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { applicationDocumentTypes, applicationDocuments, applications, children, guardians, households, users } from "@/db/schema";
import { env } from "@/config/env";
import { recordAudit } from "@/server/domain/audit/audit";
import { normalizeEmail } from "@/server/domain/auth/password";
import { requestEnrolment } from "@/server/domain/booking/enrolments";
import { assertBirthDatesPast, createFamily, inviteGuardian } from "@/server/domain/family/create-family";
import type { Scope } from "@/server/domain/scope";
import { queueEmail } from "@/server/email/outbox";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";
import { applicationForm, type ApplicationForm, type DecisionInput } from "@/common/preregistration";
import type { ApplicationStatus } from "@/db/schema";
import { draftOf, type ApplicationRow } from "./applications";

const text = messages.preregistration;

/** Applications waiting for staff: the dashboard's count. */
export async function pendingApplicationCount(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(applications).where(and(eq(applications.tenantId, tenantId), eq(applications.status, "submitted")));
  return Number(row?.n ?? 0);
}

/** The staff queue: sent applications first (oldest first), then the others; drafts are the family's own business. */
export async function listApplications(scope: Scope, input: { status?: Exclude<ApplicationStatus, "draft"> }) {
  const { tx, tenant } = scope;
  const status = input.status ? [input.status] : (["submitted", "needs_document", "accepted", "merged", "refused"] as const);
  const rows = await tx
    .select({ id: applications.id, status: applications.status, form: applications.form, submittedAt: applications.submittedAt, decidedAt: applications.decidedAt, email: users.email })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(and(eq(applications.tenantId, tenant.id), inArray(applications.status, [...status])))
    .orderBy(sql`${applications.status} <> 'submitted'`, asc(applications.submittedAt), desc(applications.updatedAt))
    .limit(500);
  return rows.map(({ form, ...r }) => {
    const draft = draftOf({ form } as ApplicationRow);
    return { ...r, householdName: draft.household.name, children: draft.children.map((c) => `${c.firstName} ${c.lastName}`.trim()) };
  });
}

async function applicationRow(scope: Scope, applicationId: string, options: { lock?: boolean } = {}): Promise<ApplicationRow> {
  const query = scope.tx
    .select()
    .from(applications)
    .where(and(eq(applications.tenantId, scope.tenant.id), eq(applications.id, applicationId), sql`${applications.status} <> 'draft'`));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw notFound();
  return row;
}

/**
 * Households that may be this family already: a child with the same name and date of birth, or a
 * guardian with one of the application's e-mails (the applicant's account included).
 */
export async function possibleDuplicates(scope: Scope, form: { children: { firstName: string; lastName: string; birthDate: string }[]; guardians: { email: string }[] }, applicantEmail: string) {
  const { tx, tenant } = scope;
  const emails = [...new Set([applicantEmail, ...form.guardians.map((g) => g.email)].filter(Boolean).map(normalizeEmail))];
  const childMatches = form.children
    .filter((c) => c.firstName && c.lastName && c.birthDate)
    .map((c) => and(sql`lower(${children.firstName}) = ${c.firstName.toLowerCase()}`, sql`lower(${children.lastName}) = ${c.lastName.toLowerCase()}`, sql`${children.birthDate} = ${c.birthDate}`));
  const byChild = childMatches.length
    ? await tx
        .selectDistinct({ householdId: children.householdId })
        .from(children)
        .where(and(eq(children.tenantId, tenant.id), or(...childMatches)))
    : [];
  const byEmail = emails.length
    ? await tx
        .selectDistinct({ householdId: guardians.householdId })
        .from(guardians)
        .where(and(eq(guardians.tenantId, tenant.id), inArray(sql`lower(${guardians.email})`, emails)))
    : [];
  const reasons = new Map<string, string[]>();
  for (const r of byChild) reasons.set(r.householdId, ["même enfant (nom et date de naissance)"]);
  for (const r of byEmail) reasons.set(r.householdId, [...(reasons.get(r.householdId) ?? []), "même adresse e-mail d'un responsable"]);
  if (!reasons.size) return [];
  const rows = await tx
    .select({ id: households.id, reference: households.reference, name: households.name, city: households.city })
    .from(households)
    .where(and(eq(households.tenantId, tenant.id), inArray(households.id, [...reasons.keys()])))
    .orderBy(asc(households.name));
  return rows.map((h) => ({ ...h, reasons: reasons.get(h.id)! }));
}

/** One application for staff: the form, its documents with their labels, the applicant and possible duplicates. */
export async function getApplication(scope: Scope, input: { applicationId: string }) {
  const row = await applicationRow(scope, input.applicationId);
  const draft = draftOf(row);
  const [applicant] = await scope.tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, row.userId));
  const documents = await scope.tx
    .select({ id: applicationDocuments.id, label: applicationDocumentTypes.label, name: applicationDocuments.name, contentType: applicationDocuments.contentType, sizeBytes: applicationDocuments.sizeBytes })
    .from(applicationDocuments)
    .innerJoin(applicationDocumentTypes, and(eq(applicationDocumentTypes.tenantId, applicationDocuments.tenantId), eq(applicationDocumentTypes.id, applicationDocuments.documentTypeId)))
    .where(and(eq(applicationDocuments.tenantId, scope.tenant.id), eq(applicationDocuments.applicationId, row.id)))
    .orderBy(asc(applicationDocumentTypes.position));
  return {
    id: row.id,
    status: row.status,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    staffMessage: row.staffMessage,
    householdId: row.householdId,
    applicant: applicant ?? { email: "", name: null },
    form: draft,
    documents,
    duplicates: await possibleDuplicates(scope, draft, applicant?.email ?? ""),
  };
}

async function tellFamily(scope: Scope, row: ApplicationRow, outcome: "accepted" | "merged" | "needs_document" | "refused", detail: { message?: string; reference?: string }) {
  const [applicant] = await scope.tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId));
  if (!applicant) return;
  const base = `${env().appUrl}/${scope.tenant.slug}`;
  await queueEmail(scope.tx, applicant.email, "application-decided", {
    communeName: scope.tenant.name,
    outcome,
    message: detail.message ?? null,
    reference: detail.reference ?? null,
    url: outcome === "accepted" || outcome === "merged" ? base : `${base}/preinscription`,
  });
}

/** Enrolment requests for the services wanted; one that does not fit the child (class, age) is left for the family to ask again. */
async function requestEnrolments(scope: Scope, form: ApplicationForm, childIdOf: (c: ApplicationForm["children"][number]) => string) {
  let requested = 0;
  for (const child of form.children) {
    for (const activityId of child.activityIds) {
      try {
        await requestEnrolment(scope, { childId: childIdOf(child), activityId });
        requested += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    }
  }
  return requested;
}

const childKey = (c: { firstName: string; lastName: string; birthDate: string }) => `${c.firstName.toLowerCase()}|${c.lastName.toLowerCase()}|${c.birthDate}`;

async function childIdsOf(scope: Scope, householdId: string) {
  const rows = await scope.tx
    .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, birthDate: children.birthDate })
    .from(children)
    .where(and(eq(children.tenantId, scope.tenant.id), eq(children.householdId, householdId)));
  return new Map(rows.map((c) => [childKey(c), c.id]));
}

/** A new family file from the application; the applicant's account is linked to the first guardian, the second is invited. */
async function accept(scope: Scope, row: ApplicationRow, form: ApplicationForm) {
  const [first, second] = form.guardians;
  const created = await createFamily(scope, {
    reference: "",
    ...form.household,
    guardians: [
      { ...first!, invite: "code" },
      ...(second ? [{ ...second, invite: "email" as const }] : []),
    ],
    children: form.children.map((c) => ({ ...c, allergies: "", diet: "standard" as const })),
  });
  const [guardian] = await scope.tx
    .select({ id: guardians.id })
    .from(guardians)
    .where(and(eq(guardians.tenantId, scope.tenant.id), eq(guardians.householdId, created.householdId), eq(guardians.firstName, first!.firstName), eq(guardians.lastName, first!.lastName)))
    .limit(1);
  await scope.tx.update(guardians).set({ userId: row.userId }).where(and(eq(guardians.tenantId, scope.tenant.id), eq(guardians.id, guardian!.id)));
  const ids = await childIdsOf(scope, created.householdId);
  const enrolmentsRequested = await requestEnrolments(scope, form, (c) => ids.get(childKey(c))!);
  return { householdId: created.householdId, reference: created.reference, enrolmentsRequested };
}

/**
 * Into an existing family file: the applicant's account is linked (to the guardian with its e-mail,
 * else as a new guardian), the second guardian added and invited if not there, the children not
 * already in the file added; the file's address is left as staff know it.
 */
async function merge(scope: Scope, row: ApplicationRow, form: ApplicationForm, householdId: string) {
  const { tx, tenant } = scope;
  const [household] = await tx.select().from(households).where(and(eq(households.tenantId, tenant.id), eq(households.id, householdId)));
  if (!household) throw new AppError("BAD_REQUEST", `${messages.fields.householdId} : ${text.unknownHousehold}`, "householdId");
  assertBirthDatesPast(scope, form.children.map((c) => c.birthDate), (i) => `children.${i}.birthDate`);
  const present = await tx.select().from(guardians).where(and(eq(guardians.tenantId, tenant.id), eq(guardians.householdId, householdId)));
  const [applicant] = await tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId));
  const sameEmail = (email: string | null, other: string) => !!email && !!other && normalizeEmail(email) === normalizeEmail(other);
  const [first, second] = form.guardians;
  if (!present.some((g) => g.userId === row.userId)) {
    const match = present.find((g) => g.userId === null && (sameEmail(g.email, applicant!.email) || sameEmail(g.email, first!.email)));
    if (match) await tx.update(guardians).set({ userId: row.userId }).where(and(eq(guardians.tenantId, tenant.id), eq(guardians.id, match.id)));
    else
      await tx.insert(guardians).values({ tenantId: tenant.id, householdId, userId: row.userId, firstName: first!.firstName, lastName: first!.lastName, email: normalizeEmail(first!.email || applicant!.email), phone: first!.phone || null });
  }
  if (second && !present.some((g) => sameEmail(g.email, second.email))) {
    const userId = await inviteGuardian(scope, { email: second.email, name: `${second.firstName} ${second.lastName}`, householdName: household.name, reference: household.reference });
    await tx.insert(guardians).values({ tenantId: tenant.id, householdId, userId, firstName: second.firstName, lastName: second.lastName, email: normalizeEmail(second.email), phone: second.phone || null });
  }
  const known = await childIdsOf(scope, householdId);
  const newChildren = form.children.filter((c) => !known.has(childKey(c)));
  if (newChildren.length) {
    await tx.insert(children).values(
      newChildren.map((c) => ({ tenantId: tenant.id, householdId, firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate, school: c.school || null, classLevel: c.classLevel || null })),
    );
  }
  const ids = await childIdsOf(scope, householdId);
  const enrolmentsRequested = await requestEnrolments(scope, form, (c) => ids.get(childKey(c))!);
  return { householdId, reference: household.reference, enrolmentsRequested, childrenAdded: newChildren.length };
}

/** Staff decide on a sent application: accept, merge into a family file, ask for a document, or refuse. The family is e-mailed. */
export async function decideApplication(scope: Scope, input: DecisionInput) {
  const row = await applicationRow(scope, input.applicationId, { lock: true });
  if (row.status !== "submitted") throw new AppError("CONFLICT", row.status === "needs_document" ? text.notWaiting : text.alreadyDecided, "applicationId");
  const decided = { decidedAt: scope.now, decidedBy: scope.actor.userId, updatedAt: scope.now };
  const where = and(eq(applications.tenantId, scope.tenant.id), eq(applications.id, row.id));
  if (input.decision === "ask_document" || input.decision === "refuse") {
    const message = input.decision === "refuse" ? input.reason : input.message;
    const status = input.decision === "refuse" ? "refused" : "needs_document";
    await scope.tx.update(applications).set({ status, staffMessage: message, ...decided }).where(where);
    await tellFamily(scope, row, status, { message });
    await recordAudit(scope, { action: `preregistration.${status}`, detail: { applicationId: row.id } });
    return { status, householdId: null, reference: null };
  }
  const parsed = applicationForm.safeParse(row.form);
  if (!parsed.success) throw new AppError("BAD_REQUEST", text.notWaiting, "applicationId");
  const outcome = input.decision === "accept" ? await accept(scope, row, parsed.data) : await merge(scope, row, parsed.data, input.householdId);
  const status = input.decision === "accept" ? ("accepted" as const) : ("merged" as const);
  await scope.tx.update(applications).set({ status, householdId: outcome.householdId, staffMessage: null, ...decided }).where(where);
  await tellFamily(scope, row, status, { reference: outcome.reference });
  await recordAudit(scope, { action: `preregistration.${status}`, householdId: outcome.householdId, detail: { applicationId: row.id, enrolments: outcome.enrolmentsRequested } });
  return { status, householdId: outcome.householdId, reference: outcome.reference };
}
