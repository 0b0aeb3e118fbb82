import type { Tx } from "@/db";
import type { StaffRole } from "@/db/schema";
import type { Tenant } from "@/server/domain/tenants/tenants";
import { withTenant } from "@/db/transaction";
import { now as clockNow } from "@/common/clock";

/** The commune a piece of tenant work runs for: its row, as read once per request. */
export type TenantRef = Tenant;

/**
 * Who acts. A parent acts for their own households only; staff act with their roles in this
 * commune; `system` is a scheduled job (invoice runs, hold releases) acting for nobody in particular.
 */
export interface Actor {
  userId: string | null;
  role: "parent" | "staff" | "system";
  /** For parents: the only households whose data they may read or change. */
  householdIds: string[];
  /** For staff: their roles in this commune. */
  staffRoles: StaffRole[];
}

/** The one first argument of every domain function doing tenant work. */
export interface Scope {
  tx: Tx;
  tenant: TenantRef;
  actor: Actor;
  /** The business clock, read once per request (RECRE_NOW pins it in demos and tests). */
  now: Date;
}

export const systemActor: Actor = { userId: null, role: "system", householdIds: [], staffRoles: [] };

export function parentActor(userId: string, householdIds: string[]): Actor {
  return { userId, role: "parent", householdIds, staffRoles: [] };
}

export function staffActor(userId: string, staffRoles: StaffRole[]): Actor {
  return { userId, role: "staff", householdIds: [], staffRoles };
}

/**
 * A scope without a transaction, for the few domain functions that call an outside service
 * (payment, storage) between transactions of their own; they open those with `withTenant`.
 */
export type ScopeOutsideTx = Omit<Scope, "tx">;

/**
 * Tenant work outside a procedure (jobs, scripts, tests): opens the commune's transaction (or joins
 * the one already open for it) and hands `fn` its scope, the clock read once.
 */
export function withScope<T>(tenant: TenantRef, actor: Actor, fn: (scope: Scope) => Promise<T>, now: Date = clockNow()): Promise<T> {
  return withTenant(tenant.id, (tx) => fn({ tx, tenant, actor, now }));
}
