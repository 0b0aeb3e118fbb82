import { and, desc, eq, lt } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import type { Tx } from "@/db";
import type { Actor, Scope } from "@/server/domain/scope";

/** Facts recorded with an action: identifiers and counts, never the personal data itself. */
export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  /** Dotted name, e.g. `health.viewed`, `family.changed`, `rgpd.exported`, `rgpd.erased`. */
  action: string;
  householdId?: string | null;
  childId?: string | null;
  detail?: AuditDetail;
}

/** The one way to write to the commune's audit log, in the caller's transaction (so it rolls back with it). */
export async function recordAudit(scope: Scope, entry: AuditEntry): Promise<void> {
  await recordAuditIn(scope.tx, scope.tenant.id, scope.actor, scope.now, entry);
}

/** `recordAudit` for work on the privileged path that spans communes (a parent linking a household from /compte). */
export async function recordAuditIn(tx: Tx, tenantId: string, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    tenantId,
    at,
    actorUserId: actor.userId,
    actorRole: actor.role,
    action: entry.action,
    householdId: entry.householdId ?? null,
    childId: entry.childId ?? null,
    detail: entry.detail ?? {},
  });
}

/** The log, newest first, optionally for one household; `before` or `offset` pages backwards. */
export async function listAudit(scope: Scope, input: { householdId?: string; before?: Date; limit?: number; offset?: number }) {
  const conditions = [eq(auditEvents.tenantId, scope.tenant.id)];
  if (input.householdId) conditions.push(eq(auditEvents.householdId, input.householdId));
  if (input.before) conditions.push(lt(auditEvents.at, input.before));
  return scope.tx
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      actorRole: auditEvents.actorRole,
      actorName: users.name,
      householdId: auditEvents.householdId,
      childId: auditEvents.childId,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(Math.min(input.limit ?? 100, 500))
    .offset(Math.max(0, input.offset ?? 0));
}
