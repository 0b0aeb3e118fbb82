import { z } from "zod";
import { withTenant } from "@/db/transaction";
import type { StaffRole } from "@/db/schema";
import { isCivilDate } from "@/common/dates";
import { messages } from "@/common/messages";
import { now as clockNow } from "@/common/clock";
import { attendanceSheetPdf } from "./domain/attendance/attendance-sheet";
import { mealCountsCsv, visibleMealCounts } from "./domain/attendance/meals";
import { invoicePdfFile } from "./domain/billing/invoice-pdf";
import { paperInvoicesPdf, runCsv } from "./domain/billing/run-exports";
import { parentActor, staffActor, type Actor, type Scope, type ScopeOutsideTx, type TenantRef } from "./domain/scope";
import { readCommuneLogo } from "./domain/tenants/logo";
import { childSheetPdf } from "./domain/family-file/child-sheet";
import { requestCertificateFile } from "./domain/requests/certificate-pdf";
import { householdSearchInput, householdsCsv } from "./domain/family/household-search";
import { householdExport } from "./domain/rgpd/export";
import { findTenantWithAccess, type TenantAccess } from "./domain/tenants/tenants";
import { AppError } from "./errors";

/**
 * Generated documents (invoice PDFs, CSV exports) served by route handlers rather than as base64
 * through tRPC. Who may download is decided as tRPC decides it: the session's user, the commune of
 * the URL, their role there; anyone else gets the same 404 as for a document that does not exist.
 */

export interface DownloadFile {
  filename: string;
  type: string;
  body: Uint8Array | string;
}

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" } });

const notFound = () => plain(404, messages.errors.NOT_FOUND);

/** An attachment the browser saves, never renders: `Content-Disposition: attachment` and nosniff. */
export function fileResponse(file: DownloadFile): Response {
  const ascii = file.filename.replace(/[^\w.-]/g, "_");
  return new Response(typeof file.body === "string" ? file.body : new Blob([file.body as Uint8Array<ArrayBuffer>]), {
    status: 200,
    headers: {
      "content-type": file.type,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "x-robots-tag": "noindex",
    },
  });
}

/**
 * Runs `work` for the session's user in the URL's commune, as `choose` picks their actor (null: not
 * allowed). The same answers as `tenantProcedure`: no session 401, unknown commune or no right 404,
 * suspended commune 403; an AppError becomes its status with its French message.
 */
export async function asCaller<P = null>(
  userId: string | null,
  commune: string,
  choose: (userId: string, access: TenantAccess) => Actor | null,
  work: (scope: Scope, prepared: P) => Promise<DownloadFile>,
  /** Read before the transaction opens: what comes from storage (a logo) is never read inside one. */
  prepare?: (tenant: TenantRef) => Promise<P>,
): Promise<Response> {
  return asCallerOutsideTx(userId, commune, choose, async (scope) => {
    const prepared = prepare ? await prepare(scope.tenant) : (null as P);
    return withTenant(scope.tenant.id, (tx) => work({ ...scope, tx }, prepared));
  });
}

/** `asCaller` without the transaction, for work that reads storage between transactions of its own. */
async function asCallerOutsideTx(
  userId: string | null,
  commune: string,
  choose: (userId: string, access: TenantAccess) => Actor | null,
  work: (scope: ScopeOutsideTx) => Promise<DownloadFile>,
): Promise<Response> {
  if (!userId) return plain(401, messages.errors.UNAUTHORIZED);
  const found = await findTenantWithAccess(commune, userId);
  const actor = found ? choose(userId, found.access) : null;
  if (!found || !actor) return notFound();
  if (found.tenant.status === "suspended") return plain(403, messages.tenant.suspended);
  try {
    const file = await work({ tenant: found.tenant, actor, now: clockNow() });
    return fileResponse(file);
  } catch (error) {
    if (error instanceof AppError) return plain(statusOf[error.code], error.message);
    throw error;
  }
}

const statusOf: Record<AppError["code"], number> = { NOT_FOUND: 404, FORBIDDEN: 404, UNAUTHORIZED: 401, BAD_REQUEST: 400, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };

export const withRole = (roles: StaffRole[]) => (userId: string, access: TenantAccess) =>
  access.staffRoles.some((r) => roles.includes(r)) ? staffActor(userId, access.staffRoles) : null;

/** The front desk reads any invoice of the commune (`invoices.staffDetail`), a parent their own (`invoices.detail`). */
export const invoiceReader = (userId: string, access: TenantAccess) =>
  withRole(["admin", "agent"])(userId, access) ?? (access.householdIds.length ? parentActor(userId, access.householdIds) : null);

const uuid = z.uuid();

/** GET /api/factures/{commune}/{invoiceId}/pdf */
export async function invoicePdfDownload(userId: string | null, params: { commune: string; invoiceId: string }): Promise<Response> {
  if (!uuid.safeParse(params.invoiceId).success) return notFound();
  return asCaller(
    userId,
    params.commune,
    invoiceReader,
    async (scope, logo) => {
      const file = await invoicePdfFile(scope, { invoiceId: params.invoiceId, logo });
      return { filename: file.filename, type: file.type, body: file.bytes };
    },
    readCommuneLogo,
  );
}

const mealRange = z.object({
  from: z.string().refine(isCivilDate),
  to: z.string().refine(isCivilDate),
  siteId: z.uuid().nullish(),
});

