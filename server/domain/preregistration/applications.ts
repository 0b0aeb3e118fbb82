import { and, desc, eq, inArray } from "drizzle-orm";
import type { ZodError } from "zod";
import { applicationDocuments, applications, tenants, users } from "@/db/schema";
import { withPlatform } from "@/db/transaction";
import { enrolableActivities } from "@/server/domain/booking/planning";
import { assertBirthDatesPast } from "@/server/domain/family/create-family";
import type { Scope } from "@/server/domain/scope";
import { AppError, notFound } from "@/server/errors";
import { fieldLabel, messages } from "@/common/messages";
import { applicationDraft, applicationForm, emptyDraft, type ApplicationDraft, type ApplicationForm } from "@/common/preregistration";
import { listDocumentTypes } from "./document-types";

const text = messages.preregistration;

/** Statuses in which the family may still change its application. */
export const EDITABLE = ["draft", "needs_document"] as const;

export type ApplicationRow = typeof applications.$inferSelect;

/** The caller's application in this commune that is still open (draft, sent, or a document asked), or null. */
export async function openApplicationOf(scope: Scope, options: { lock?: boolean } = {}): Promise<ApplicationRow | null> {
  if (!scope.actor.userId) throw notFound();
  const query = scope.tx
    .select()
    .from(applications)
    .where(and(eq(applications.tenantId, scope.tenant.id), eq(applications.userId, scope.actor.userId), inArray(applications.status, ["draft", "submitted", "needs_document"])));
  const [row] = options.lock ? await query.for("update") : await query;
  return row ?? null;
}

async function latestApplicationOf(scope: Scope): Promise<ApplicationRow | null> {
  const open = await openApplicationOf(scope);
  if (open) return open;
  const [row] = await scope.tx
    .select()
    .from(applications)
    .where(and(eq(applications.tenantId, scope.tenant.id), eq(applications.userId, scope.actor.userId!)))
    .orderBy(desc(applications.updatedAt))
    .limit(1);
  return row ?? null;
}

export async function documentsOf(scope: Scope, applicationId: string) {
  return scope.tx
    .select({ id: applicationDocuments.id, documentTypeId: applicationDocuments.documentTypeId, name: applicationDocuments.name, contentType: applicationDocuments.contentType, sizeBytes: applicationDocuments.sizeBytes })
    .from(applicationDocuments)
    .where(and(eq(applicationDocuments.tenantId, scope.tenant.id), eq(applicationDocuments.applicationId, applicationId)));
}

/** The form as stored, read back leniently (a draft is never trusted to be complete). */
export function draftOf(row: ApplicationRow | null): ApplicationDraft {
  if (!row) return emptyDraft();
  const parsed = applicationDraft.safeParse(row.form);
  return parsed.success ? parsed.data : emptyDraft();
}

async function accountEmail(userId: string): Promise<string> {
  const [user] = await withPlatform((tx) => tx.select({ email: users.email }).from(users).where(eq(users.id, userId)));
  return user?.email ?? "";
}

/**
 * Everything the pre-registration pages need: the caller's application (or a fresh draft with their
 * e-mail as first guardian), its documents, what the commune asks for and offers.
 */
export async function myApplication(scope: Scope) {
  const row = await latestApplicationOf(scope);
  const draft = draftOf(row);
  if (!row && draft.guardians.length === 0) draft.guardians.push({ firstName: "", lastName: "", email: await accountEmail(scope.actor.userId!), phone: "" });
  return {
    alreadyFamily: scope.actor.householdIds.length > 0,
    application: row ? { id: row.id, status: row.status, staffMessage: row.staffMessage, submittedAt: row.submittedAt, updatedAt: row.updatedAt } : null,
    draft,
    documents: row ? await documentsOf(scope, row.id) : [],
    documentTypes: await listDocumentTypes(scope),
    activities: await enrolableActivities(scope),
    commune: { name: scope.tenant.name, slug: scope.tenant.slug },
  };
}

