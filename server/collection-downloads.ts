import { z } from "zod";
import { debitFile } from "./domain/collection/debit-runs";
import { treasuryCsv } from "./domain/collection/reminders";
import { certificatePdfFile } from "./domain/collection/certificate-pdf";
import { asCaller, invoiceReader, withRole } from "./downloads";
import { messages } from "@/common/messages";

/** Downloads of direct debit, reminders and tax certificates, answered as server/downloads.ts answers. */

const uuid = z.uuid();
const notFound = () => new Response(messages.errors.NOT_FOUND, { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" } });
const frontDesk = withRole(["admin", "agent"]);

/** GET /api/prelevements/{commune}/{runId}/xml: the run's pain.008 file, once exported (front desk). */
export async function debitFileDownload(userId: string | null, params: { commune: string; runId: string }): Promise<Response> {
  if (!uuid.safeParse(params.runId).success) return notFound();
  return asCaller(userId, params.commune, frontDesk, async (scope) => {
    const file = await debitFile(scope, { runId: params.runId });
    return { filename: file.filename, type: "application/xml; charset=utf-8", body: file.content };
  });
}

/** GET /api/relances/{commune}/titres-executoires: invoices flagged for the treasury and still due, as CSV. */
export async function treasuryCsvDownload(userId: string | null, params: { commune: string }): Promise<Response> {
  return asCaller(userId, params.commune, frontDesk, async (scope) => {
    const csv = await treasuryCsv(scope);
    return { filename: csv.filename, type: "text/csv; charset=utf-8", body: csv.content };
  });
}

/** GET /api/attestations/{commune}/{certificateId}/pdf: the family's parents and the front desk. */
export async function certificatePdfDownload(userId: string | null, params: { commune: string; certificateId: string }): Promise<Response> {
  if (!uuid.safeParse(params.certificateId).success) return notFound();
  return asCaller(userId, params.commune, invoiceReader, async (scope) => {
    const file = await certificatePdfFile(scope, { certificateId: params.certificateId });
    return { filename: file.filename, type: file.type, body: file.bytes };
  });
}
