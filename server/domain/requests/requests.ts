import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { creditNotes, households, invoices, requestCategories, requestEvents, requestFiles, requests, storedFiles, users } from "@/db/schema";
import type { Tx } from "@/db";
import type { Scope, ScopeOutsideTx } from "@/server/domain/scope";
import { recordFile, withStoredUploads, type PendingFile } from "@/server/domain/files/stored-files";
import { checkUpload, cleanUpload, type CheckedUpload, type UploadInput } from "@/server/lib/uploads";
import { AppError, notFound } from "@/server/errors";
import { isCivilDate } from "@/common/dates";
import { storedFileUrl } from "@/common/files";
import { messages } from "@/common/messages";
import { isClosed, requestFor, type RequestRow } from "./access";
import { getCategory, type RequestCategory } from "./categories";
import { notifyFamily, notifyStaff } from "./notify";

const m = messages.demandes;

/** One file stays under the 1 MB tRPC body once in base64 (server/request-limits.ts). */
export const REQUEST_FILE_MAX_BYTES = 700 * 1024;
export const REQUEST_MAX_FILES = 3;
const fileRules = { types: ["application/pdf", "image/jpeg", "image/png"] as const, maxBytes: REQUEST_FILE_MAX_BYTES, field: "attachments", messages: m.files };

/** Checks every file by its content, then re-encodes images and inspects PDFs; outside any transaction. */
export async function prepareFiles(inputs: UploadInput[] = []): Promise<CheckedUpload[]> {
  if (inputs.length > REQUEST_MAX_FILES) throw new AppError("BAD_REQUEST", m.tooManyFiles(REQUEST_MAX_FILES), "attachments");
  const checked = inputs.map((file) => checkUpload(file, fileRules));
  return Promise.all(checked.map((file) => cleanUpload(file, fileRules)));
}

const fieldError = (key: string, message: string) => new AppError("BAD_REQUEST", message, `fields.${key}`);

/** The category's fields, each checked; unknown keys dropped. */
export function checkFields(category: Pick<RequestCategory, "fields">, values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of category.fields) {
    const value = (values[spec.key] ?? "").trim();
    if (!value) {
      if (spec.required) throw fieldError(spec.key, m.fieldRequired(spec.label));
      continue;
    }
    if (value.length > 2000) throw fieldError(spec.key, m.fieldTooLong(spec.label));
    if (spec.type === "date" && !isCivilDate(value)) throw fieldError(spec.key, m.fieldDate(spec.label));
    out[spec.key] = value;
  }
  return out;
}

/** Adds an event to the thread (and its files); returns its id. */
async function addEvent(
  scope: Scope,
  request: { id: string; householdId: string },
  event: Pick<typeof requestEvents.$inferInsert, "kind" | "body" | "data">,
  files: PendingFile[] = [],
): Promise<string> {
  const side = scope.actor.role === "parent" ? "family" : scope.actor.role === "staff" ? "staff" : "system";
  const [row] = await scope.tx
    .insert(requestEvents)
    .values({ tenantId: scope.tenant.id, requestId: request.id, at: scope.now, authorUserId: scope.actor.userId, side, ...event })
    .returning({ id: requestEvents.id });
  for (const file of files) {
    const fileId = await recordFile(scope.tx, scope.tenant.id, { householdId: request.householdId, kind: "request_attachment", file });
    await scope.tx.insert(requestFiles).values({ tenantId: scope.tenant.id, requestId: request.id, fileId, eventId: row!.id });
  }
  return row!.id;
}
export { addEvent as addRequestEvent };

const familyPath = (scope: Scope, id: string) => `/${scope.tenant.slug}/demandes/${id}`;
const staffPath = (scope: Scope, id: string) => `/${scope.tenant.slug}/admin/demandes/${id}`;

export interface SubmitInput {
  householdId?: string;
  categoryId: string;
  fields: Record<string, string>;
  invoiceId?: string | null;
  message?: string;
  attachments?: UploadInput[];
}

