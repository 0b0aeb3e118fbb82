import { and, eq, inArray } from "drizzle-orm";
import { children, householdEvents, households, memberships, requests, users } from "@/db/schema";
import { issueCreditNote } from "@/server/domain/billing/invoices";
import { recordAudit } from "@/server/domain/audit/audit";
import type { Scope } from "@/server/domain/scope";
import { AppError } from "@/server/errors";
import { addDays, compareCivil } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { isClosed, requestFor, type RequestRow } from "./access";
import { addRequestEvent, paths, setStatus } from "./requests";
import { notifyFamily } from "./notify";

const m = messages.demandes;

function assertOpen(request: RequestRow) {
  if (isClosed(request.status)) throw new AppError("CONFLICT", m.closed);
}

/** Staff: gives the request to a member of the team (or to nobody), and says so in the history. */
export async function assignRequest(scope: Scope, input: { requestId: string; assigneeUserId: string | null }) {
  const request = await requestFor(scope, input.requestId, { lock: true });
  assertOpen(request);
  let name: string | null = null;
  if (input.assigneeUserId) {
    const [member] = await scope.tx
      .select({ name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, scope.tenant.id), eq(memberships.userId, input.assigneeUserId), inArray(memberships.role, ["admin", "agent"])));
    if (!member) throw new AppError("BAD_REQUEST", m.assigneeUnknown, "assigneeUserId");
    name = member.name ?? member.email;
  }
  const status = request.status === "sent" ? "in_progress" : request.status;
  await scope.tx
    .update(requests)
    .set({ assigneeUserId: input.assigneeUserId, status, updatedAt: scope.now })
    .where(and(eq(requests.tenantId, scope.tenant.id), eq(requests.id, request.id)));
  await addRequestEvent(scope, request, { kind: "assigned", body: m.events.assigned(name), data: { assignee: input.assigneeUserId } });
  return { requestId: request.id, status };
}

export interface AcceptInput {
  requestId: string;
  message?: string;
  /** A contestation: the avoir to issue against its invoice. */
  creditNote?: { amountCents: number; reason: string } | null;
  /** An attestation de présence: the child and the days it covers. */
  attendance?: { childId: string; from: string; to: string } | null;
}

/**
 * Staff accept a request and do what it asks, in one transaction: an address change updates the
 * family file (recorded in its history and the audit log), a contestation may issue an avoir against
 * its invoice, an attendance certificate is established for a child and a period. The family is told.
 */
export async function acceptRequest(scope: Scope, input: AcceptInput) {
  const request = await requestFor(scope, input.requestId, { lock: true });
  assertOpen(request);
  const extra: Partial<typeof requests.$inferInsert> = {};
  if (request.categoryKind === "address_change") await applyAddressChange(scope, request);
  if (input.creditNote) {
    if (request.categoryKind !== "invoice_dispute") throw new AppError("BAD_REQUEST", m.notThisAction);
    if (!request.invoiceId) throw new AppError("BAD_REQUEST", m.noInvoice);
    if (request.creditNoteId) throw new AppError("CONFLICT", m.creditNoteDone);
    const note = await issueCreditNote(scope, { invoiceId: request.invoiceId, ...input.creditNote });
    extra.creditNoteId = note.id;
    await addRequestEvent(scope, request, {
      kind: "action",
      body: m.events.creditNote(note.number, formatMoney(note.amountCents)),
      data: { action: "credit_note", creditNoteId: note.id },
    });
  }
  if (request.categoryKind === "attendance_certificate") {
    if (!input.attendance) throw new AppError("BAD_REQUEST", m.periodInvalid, "attendance");
    extra.certificate = { ...(await checkCertificate(scope, request, input.attendance)), issuedAt: scope.now.toISOString() };
    await addRequestEvent(scope, request, { kind: "action", body: m.events.certificate, data: { action: "certificate" } });
  } else if (input.attendance) throw new AppError("BAD_REQUEST", m.notThisAction);
  const message = input.message?.trim();
  if (message) await addRequestEvent(scope, request, { kind: "message", body: message });
  await setStatus(scope, request, "accepted", extra);
  await tellFamily(scope, request, "acceptée");
  return { requestId: request.id, status: "accepted" as const, creditNoteId: extra.creditNoteId ?? null };
}

/** Staff refuse, with a reason the family reads. */
export async function refuseRequest(scope: Scope, input: { requestId: string; reason: string }) {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("BAD_REQUEST", m.refusalReasonRequired, "reason");
  const request = await requestFor(scope, input.requestId, { lock: true });
  assertOpen(request);
  await addRequestEvent(scope, request, { kind: "message", body: reason });
  await setStatus(scope, request, "refused", { refusalReason: reason });
  await tellFamily(scope, request, "refusée");
  return { requestId: request.id, status: "refused" as const };
}

async function tellFamily(scope: Scope, request: RequestRow, outcome: string) {
  await notifyFamily(scope, {
    householdId: request.householdId,
    subject: m.email.toFamilySubject(scope.tenant.name),
    text: `Votre demande « ${request.categoryName} » a été ${outcome} par la mairie de ${scope.tenant.name}.`,
    path: paths.familyPath(scope, request.id),
    button: "Voir la demande",
  });
}

/** The new address the family gave, onto its file; the change is kept in the file's history. */
async function applyAddressChange(scope: Scope, request: RequestRow) {
  const addressLine = (request.fields.addressLine ?? "").trim();
  const postalCode = (request.fields.postalCode ?? "").trim();
  const city = (request.fields.city ?? "").trim();
  if (!addressLine || !/^\d{5}$/.test(postalCode) || !city) throw new AppError("BAD_REQUEST", m.addressIncomplete);
  const tenantId = scope.tenant.id;
  await scope.tx.update(households).set({ addressLine, postalCode, city }).where(and(eq(households.tenantId, tenantId), eq(households.id, request.householdId)));
  const address = `${addressLine}, ${postalCode} ${city}`;
  await scope.tx.insert(householdEvents).values({ tenantId, householdId: request.householdId, kind: "address_changed", data: { address }, at: scope.now, by: scope.actor.userId });
  await recordAudit(scope, { action: "family.changed", householdId: request.householdId, detail: { fields: "address", requestId: request.id } });
  await addRequestEvent(scope, request, { kind: "action", body: m.events.addressChanged(address), data: { action: "address_changed" } });
}

/** A child of the request's family, and a period of at most a year. */
async function checkCertificate(scope: Scope, request: RequestRow, input: { childId: string; from: string; to: string }) {
  const [child] = await scope.tx
    .select({ id: children.id })
    .from(children)
    .where(and(eq(children.tenantId, scope.tenant.id), eq(children.id, input.childId), eq(children.householdId, request.householdId)));
  if (!child) throw new AppError("BAD_REQUEST", m.childUnknown, "attendance.childId");
  if (compareCivil(input.from, input.to) > 0 || compareCivil(input.to, addDays(input.from, 366)) > 0) throw new AppError("BAD_REQUEST", m.periodInvalid, "attendance.to");
  return { childId: input.childId, from: input.from, to: input.to };
}
