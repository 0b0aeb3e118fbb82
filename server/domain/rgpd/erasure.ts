import { and, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  allocationApplications,
  absenceReports,
  applicationDocuments,
  applications,
  attendance,
  authorizedPickups,
  billedAttendance,
  billedBookings,
  bookings,
  calendarFeeds,
  children,
  creditNotes,
  enrolments,
  erasureRequests,
  familyChanges,
  familyMessages,
  fileReviews,
  guardians,
  householdActivationCodes,
  householdEvents,
  households,
  invoiceLines,
  memberships,
  paymentBookings,
  quotients,
  requests,
  sepaMandates,
  storedFiles,
  taxCertificates,
  users,
} from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { env } from "@/config/env";
import { recordAudit } from "@/server/domain/audit/audit";
import { discardStored } from "@/server/domain/files/stored-files";
import type { Scope, ScopeOutsideTx } from "@/server/domain/scope";
import { queueEmails } from "@/server/email/outbox";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";
import { assertOwnHousehold } from "./export";

/**
 * The right to erasure (RGPD art. 17) and what the law keeps despite it: issued invoices, credit
 * notes and payments stay ten years (Code de commerce L123-22, CGCT / comptabilité publique), with
 * the family pseudonymised; everything else about it is deleted, uploads included (docs/rgpd.md).
 */

const m = messages.rgpd.erasure;

/** A parent asks for their household to be erased: recorded once, the commune's admins told by e-mail. */
export async function requestErasure(scope: Scope, input: { householdId: string }) {
  assertOwnHousehold(scope, input.householdId);
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const [household] = await tx
    .select({ reference: households.reference, erasedAt: households.erasedAt })
    .from(households)
    .where(and(eq(households.tenantId, tenantId), eq(households.id, input.householdId)));
  if (!household) throw notFound();
  if (household.erasedAt) throw new AppError("CONFLICT", m.alreadyErased);
  const [created] = await tx
    .insert(erasureRequests)
    .values({ tenantId, householdId: input.householdId, source: "family", requestedAt: scope.now, requestedBy: scope.actor.userId })
    .onConflictDoNothing()
    .returning({ id: erasureRequests.id });
  if (created) {
    await recordAudit(scope, { action: "rgpd.erasure_requested", householdId: input.householdId });
    const admins = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, "admin")));
    const url = `${env().appUrl}/${scope.tenant.slug}/admin/rgpd`;
    await queueEmails(tx, "erasure-requested", admins.map((a) => ({ to: a.email, props: { communeName: scope.tenant.name, reference: household.reference, url } })));
  }
  return { message: m.requested };
}

/** A parent's view: whether an erasure of this household is pending. */
export async function erasureStatus(scope: Scope, input: { householdId: string }) {
  assertOwnHousehold(scope, input.householdId);
  const [pending] = await scope.tx
    .select({ requestedAt: erasureRequests.requestedAt })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.tenantId, scope.tenant.id), eq(erasureRequests.householdId, input.householdId), eq(erasureRequests.status, "pending")));
  return { pendingSince: pending?.requestedAt ?? null };
}

/** Staff: requests, pending first then the latest done, with the family's reference. */
export async function listErasureRequests(scope: Scope) {
  return scope.tx
    .select({
      id: erasureRequests.id,
      householdId: erasureRequests.householdId,
      source: erasureRequests.source,
      status: erasureRequests.status,
      requestedAt: erasureRequests.requestedAt,
      processedAt: erasureRequests.processedAt,
      outcome: erasureRequests.outcome,
      reference: households.reference,
      name: households.name,
    })
    .from(erasureRequests)
    .leftJoin(households, and(eq(households.tenantId, erasureRequests.tenantId), eq(households.id, erasureRequests.householdId)))
    .where(eq(erasureRequests.tenantId, scope.tenant.id))
    .orderBy(sql`${erasureRequests.status} = 'done'`, desc(erasureRequests.requestedAt))
    .limit(200);
}