/** A family sends a request: fields and required documents checked, stored, the staff told. */
export async function submitRequest(outside: ScopeOutsideTx, input: SubmitInput): Promise<{ requestId: string }> {
  const files = await prepareFiles(input.attachments);
  return withStoredUploads(outside.tenant, "request_attachment", files, async (tx, stored) => {
    const scope: Scope = { ...outside, tx };
    const householdId = input.householdId ?? scope.actor.householdIds[0];
    if (!householdId || !scope.actor.householdIds.includes(householdId)) throw notFound();
    const category = await getCategory(scope, input.categoryId).catch(() => {
      throw new AppError("BAD_REQUEST", m.categoryUnknown, "categoryId");
    });
    if (category.archived) throw new AppError("BAD_REQUEST", m.categoryUnknown, "categoryId");
    const fields = checkFields(category, input.fields);
    if (files.length < category.requiredAttachments.length) throw new AppError("BAD_REQUEST", m.attachmentsMissing(category.requiredAttachments), "attachments");
    const invoiceId = await disputedInvoice(scope, category, householdId, input.invoiceId ?? null);
    const dueAt = category.targetDays ? new Date(scope.now.getTime() + category.targetDays * 86_400_000) : null;
    const [row] = await tx
      .insert(requests)
      .values({ tenantId: scope.tenant.id, householdId, categoryId: category.id, fields, invoiceId, createdBy: scope.actor.userId, createdAt: scope.now, updatedAt: scope.now, dueAt })
      .returning({ id: requests.id });
    const request = { id: row!.id, householdId };
    await addEvent(scope, request, { kind: "message", body: (input.message ?? "").trim() }, stored);
    const [household] = await tx.select({ name: households.name }).from(households).where(and(eq(households.tenantId, scope.tenant.id), eq(households.id, householdId)));
    await notifyStaff(scope, {
      handledBy: category.handledBy,
      assigneeUserId: null,
      subject: m.email.toStaffSubject(category.name, household?.name ?? ""),
      text: `Nouvelle demande « ${category.name} » de la ${household?.name ?? "famille"}.`,
      path: staffPath(scope, request.id),
      button: "Ouvrir la demande",
    });
    return { requestId: request.id };
  });
}

/** A contestation names one of the family's own invoices; other categories may not name any. */
async function disputedInvoice(scope: Scope, category: RequestCategory, householdId: string, invoiceId: string | null): Promise<string | null> {
  if (category.kind !== "invoice_dispute") return null;
  if (!invoiceId) throw new AppError("BAD_REQUEST", m.invoiceRequired, "invoiceId");
  const [row] = await scope.tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.tenantId, scope.tenant.id), eq(invoices.id, invoiceId), eq(invoices.householdId, householdId)));
  if (!row) throw notFound();
  return row.id;
}

/** A family's requests, latest first. */
export async function familyRequests(scope: Scope) {
  const { householdIds } = scope.actor;
  if (!householdIds.length) return [];
  return scope.tx
    .select({
      id: requests.id,
      categoryName: requestCategories.name,
      status: requests.status,
      createdAt: requests.createdAt,
      updatedAt: requests.updatedAt,
      invoiceNumber: invoices.number,
    })
    .from(requests)
    .innerJoin(requestCategories, and(eq(requestCategories.tenantId, requests.tenantId), eq(requestCategories.id, requests.categoryId)))
    .leftJoin(invoices, and(eq(invoices.tenantId, requests.tenantId), eq(invoices.id, requests.invoiceId)))
    .where(and(eq(requests.tenantId, scope.tenant.id), inArray(requests.householdId, householdIds)))
    .orderBy(desc(requests.createdAt));
}

/** One request with its thread and files, for its family or the staff who handle it. */
export async function requestDetail(scope: Scope, input: { requestId: string }) {
  const request = await requestFor(scope, input.requestId);
  return describe(scope, request);
}

