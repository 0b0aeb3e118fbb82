import { and, asc, count, eq, sql } from "drizzle-orm";
import { applicationDocumentTypes } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";

/** What a commune asks for until its admin says otherwise. */
const DEFAULT_DOCUMENTS = [
  { label: "Justificatif de domicile de moins de 3 mois", required: true },
  { label: "Attestation CAF ou dernier avis d'imposition", required: false },
  { label: "Attestation d'assurance (responsabilité civile)", required: false },
  { label: "Page des vaccinations du carnet de santé", required: false },
];

/**
 * The commune's list (archived ones left out unless asked), in its order. A commune that never set
 * it gets the usual list, written on first read so the admin then edits real rows.
 */
export async function listDocumentTypes(scope: Scope, options: { withArchived?: boolean } = {}) {
  const { tx, tenant } = scope;
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(applicationDocumentTypes).where(eq(applicationDocumentTypes.tenantId, tenant.id));
  if (n === 0) {
    await tx.insert(applicationDocumentTypes).values(DEFAULT_DOCUMENTS.map((d, position) => ({ tenantId: tenant.id, ...d, position })));
  }
  const rows = await tx
    .select({ id: applicationDocumentTypes.id, label: applicationDocumentTypes.label, required: applicationDocumentTypes.required, archived: applicationDocumentTypes.archived })
    .from(applicationDocumentTypes)
    .where(eq(applicationDocumentTypes.tenantId, tenant.id))
    .orderBy(asc(applicationDocumentTypes.position), asc(applicationDocumentTypes.label));
  return options.withArchived ? rows : rows.filter((r) => !r.archived);
}

async function assertLabelFree(scope: Scope, label: string, except?: string) {
  const rows = await scope.tx
    .select({ id: applicationDocumentTypes.id })
    .from(applicationDocumentTypes)
    .where(and(eq(applicationDocumentTypes.tenantId, scope.tenant.id), eq(applicationDocumentTypes.archived, false), sql`lower(${applicationDocumentTypes.label}) = ${label.toLowerCase()}`));
  if (rows.some((r) => r.id !== except)) throw new AppError("CONFLICT", messages.preregistration.labelTaken, "label");
}

export async function addDocumentType(scope: Scope, input: { label: string; required: boolean }) {
  const existing = await listDocumentTypes(scope, { withArchived: true });
  await assertLabelFree(scope, input.label);
  const [row] = await scope.tx
    .insert(applicationDocumentTypes)
    .values({ tenantId: scope.tenant.id, label: input.label, required: input.required, position: existing.length })
    .returning({ id: applicationDocumentTypes.id });
  return row!;
}

/** Renames, makes required or optional, or archives (no longer asked for; sent documents keep their label). */
export async function updateDocumentType(scope: Scope, input: { documentTypeId: string; label: string; required: boolean; archived: boolean }) {
  if (!input.archived) await assertLabelFree(scope, input.label, input.documentTypeId);
  const [row] = await scope.tx
    .update(applicationDocumentTypes)
    .set({ label: input.label, required: input.required, archived: input.archived })
    .where(and(eq(applicationDocumentTypes.tenantId, scope.tenant.id), eq(applicationDocumentTypes.id, input.documentTypeId)))
    .returning({ id: applicationDocumentTypes.id });
  if (!row) throw notFound();
  return row;
}