/** GET /api/repas/{commune}/csv?from=AAAA-MM-JJ&to=AAAA-MM-JJ[&siteId=…]: site staff, as `attendance.mealCountsCsv`. */
export async function mealCountsCsvDownload(userId: string | null, params: { commune: string; search: URLSearchParams }): Promise<Response> {
  const input = mealRange.safeParse({ from: params.search.get("from"), to: params.search.get("to"), siteId: params.search.get("siteId") || null });
  if (!input.success) return plain(400, messages.attendance.invalidRange);
  return asCaller(userId, params.commune, withRole(["site_agent", "admin", "agent"]), async (scope) => {
    const csv = mealCountsCsv(await visibleMealCounts(scope, input.data));
    return { filename: csv.filename, type: "text/csv; charset=utf-8", body: csv.content };
  });
}

const admins = withRole(["admin"]);

/** GET /api/factures/{commune}/campagnes/{runId}/csv: a past run's invoices, admins only (as `invoices.runDetail`). */
export async function runCsvDownload(userId: string | null, params: { commune: string; runId: string }): Promise<Response> {
  if (!uuid.safeParse(params.runId).success) return notFound();
  return asCaller(userId, params.commune, admins, async (scope) => {
    const csv = await runCsv(scope, { runId: params.runId });
    return { filename: csv.filename, type: "text/csv; charset=utf-8", body: csv.content };
  });
}

/** GET /api/factures/{commune}/campagnes/{runId}/papier: the run's paper invoices in one PDF, reference order. */
export async function paperInvoicesDownload(userId: string | null, params: { commune: string; runId: string }): Promise<Response> {
  if (!uuid.safeParse(params.runId).success) return notFound();
  return asCaller(
    userId,
    params.commune,
    admins,
    async (scope, logo) => {
      const file = await paperInvoicesPdf(scope, { runId: params.runId, logo });
      return { filename: file.filename, type: file.type, body: file.bytes };
    },
    readCommuneLogo,
  );
}

const sheetInput = z.object({ siteId: z.uuid(), date: z.string().refine(isCivilDate) });

/** GET /api/pointage/{commune}/pdf?siteId=…&date=AAAA-MM-JJ: a site's printable attendance sheet, its staff only (as `attendance.dailyList`). */
export async function attendanceSheetDownload(userId: string | null, params: { commune: string; search: URLSearchParams }): Promise<Response> {
  const input = sheetInput.safeParse({ siteId: params.search.get("siteId"), date: params.search.get("date") });
  if (!input.success) return notFound();
  return asCaller(userId, params.commune, withRole(["site_agent", "admin", "agent"]), async (scope) => {
    const file = await attendanceSheetPdf(scope, input.data);
    return { filename: file.filename, type: file.type, body: file.bytes };
  });
}

/** GET /api/donnees/{commune}/{householdId}: the family's RGPD export (ZIP), for its own parents only. */
export async function householdExportDownload(userId: string | null, params: { commune: string; householdId: string }): Promise<Response> {
  if (!uuid.safeParse(params.householdId).success) return notFound();
  const parent = (id: string, access: TenantAccess) => (access.householdIds.includes(params.householdId) ? parentActor(id, access.householdIds) : null);
  return asCallerOutsideTx(userId, params.commune, parent, async (scope) => {
    const file = await householdExport(scope, { householdId: params.householdId });
    return { filename: file.filename, type: "application/zip", body: file.bytes };
  });
}

/** GET /api/fiche-enfant/{commune}/{childId}: staff (a site agent only for a child of their sites); logs a health view. */
export async function childSheetDownload(userId: string | null, params: { commune: string; childId: string }): Promise<Response> {
  if (!uuid.safeParse(params.childId).success) return notFound();
  return asCaller(userId, params.commune, withRole(["admin", "agent", "site_agent"]), async (scope) => {
    const file = await childSheetPdf(scope, { childId: params.childId });
    return { filename: file.filename, type: "application/pdf", body: file.bytes };
  });
}

/** GET /api/demandes/{commune}/{requestId}/attestation: the family of the request and the staff who handle it. */
export async function requestCertificateDownload(userId: string | null, params: { commune: string; requestId: string }): Promise<Response> {
  if (!uuid.safeParse(params.requestId).success) return notFound();
  return asCaller(userId, params.commune, invoiceReader, async (scope) => {
    const file = await requestCertificateFile(scope, { requestId: params.requestId });
    return { filename: file.filename, type: "application/pdf", body: file.bytes };
  });
}

/** GET /api/familles/{commune}/csv?search=&resident=&owing=1&pendingApplications=1: the front desk's families list as filtered on its page. */
export async function householdsCsvDownload(userId: string | null, params: { commune: string; search: URLSearchParams }): Promise<Response> {
  const q = params.search;
  const input = householdSearchInput.safeParse({
    search: q.get("search") ?? "",
    resident: q.get("resident") || "all",
    owing: q.get("owing") === "1",
    pendingApplications: q.get("pendingApplications") === "1",
  });
  if (!input.success) return plain(400, messages.errors.BAD_REQUEST);
  return asCaller(userId, params.commune, withRole(["admin", "agent"]), async (scope) => {
    const csv = await householdsCsv(scope, input.data);
    return { filename: csv.filename, type: "text/csv; charset=utf-8", body: csv.content };
  });
}