async function describe(scope: Scope, request: RequestRow) {
  const tenantId = scope.tenant.id;
  const [category] = await scope.tx
    .select({ fields: requestCategories.fields, description: requestCategories.description })
    .from(requestCategories)
    .where(and(eq(requestCategories.tenantId, tenantId), eq(requestCategories.id, request.categoryId)));
  const events = await scope.tx
    .select({ id: requestEvents.id, at: requestEvents.at, side: requestEvents.side, kind: requestEvents.kind, body: requestEvents.body, data: requestEvents.data, author: users.name })
    .from(requestEvents)
    .leftJoin(users, eq(users.id, requestEvents.authorUserId))
    .where(and(eq(requestEvents.tenantId, tenantId), eq(requestEvents.requestId, request.id)))
    .orderBy(asc(requestEvents.seq));
  const files = await scope.tx
    .select({ eventId: requestFiles.eventId, fileId: storedFiles.id, name: storedFiles.name, contentType: storedFiles.contentType, sizeBytes: storedFiles.sizeBytes })
    .from(requestFiles)
    .innerJoin(storedFiles, and(eq(storedFiles.tenantId, requestFiles.tenantId), eq(storedFiles.id, requestFiles.fileId)))
    .where(and(eq(requestFiles.tenantId, tenantId), eq(requestFiles.requestId, request.id)));
  const [household] = await scope.tx
    .select({ name: households.name, reference: households.reference, addressLine: households.addressLine, postalCode: households.postalCode, city: households.city })
    .from(households)
    .where(and(eq(households.tenantId, tenantId), eq(households.id, request.householdId)));
  const [invoice] = request.invoiceId
    ? await scope.tx
        .select({ id: invoices.id, number: invoices.number, totalCents: invoices.totalCents })
        .from(invoices)
        .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, request.invoiceId)))
    : [];
  const [creditNote] = request.creditNoteId
    ? await scope.tx
        .select({ number: creditNotes.number, amountCents: creditNotes.amountCents })
        .from(creditNotes)
        .where(and(eq(creditNotes.tenantId, tenantId), eq(creditNotes.id, request.creditNoteId)))
    : [];
  const staffView = scope.actor.role !== "parent";
  return {
    id: request.id,
    categoryName: request.categoryName,
    categoryKind: request.categoryKind,
    handledBy: request.handledBy,
    description: category?.description ?? "",
    status: request.status,
    statusLabel: (staffView ? m.staffStatuses : m.statuses)[request.status],
    closed: isClosed(request.status),
    refusalReason: request.refusalReason,
    createdAt: request.createdAt,
    dueAt: request.dueAt,
    late: !isClosed(request.status) && request.status !== "awaiting_family" && request.dueAt !== null && request.dueAt < scope.now,
    assigneeUserId: request.assigneeUserId,
    fields: (category?.fields ?? []).filter((f) => request.fields[f.key]).map((f) => ({ key: f.key, label: f.label, value: request.fields[f.key]! })),
    household: staffView ? household! : { name: household!.name, reference: household!.reference },
    householdId: request.householdId,
    invoice: invoice ?? null,
    creditNote: creditNote ?? null,
    certificate: request.certificate ? { ...request.certificate, url: `/api/demandes/${encodeURIComponent(scope.tenant.slug)}/${request.id}/attestation` } : null,
    events: events.map((e) => ({
      ...e,
      files: files.filter((f) => f.eventId === e.id).map((f) => ({ id: f.fileId, name: f.name, sizeBytes: f.sizeBytes, url: storedFileUrl(scope.tenant.slug, f.fileId) })),
    })),
  };
}
export type RequestDetail = Awaited<ReturnType<typeof describe>>;

export interface ReplyInput {
  requestId: string;
  body: string;
  attachments?: UploadInput[];
  /** Staff only: what the request waits for after this answer (default: the family's reply). */
  status?: "in_progress" | "awaiting_family";
}

/** A message in the thread, from the family or the staff; the other side is told. */
export async function replyToRequest(outside: ScopeOutsideTx, input: ReplyInput): Promise<{ eventId: string }> {
  const files = await prepareFiles(input.attachments);
  const body = input.body.trim();
  return withStoredUploads(outside.tenant, "request_attachment", files, async (tx, stored) => {
    const scope: Scope = { ...outside, tx };
    const request = await requestFor(scope, input.requestId, { lock: true });
    if (!body && !files.length) throw new AppError("BAD_REQUEST", m.bodyRequired, "body");
    if (isClosed(request.status)) throw new AppError("CONFLICT", m.closed);
    const eventId = await addEvent(scope, request, { kind: "message", body }, stored);
    const fromFamily = scope.actor.role === "parent";
    const next = fromFamily ? (request.status === "sent" ? "sent" : "in_progress") : (input.status ?? "awaiting_family");
    if (next !== request.status) await setStatus(scope, request, next);
    else await touch(tx, scope, request.id);
    if (fromFamily) {
      await notifyStaff(scope, {
        handledBy: request.handledBy,
        assigneeUserId: request.assigneeUserId,
        subject: `Réponse de la famille — ${request.categoryName}`,
        text: `La famille a répondu dans la demande « ${request.categoryName} ».`,
        path: staffPath(scope, request.id),
        button: "Ouvrir la demande",
      });
    } else {
      await notifyFamily(scope, {
        householdId: request.householdId,
        subject: m.email.toFamilySubject(scope.tenant.name),
        text: `La mairie de ${scope.tenant.name} a répondu à votre demande « ${request.categoryName} ».`,
        path: familyPath(scope, request.id),
        button: "Lire la réponse",
      });
    }
    return { eventId };
  });
}

async function touch(tx: Tx, scope: Scope, requestId: string) {
  await tx.update(requests).set({ updatedAt: scope.now }).where(and(eq(requests.tenantId, scope.tenant.id), eq(requests.id, requestId)));
}

/** Changes the status and records it in the history. */
export async function setStatus(scope: Scope, request: RequestRow, status: RequestRow["status"], extra: Partial<typeof requests.$inferInsert> = {}) {
  await scope.tx
    .update(requests)
    .set({ status, updatedAt: scope.now, closedAt: isClosed(status) ? scope.now : null, ...extra })
    .where(and(eq(requests.tenantId, scope.tenant.id), eq(requests.id, request.id)));
  await addEvent(scope, request, { kind: "status", body: m.events.status(status), data: { status } });
}

export const paths = { familyPath, staffPath };
