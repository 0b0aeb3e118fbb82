import { and, eq, inArray } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  absenceReports,
  activities,
  allocationAdjustments,
  allocationApplications,
  allocationResults,
  applicationDocuments,
  applications,
  attendance,
  auditEvents,
  authorizedPickups,
  billedAttendance,
  billedBookings,
  bookings,
  calendarFeeds,
  children,
  creditNotes,
  debitItems,
  enrolments,
  erasureRequests,
  familyMessages,
  fileReviews,
  guardians,
  householdEvents,
  households,
  invoiceLines,
  invoiceReminders,
  invoices,
  paymentAllocations,
  paymentBookings,
  paymentEvents,
  paymentInvoices,
  payments,
  quotients,
  requestEvents,
  requestFiles,
  requests,
  sepaMandates,
  storedFiles,
  taxCertificates,
  treasuryReferrals,
} from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { storage } from "@/server/adapters/storage";
import { invoicePdfFile } from "@/server/domain/billing/invoice-pdf";
import { certificatePdfFile } from "@/server/domain/collection/certificate-pdf";
import { changesOf } from "@/server/domain/family-file/file";
import { recordAudit } from "@/server/domain/audit/audit";
import { readHealth } from "@/server/domain/family-file/health";
import type { Scope, ScopeOutsideTx } from "@/server/domain/scope";
import { notFound } from "@/server/errors";
import { zip, type ZipEntry } from "@/server/lib/zip";
import { messages } from "@/common/messages";

/**
 * The right of access and portability (RGPD art. 15 and 20): everything the commune holds on one
 * household, as JSON, with its invoices as PDFs and the files it uploaded. Every query is bounded
 * by this household's id or its children's, so nothing of another family can enter the archive.
 */

/** A parent, for one of their own households; anyone else gets NOT_FOUND. */
export function assertOwnHousehold(scope: Pick<Scope, "actor">, householdId: string) {
  if (scope.actor.role !== "parent" || !scope.actor.householdIds.includes(householdId)) throw notFound();
}

interface Collected {
  data: Record<string, unknown>;
  pdfs: { folder: "factures" | "attestations"; filename: string; bytes: Uint8Array }[];
  files: { folder: "fichiers" | "fichiers/pre-inscription"; id: string; key: string; name: string }[];
  reference: string;
}

export async function householdExport(scope: ScopeOutsideTx, input: { householdId: string }): Promise<{ filename: string; bytes: Uint8Array }> {
  assertOwnHousehold(scope, input.householdId);
  const collected = await withTenant(scope.tenant.id, (tx) => collect({ ...scope, tx }, input.householdId));
  // Storage is an outside service: read once the transaction (and its audit row) has committed.
  const entries: ZipEntry[] = [
    { name: "LISEZMOI.txt", data: messages.rgpd.exportReadme(scope.tenant.name), modified: scope.now },
    { name: "donnees.json", data: JSON.stringify(collected.data, null, 2), modified: scope.now },
    ...collected.pdfs.map((pdf) => ({ name: `${pdf.folder}/${pdf.filename}`, data: pdf.bytes, modified: scope.now })),
  ];
  for (const file of collected.files) {
    const object = await storage().get(file.key);
    if (object) entries.push({ name: `${file.folder}/${file.id.slice(0, 8)}-${file.name}`, data: await bytesOf(object.body), modified: scope.now });
  }
  return { filename: messages.rgpd.exportFilename(collected.reference), bytes: zip(entries) };
}

async function bytesOf(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer());
}