/** An admin processes a pending request: the erasure commits, then the uploads' bytes are deleted from storage. */
export async function processErasure(scope: ScopeOutsideTx, input: { requestId: string }) {
  const done = await withTenant(scope.tenant.id, async (tx) => {
    const txScope = { ...scope, tx };
    const [request] = await tx
      .select()
      .from(erasureRequests)
      .where(and(eq(erasureRequests.tenantId, scope.tenant.id), eq(erasureRequests.id, input.requestId), eq(erasureRequests.status, "pending")))
      .for("update");
    if (!request) throw new AppError("NOT_FOUND", m.requestNotFound);
    const erased = await eraseHousehold(txScope, { householdId: request.householdId });
    await tx
      .update(erasureRequests)
      .set({ status: "done", processedAt: scope.now, processedBy: scope.actor.userId, outcome: erased?.outcome ?? {} })
      .where(and(eq(erasureRequests.tenantId, scope.tenant.id), eq(erasureRequests.id, request.id)));
    return erased;
  });
  for (const key of done?.storageKeys ?? []) await discardStored(key);
  return { outcome: done?.outcome ?? {} };
}

export interface Erased {
  outcome: Record<string, number>;
  /** Bytes to delete from storage once the transaction has committed. */
  storageKeys: string[];
}

/**
 * Erases one household in the caller's transaction; null if it already was (so two runs, or two
 * servers, erase it once: the household row is locked first). Every table holding a family's data
 * has its step here.
 */
