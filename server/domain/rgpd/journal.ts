import { and, eq, inArray } from "drizzle-orm";
import { households } from "@/db/schema";
import { listAudit } from "@/server/domain/audit/audit";
import type { Scope } from "@/server/domain/scope";
import { messages } from "@/common/messages";

export const JOURNAL_PAGE = 50;

/**
 * The audit log as the commune's admins read it: newest first, one page at a time (by offset: events
 * of one instant, as under a pinned clock, must not fall between two pages), optionally for one family, each action in plain French.
 */
export async function journal(scope: Scope, input: { householdId?: string; page?: number }) {
  const pageNumber = Math.max(0, input.page ?? 0);
  const rows = await listAudit(scope, { householdId: input.householdId, limit: JOURNAL_PAGE + 1, offset: pageNumber * JOURNAL_PAGE });
  const page = rows.slice(0, JOURNAL_PAGE);
  const ids = [...new Set(page.map((r) => r.householdId).filter((id): id is string => id !== null))];
  const families = ids.length
    ? await scope.tx
        .select({ id: households.id, reference: households.reference, name: households.name })
        .from(households)
        .where(and(eq(households.tenantId, scope.tenant.id), inArray(households.id, ids)))
    : [];
  const family = new Map(families.map((f) => [f.id, f]));
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      label: messages.rgpd.auditActions[r.action] ?? r.action,
      action: r.action,
      who: r.actorName ?? messages.rgpd.actorRoles[r.actorRole] ?? r.actorRole,
      household: r.householdId ? (family.get(r.householdId) ?? null) : null,
      detail: r.detail,
    })),
    page: pageNumber,
    hasMore: rows.length > JOURNAL_PAGE,
  };
}

/** The families the filter offers: those the log names, by reference. */
export async function journalFamilies(scope: Scope) {
  return scope.tx
    .select({ id: households.id, reference: households.reference, name: households.name })
    .from(households)
    .where(eq(households.tenantId, scope.tenant.id))
    .orderBy(households.reference);
}