async function collect(scope: Scope, householdId: string): Promise<Collected> {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const mine = (table: { tenantId: AnyPgColumn }) => eq(table.tenantId, tenantId);
  const [household] = await tx.select().from(households).where(and(mine(households), eq(households.id, householdId)));
  if (!household || household.erasedAt) throw notFound();

  const guardianRows = await tx.select().from(guardians).where(and(mine(guardians), eq(guardians.householdId, householdId)));
  const childRows = await tx.select().from(children).where(and(mine(children), eq(children.householdId, householdId)));
  const childIds = childRows.map((c) => c.id);
  const ofChildren = async <R>(query: (ids: string[]) => Promise<R[]>) => (childIds.length ? query(childIds) : []);

  const pickups = await ofChildren((ids) => tx.select().from(authorizedPickups).where(and(mine(authorizedPickups), inArray(authorizedPickups.childId, ids))));
  const enrolmentRows = await ofChildren((ids) => tx.select().from(enrolments).where(and(mine(enrolments), inArray(enrolments.childId, ids))));
  const bookingRows = await ofChildren((ids) => tx.select().from(bookings).where(and(mine(bookings), inArray(bookings.childId, ids))));
  const bookingIds = bookingRows.map((b) => b.id);
  const absences = bookingIds.length ? await tx.select().from(absenceReports).where(and(mine(absenceReports), inArray(absenceReports.bookingId, bookingIds))) : [];
  const attendanceRows = await ofChildren((ids) => tx.select().from(attendance).where(and(mine(attendance), inArray(attendance.childId, ids))));

  const invoiceRows = await tx.select().from(invoices).where(and(mine(invoices), eq(invoices.householdId, householdId)));
  const invoiceIds = invoiceRows.map((i) => i.id);
  const lines = invoiceIds.length ? await tx.select().from(invoiceLines).where(and(mine(invoiceLines), inArray(invoiceLines.invoiceId, invoiceIds))) : [];
  const credits = await tx.select().from(creditNotes).where(and(mine(creditNotes), eq(creditNotes.householdId, householdId)));
  const paymentRows = await tx.select().from(payments).where(and(mine(payments), eq(payments.householdId, householdId)));
  const paymentIds = paymentRows.map((p) => p.id);
  const allocations = paymentIds.length ? await tx.select().from(paymentAllocations).where(and(mine(paymentAllocations), inArray(paymentAllocations.paymentId, paymentIds))) : [];
  const quotientRows = await tx.select().from(quotients).where(and(mine(quotients), eq(quotients.householdId, householdId)));
  const history = await tx.select().from(householdEvents).where(and(mine(householdEvents), eq(householdEvents.householdId, householdId)));
  const audit = await tx
    .select({ at: auditEvents.at, action: auditEvents.action, actorRole: auditEvents.actorRole, childId: auditEvents.childId, detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(mine(auditEvents), eq(auditEvents.householdId, householdId)));
  const files = await tx
    .select({ id: storedFiles.id, key: storedFiles.key, name: storedFiles.name, kind: storedFiles.kind, contentType: storedFiles.contentType, createdAt: storedFiles.createdAt })
    .from(storedFiles)
    .where(and(mine(storedFiles), eq(storedFiles.householdId, householdId)));
  const activityIds = [...new Set([...bookingRows, ...enrolmentRows].map((r) => r.activityId))];
  const activityNames = activityIds.length
    ? await tx.select({ id: activities.id, name: activities.name, service: activities.service }).from(activities).where(and(mine(activities), inArray(activities.id, activityIds)))
    : [];

  const more = await collectSince2026(scope, { householdId, childIds, bookingIds, invoiceIds, paymentIds });
  const pdfs: Collected["pdfs"] = [];
  for (const invoice of invoiceRows) pdfs.push({ folder: "factures", ...(await invoicePdfFile(scope, { invoiceId: invoice.id })) });
  for (const certificate of more.data.taxCertificates) pdfs.push({ folder: "attestations", ...(await certificatePdfFile(scope, { certificateId: certificate.id })) });
  const uploads: Collected["files"] = [...files.map((f) => ({ folder: "fichiers" as const, id: f.id, key: f.key, name: f.name })), ...more.files];
  await recordAudit(scope, { action: "rgpd.exported", householdId, detail: { invoices: invoiceRows.length, files: uploads.length } });

  const { erasedAt: _erased, ...householdData } = household;
  const data = {
    exportedAt: scope.now.toISOString(),
    commune: { name: scope.tenant.name, dpoContact: scope.tenant.dpoContact },
    household: householdData,
    guardians: guardianRows.map(({ userId, ...g }) => ({ ...g, hasAccount: userId !== null })),
    children: childRows.map(({ health: _sealed, ...c }) => ({ ...c, health: { ...readHealth(tenantId, { id: c.id, health: _sealed }), hasPai: c.hasPai, diet: c.diet } })),
    authorizedPickups: pickups,
    quotients: quotientRows,
    enrolments: enrolmentRows,
    bookings: bookingRows,
    absences,
    attendance: attendanceRows,
    activities: activityNames,
    invoices: invoiceRows.map((i) => ({ ...i, lines: lines.filter((l) => l.invoiceId === i.id) })),
    creditNotes: credits,
    payments: paymentRows.map(({ providerSession: _session, redirectUrl: _url, ...p }) => ({ ...p, allocations: allocations.filter((a) => a.paymentId === p.id) })),
    history,
    auditLog: audit,
    files: files.map(({ key: _key, ...f }) => f),
    ...more.data,
  };
  return { data, pdfs, files: uploads, reference: household.reference };
}

interface Ids {
  householdId: string;
  childIds: string[];
  bookingIds: string[];
  invoiceIds: string[];
  paymentIds: string[];
}

/**
 * The tables that came after the first export (accounts' links, direct debit, attestations,
 * requests, messages, pre-registration, the file's change history): each bounded by this household's
 * ids. server/domain/rgpd/coverage.ts lists every table and the key it is exported under.
 */
async function collectSince2026(scope: Scope, ids: Ids) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const mine = (table: { tenantId: AnyPgColumn }) => eq(table.tenantId, tenantId);
  const among = async <R>(values: string[], query: (values: string[]) => Promise<R[]>) => (values.length ? query(values) : []);
  const ofHousehold = <T extends { tenantId: AnyPgColumn; householdId: AnyPgColumn }>(table: T) => and(mine(table), eq(table.householdId, ids.householdId));

  const requestRows = await tx.select().from(requests).where(ofHousehold(requests));
  const requestIds = requestRows.map((r) => r.id);
  const events = await among(requestIds, (v) => tx.select().from(requestEvents).where(and(mine(requestEvents), inArray(requestEvents.requestId, v))));
  const attached = await among(requestIds, (v) => tx.select().from(requestFiles).where(and(mine(requestFiles), inArray(requestFiles.requestId, v))));
  const applicationRows = await tx.select().from(applications).where(ofHousehold(applications));
  const documents = await among(
    applicationRows.map((a) => a.id),
    (v) => tx.select().from(applicationDocuments).where(and(mine(applicationDocuments), inArray(applicationDocuments.applicationId, v))),
  );
  const mandates = await tx.select().from(sepaMandates).where(ofHousehold(sepaMandates));
  const certificates = await tx.select().from(taxCertificates).where(ofHousehold(taxCertificates));
  const allocationRows = await tx.select().from(allocationApplications).where(ofHousehold(allocationApplications));
  const allocationIds = allocationRows.map((a) => a.id);
  const verdicts = await among(allocationIds, (v) => tx.select().from(allocationResults).where(and(mine(allocationResults), inArray(allocationResults.applicationId, v))));
  const adjustments = await among(allocationIds, (v) => tx.select().from(allocationAdjustments).where(and(mine(allocationAdjustments), inArray(allocationAdjustments.applicationId, v))));
  const feeds = await tx.select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt, revokedAt: calendarFeeds.revokedAt }).from(calendarFeeds).where(ofHousehold(calendarFeeds));

  const data = {
    requests: requestRows.map((r) => ({
      ...r,
      thread: events.filter((e) => e.requestId === r.id),
      attachments: attached.filter((a) => a.requestId === r.id).map(({ fileId, eventId }) => ({ fileId, eventId })),
    })),
    messages: await tx.select().from(familyMessages).where(ofHousehold(familyMessages)),
    fileChanges: (await changesOf(scope, { householdId: ids.householdId, limit: 100_000 })).map(({ value: _v, ...c }) => c),
    fileReviews: await tx.select().from(fileReviews).where(ofHousehold(fileReviews)),
    calendarFeeds: feeds,
    sepaMandates: mandates,
    debitItems: await tx.select().from(debitItems).where(ofHousehold(debitItems)),
    invoiceReminders: await tx.select().from(invoiceReminders).where(ofHousehold(invoiceReminders)),
    treasuryReferrals: await tx.select().from(treasuryReferrals).where(ofHousehold(treasuryReferrals)),
    taxCertificates: certificates,
    billedBookings: await among(ids.bookingIds, (v) => tx.select().from(billedBookings).where(and(mine(billedBookings), inArray(billedBookings.bookingId, v)))),
    billedAttendance: await among(ids.childIds, (v) => tx.select().from(billedAttendance).where(and(mine(billedAttendance), inArray(billedAttendance.childId, v)))),
    paymentInvoices: await among(ids.paymentIds, (v) => tx.select().from(paymentInvoices).where(and(mine(paymentInvoices), inArray(paymentInvoices.paymentId, v)))),
    paymentBookings: await among(ids.paymentIds, (v) => tx.select().from(paymentBookings).where(and(mine(paymentBookings), inArray(paymentBookings.paymentId, v)))),
    paymentEvents: await among(ids.paymentIds, (v) =>
      tx
        .select({ provider: paymentEvents.provider, paymentId: paymentEvents.paymentId, status: paymentEvents.status, amountCents: paymentEvents.amountCents, receivedAt: paymentEvents.receivedAt })
        .from(paymentEvents)
        .where(and(mine(paymentEvents), inArray(paymentEvents.paymentId, v))),
    ),
    applications: applicationRows.map((a) => ({ ...a, documents: documents.filter((d) => d.applicationId === a.id).map(({ key: _key, ...d }) => d) })),
    allocationApplications: allocationRows.map((a) => ({
      ...a,
      results: verdicts.filter((r) => r.applicationId === a.id),
      adjustments: adjustments.filter((r) => r.applicationId === a.id),
    })),
    erasureRequests: await tx.select().from(erasureRequests).where(ofHousehold(erasureRequests)),
  };
  const files = documents.map((d) => ({ folder: "fichiers/pre-inscription" as const, id: d.id, key: d.key, name: d.name }));
  return { data, files };
}