export async function eraseHousehold(scope: Scope, input: { householdId: string }): Promise<Erased | null> {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const { householdId } = input;
  const own = (column: AnyPgColumn) => eq(column, tenantId);
  const [household] = await tx
    .select({ reference: households.reference, erasedAt: households.erasedAt })
    .from(households)
    .where(and(own(households.tenantId), eq(households.id, householdId)))
    .for("update");
  if (!household) throw notFound();
  if (household.erasedAt) return null;

  const childIds = (await tx.select({ id: children.id }).from(children).where(and(own(children.tenantId), eq(children.householdId, householdId)))).map((c) => c.id);
  const some = childIds.length ? childIds : ["00000000-0000-0000-0000-000000000000"];
  const bookingIds = (await tx.select({ id: bookings.id }).from(bookings).where(and(own(bookings.tenantId), inArray(bookings.childId, some)))).map((b) => b.id);
  const someBookings = bookingIds.length ? bookingIds : ["00000000-0000-0000-0000-000000000000"];

  // Bookings the accounts point at (billed, paid, credited) stay; the others go.
  const kept = new Set<string>();
  for (const [table, column] of [
    [billedBookings, billedBookings.bookingId],
    [paymentBookings, paymentBookings.bookingId],
    [creditNotes, creditNotes.bookingId],
  ] as const) {
    const rows = await tx.select({ id: column }).from(table).where(and(own(table.tenantId), inArray(column, someBookings)));
    for (const r of rows) if (r.id) kept.add(r.id);
  }
  const keptBookings = [...kept];

  const absences = await tx
    .delete(absenceReports)
    .where(and(own(absenceReports.tenantId), inArray(absenceReports.bookingId, someBookings)))
    .returning({ id: absenceReports.id });
  const droppedBookings = await tx
    .delete(bookings)
    .where(and(own(bookings.tenantId), inArray(bookings.childId, some), keptBookings.length ? notInArray(bookings.id, keptBookings) : sql`true`))
    .returning({ id: bookings.id });
  // Reasons staff typed on the bookings that stay may name people.
  if (keptBookings.length) await tx.update(bookings).set({ overrideReason: null, cancelReason: null }).where(and(own(bookings.tenantId), inArray(bookings.id, keptBookings)));
  const attendanceRows = await tx.delete(attendance).where(and(own(attendance.tenantId), inArray(attendance.childId, some))).returning({ c: attendance.childId });
  const enrolmentRows = await tx.delete(enrolments).where(and(own(enrolments.tenantId), inArray(enrolments.childId, some))).returning({ id: enrolments.id });
  const pickups = await tx.delete(authorizedPickups).where(and(own(authorizedPickups.tenantId), inArray(authorizedPickups.childId, some))).returning({ id: authorizedPickups.id });

  // Children the accounts name (invoice lines, kept bookings, billed attendance) stay as "Enfant n"; the others go.
  const named = new Set<string>();
  for (const r of await tx.select({ id: invoiceLines.childId }).from(invoiceLines).where(and(own(invoiceLines.tenantId), inArray(invoiceLines.childId, some)))) if (r.id) named.add(r.id);
  for (const r of await tx.select({ id: billedAttendance.childId }).from(billedAttendance).where(and(own(billedAttendance.tenantId), inArray(billedAttendance.childId, some)))) named.add(r.id);
  if (keptBookings.length) for (const r of await tx.select({ id: bookings.childId }).from(bookings).where(and(own(bookings.tenantId), inArray(bookings.id, keptBookings)))) named.add(r.id);
  const namedChildren = [...named];
  await tx.update(children).set({ photoFileId: null }).where(and(own(children.tenantId), inArray(children.id, some)));
  const droppedChildren = await tx
    .delete(children)
    .where(and(own(children.tenantId), eq(children.householdId, householdId), namedChildren.length ? notInArray(children.id, namedChildren) : sql`true`))
    .returning({ id: children.id });
  for (const [index, childId] of namedChildren.entries()) {
    await tx
      .update(children)
      .set({ ...erasedHealth, firstName: m.childPseudonym(index + 1), lastName: m.erasedChildLastName, birthDate: "1900-01-01", school: null, classLevel: null, imageRights: false, leavesAlone: false, leavesAloneFrom: "" })
      .where(and(own(children.tenantId), eq(children.id, childId)));
  }

  const since2026 = await eraseRequestsMandatesAndApplications(scope, { householdId, namedChildren });

  await tx.update(households).set({ insuranceFileId: null }).where(and(own(households.tenantId), eq(households.id, householdId)));
  // The family file's change history is append-only for the tenant role: erasure takes the platform path, for this family only.
  await withPlatform(async (p) => {
    await p.delete(familyChanges).where(and(eq(familyChanges.tenantId, tenantId), eq(familyChanges.householdId, householdId)));
    await p.delete(fileReviews).where(and(eq(fileReviews.tenantId, tenantId), eq(fileReviews.householdId, householdId)));
  });
  const files = await tx.delete(storedFiles).where(and(own(storedFiles.tenantId), eq(storedFiles.householdId, householdId))).returning({ key: storedFiles.key });
  const guardianRows = await tx.delete(guardians).where(and(own(guardians.tenantId), eq(guardians.householdId, householdId))).returning({ id: guardians.id });
  const quotientRows = await tx.delete(quotients).where(and(own(quotients.tenantId), eq(quotients.householdId, householdId))).returning({ id: quotients.id });
  await tx.delete(householdEvents).where(and(own(householdEvents.tenantId), eq(householdEvents.householdId, householdId)));
  await tx.delete(householdActivationCodes).where(and(own(householdActivationCodes.tenantId), eq(householdActivationCodes.householdId, householdId)));
  await tx.delete(calendarFeeds).where(and(own(calendarFeeds.tenantId), eq(calendarFeeds.householdId, householdId)));
  await tx
    .update(households)
    .set({
      name: m.pseudonym(household.reference), addressLine: "", postalCode: "", city: "", invoiceDelivery: "paper", erasedAt: now,
      cafNumber: null, insuranceCompany: null, insurancePolicy: null, insuranceExpiresOn: null, insuranceFileId: null,
    })
    .where(and(own(households.tenantId), eq(households.id, householdId), isNull(households.erasedAt)));

  const outcome = {
    guardians: guardianRows.length,
    childrenDeleted: droppedChildren.length,
    childrenPseudonymised: namedChildren.length,
    authorizedPickups: pickups.length,
    bookingsDeleted: droppedBookings.length,
    bookingsKept: keptBookings.length,
    enrolments: enrolmentRows.length,
    attendance: attendanceRows.length,
    absences: absences.length,
    quotients: quotientRows.length,
    files: files.length,
    ...since2026.outcome,
  };
  await recordAudit(scope, { action: "rgpd.erased", householdId, detail: outcome });
  return { outcome, storageKeys: [...files.map((f) => f.key), ...since2026.storageKeys] };
}

