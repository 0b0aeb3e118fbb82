import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import { households, memberships, requestCategories, requests, users } from "@/db/schema";
import type { Scope } from "@/server/domain/scope";
import { messages } from "@/common/messages";

/**
 * The staff inbox: the commune's requests that the caller handles (admins: all; the front desk: the
 * categories handled by the front desk), with filters, and the counts the dashboard shows.
 */

export interface InboxFilters {
  categoryId?: string | null;
  status?: (typeof requests.$inferSelect)["status"] | "open" | null;
  /** "me", "none", or a member's user id. */
  assignee?: string | null;
  late?: boolean;
}

/** The commune is the one waiting: a request sent or being handled (not one waiting for the family). */
const waitingOnCommune = inArray(requests.status, ["sent", "in_progress"]);

function visibleCategories(scope: Scope): SQL | undefined {
  return scope.actor.staffRoles.includes("admin") ? undefined : eq(requestCategories.handledBy, "agent");
}

const lateCondition = (now: Date) => and(waitingOnCommune, isNotNull(requests.dueAt), lt(requests.dueAt, now));

export async function staffInbox(scope: Scope, filters: InboxFilters = {}) {
  const conditions: (SQL | undefined)[] = [eq(requests.tenantId, scope.tenant.id), visibleCategories(scope)];
  if (filters.categoryId) conditions.push(eq(requests.categoryId, filters.categoryId));
  if (filters.status === "open") conditions.push(notInArray(requests.status, ["accepted", "refused"]));
  else if (filters.status) conditions.push(eq(requests.status, filters.status));
  if (filters.assignee === "me") conditions.push(eq(requests.assigneeUserId, scope.actor.userId ?? sql`null`));
  else if (filters.assignee === "none") conditions.push(isNull(requests.assigneeUserId));
  else if (filters.assignee) conditions.push(eq(requests.assigneeUserId, filters.assignee));
  if (filters.late) conditions.push(lateCondition(scope.now));
  const rows = await scope.tx
    .select({
      id: requests.id,
      categoryId: requests.categoryId,
      categoryName: requestCategories.name,
      status: requests.status,
      householdName: households.name,
      householdReference: households.reference,
      assigneeName: users.name,
      createdAt: requests.createdAt,
      updatedAt: requests.updatedAt,
      dueAt: requests.dueAt,
    })
    .from(requests)
    .innerJoin(requestCategories, and(eq(requestCategories.tenantId, requests.tenantId), eq(requestCategories.id, requests.categoryId)))
    .innerJoin(households, and(eq(households.tenantId, requests.tenantId), eq(households.id, requests.householdId)))
    .leftJoin(users, eq(users.id, requests.assigneeUserId))
    .where(and(...conditions))
    .orderBy(desc(requests.updatedAt))
    .limit(200);
  return rows.map((r) => ({
    ...r,
    statusLabel: messages.demandes.staffStatuses[r.status],
    late: (r.status === "sent" || r.status === "in_progress") && r.dueAt !== null && r.dueAt < scope.now,
  }));
}

/** What waits for the commune and what is late, for the dashboard. */
export async function inboxCounts(scope: Scope): Promise<{ waiting: number; late: number }> {
  const [row] = await scope.tx
    .select({
      waiting: sql<number>`count(*) filter (where ${waitingOnCommune})::int`,
      late: sql<number>`count(*) filter (where ${lateCondition(scope.now)})::int`,
    })
    .from(requests)
    .innerJoin(requestCategories, and(eq(requestCategories.tenantId, requests.tenantId), eq(requestCategories.id, requests.categoryId)))
    .where(and(eq(requests.tenantId, scope.tenant.id), visibleCategories(scope), or(waitingOnCommune)));
  return { waiting: Number(row?.waiting ?? 0), late: Number(row?.late ?? 0) };
}

/** Who a request can be given to: the commune's admins and front desk. */
export async function assignableStaff(scope: Scope) {
  return scope.tx
    .selectDistinct({ userId: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, scope.tenant.id), inArray(memberships.role, ["admin", "agent"])))
    .orderBy(asc(users.name));
}
