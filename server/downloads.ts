import { z } from "zod";
import { withTenant } from "@/db/transaction";
import type { StaffRole } from "@/db/schema";
import { isCivilDate } from "@/common/dates";
import { messages } from "@/common/messages";
import { now as clockNow } from "@/common/clock";
import { mealCountsCsv, visibleMealCounts } from "./domain/attendance/meals";
import { invoicePdfFile } from "./domain/billing/invoice-pdf";
import { householdExport } from "./domain/rgpd/export";
import { childSheetPdf } from "./domain/family-file/child-sheet";
import { parentActor, staffActor, type Actor, type Scope, type ScopeOutsideTx } from "./domain/scope";
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
async function asCaller(
  userId: string | null,
  commune: string,
  choose: (userId: string, access: TenantAccess) => Actor | null,
  work: (scope: Scope) => Promise<DownloadFile>,
): Promise<Response> {
  return asCallerOutsideTx(userId, commune, choose, (scope) => withTenant(scope.tenant.id, (tx) => work({ ...scope, tx })));
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

const withRole = (roles: StaffRole[]) => (userId: string, access: TenantAccess) =>
  access.staffRoles.some((r) => roles.includes(r)) ? staffActor(userId, access.staffRoles) : null;

/** The front desk reads any invoice of the commune (`invoices.staffDetail`), a parent their own (`invoices.detail`). */
const invoiceReader = (userId: string, access: TenantAccess) =>
  withRole(["admin", "agent"])(userId, access) ?? (access.householdIds.length ? parentActor(userId, access.householdIds) : null);

const uuid = z.uuid();

/** GET /api/factures/{commune}/{invoiceId}/pdf */
export async function invoicePdfDownload(userId: string | null, params: { commune: string; invoiceId: string }): Promise<Response> {
  if (!uuid.safeParse(params.invoiceId).success) return notFound();
  return asCaller(userId, params.commune, invoiceReader, async (scope) => {
    const file = await invoicePdfFile(scope, { invoiceId: params.invoiceId });
    return { filename: file.filename, type: file.type, body: file.bytes };
  });
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