/** « FR76 3000 6000 0112 3456 7890 189 » → « FR** **** **** **** **** **** 0189 »: the country and the last four digits, as bank statements print them. */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, "");
  return `${compact.slice(0, 2)}${"*".repeat(Math.max(0, compact.length - 6))}${compact.slice(-4)}`;
}

/**
 * Requests and their threads, messages, pre-registrations (and their documents' bytes, deleted after
 * commit) go; SEPA mandates and attestations fiscales are legal records: they stay, pseudonymised,
 * and an active mandate is revoked (server/domain/rgpd/coverage.ts lists every table).
 */
async function eraseRequestsMandatesAndApplications(scope: Scope, input: { householdId: string; namedChildren: string[] }): Promise<Erased> {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const { householdId } = input;
  const own = (column: AnyPgColumn) => eq(column, tenantId);
  // Threads and their attachments' links go with the request (foreign keys cascade).
  const requestRows = await tx.delete(requests).where(and(own(requests.tenantId), eq(requests.householdId, householdId))).returning({ id: requests.id });
  const messageRows = await tx.delete(familyMessages).where(and(own(familyMessages.tenantId), eq(familyMessages.householdId, householdId))).returning({ id: familyMessages.id });
  const applicationIds = (await tx.select({ id: applications.id }).from(applications).where(and(own(applications.tenantId), eq(applications.householdId, householdId)))).map((a) => a.id);
  const documents = applicationIds.length
    ? await tx.delete(applicationDocuments).where(and(own(applicationDocuments.tenantId), inArray(applicationDocuments.applicationId, applicationIds))).returning({ key: applicationDocuments.key })
    : [];
  if (applicationIds.length) await tx.delete(applications).where(and(own(applications.tenantId), inArray(applications.id, applicationIds)));
  // Applications for allocated places: their results and adjustments go with them (foreign keys cascade).
  await tx.delete(allocationApplications).where(and(own(allocationApplications.tenantId), eq(allocationApplications.householdId, householdId)));

  const mandates = await tx.select().from(sepaMandates).where(and(own(sepaMandates.tenantId), eq(sepaMandates.householdId, householdId)));
  for (const mandate of mandates) {
    await tx
      .update(sepaMandates)
      .set({
        holderName: m.erasedChildLastName,
        iban: maskIban(mandate.iban),
        bic: "",
        mandateText: "",
        signedBy: null,
        status: "revoked",
        revokedAt: mandate.revokedAt ?? now,
        revokedBy: mandate.status === "active" ? scope.actor.userId : mandate.revokedBy,
      })
      .where(and(own(sepaMandates.tenantId), eq(sepaMandates.id, mandate.id)));
  }

  // An attestation names the children the accounts name: they get the same pseudonym as their row.
  const pseudonym = new Map(input.namedChildren.map((id, index) => [id, m.childPseudonym(index + 1)]));
  const certificates = await tx.select({ id: taxCertificates.id, children: taxCertificates.children }).from(taxCertificates).where(and(own(taxCertificates.tenantId), eq(taxCertificates.householdId, householdId)));
  for (const certificate of certificates) {
    const kids = certificate.children.map((c) => ({ ...c, firstName: pseudonym.get(c.childId) ?? m.childPseudonym(0), lastName: m.erasedChildLastName, birthDate: "1900-01-01" }));
    await tx.update(taxCertificates).set({ children: kids }).where(and(own(taxCertificates.tenantId), eq(taxCertificates.id, certificate.id)));
  }
  return {
    outcome: { requests: requestRows.length, messages: messageRows.length, applications: applicationIds.length, sepaMandatesPseudonymised: mandates.length, taxCertificatesPseudonymised: certificates.length },
    storageKeys: documents.map((d) => d.key),
  };
}

/** A child's health data, as erased (the one place to extend when health data grows). */
export const erasedHealth = { health: null, hasAllergies: false, hasPai: false, diet: "standard" } as const;