function assertNewFamily(scope: Scope) {
  if (scope.actor.householdIds.length > 0) throw new AppError("CONFLICT", text.alreadyFamily);
}

/** The caller's open application, created as a draft on first need; refused once sent and waiting. */
export async function editableApplication(scope: Scope): Promise<ApplicationRow> {
  assertNewFamily(scope);
  const open = await openApplicationOf(scope, { lock: true });
  if (open) {
    if (!(EDITABLE as readonly string[]).includes(open.status)) throw new AppError("CONFLICT", text.notEditable);
    return open;
  }
  const [created] = await scope.tx
    .insert(applications)
    .values({ tenantId: scope.tenant.id, userId: scope.actor.userId!, status: "draft", form: emptyDraft(), createdAt: scope.now, updatedAt: scope.now })
    .returning();
  return created!;
}

/**
 * Keeps what has been typed so far: the family comes back to it later. A date of birth in the future
 * is refused at once (the step that shows it stays open, nothing is kept), not only when sending.
 */
export async function saveDraft(scope: Scope, input: ApplicationDraft) {
  assertBirthDatesPast(scope, input.children.map((c) => c.birthDate), (i) => `children.${i}.birthDate`);
  const row = await editableApplication(scope);
  await scope.tx
    .update(applications)
    .set({ form: input, updatedAt: scope.now })
    .where(and(eq(applications.tenantId, scope.tenant.id), eq(applications.id, row.id)));
  return { id: row.id, status: row.status };
}

/** The first problem of a form, as the procedures word a bad input: « Label » : message, with its field. */
function formRefusal(error: ZodError): AppError {
  const issue = error.issues[0]!;
  return new AppError("BAD_REQUEST", `${fieldLabel(issue.path)} : ${issue.message}`, issue.path.join("."));
}

/** The whole form checked against the commune's offer: dates of birth, activities, required documents. */
async function checkForm(scope: Scope, row: ApplicationRow): Promise<ApplicationForm> {
  const parsed = applicationForm.safeParse(row.form);
  if (!parsed.success) throw formRefusal(parsed.error);
  const form = parsed.data;
  assertBirthDatesPast(scope, form.children.map((c) => c.birthDate), (i) => `children.${i}.birthDate`);
  const offered = new Set((await enrolableActivities(scope)).map((a) => a.id));
  form.children.forEach((c, i) => {
    if (c.activityIds.some((id) => !offered.has(id))) throw new AppError("BAD_REQUEST", `${messages.fields.activityIds} : ${text.unknownActivity}`, `children.${i}.activityIds`);
  });
  const sent = new Set((await documentsOf(scope, row.id)).map((d) => d.documentTypeId));
  const missing = (await listDocumentTypes(scope)).find((t) => t.required && !sent.has(t.id));
  if (missing) throw new AppError("BAD_REQUEST", `${messages.fields.documentTypeId} : ${text.documentMissing(missing.label)}`, `documents.${missing.id}`);
  return form;
}

/** Sends the application to the town hall (again, after a document was asked for). */
export async function submitApplication(scope: Scope) {
  const row = await editableApplication(scope);
  await checkForm(scope, row);
  const [updated] = await scope.tx
    .update(applications)
    .set({ status: "submitted", submittedAt: scope.now, updatedAt: scope.now })
    .where(and(eq(applications.tenantId, scope.tenant.id), eq(applications.id, row.id)))
    .returning({ id: applications.id, status: applications.status });
  return updated!;
}

/** `/compte`: the account's pre-registrations in every commune, newest first. Platform path, filtered by the signed-in user. */
export async function applicationsOfUser(userId: string) {
  return withPlatform((tx) =>
    tx
      .select({ id: applications.id, status: applications.status, updatedAt: applications.updatedAt, staffMessage: applications.staffMessage, tenantSlug: tenants.slug, tenantName: tenants.name })
      .from(applications)
      .innerJoin(tenants, eq(tenants.id, applications.tenantId))
      .where(and(eq(applications.userId, userId), eq(tenants.status, "active")))
      .orderBy(desc(applications.updatedAt)),
  );
}
