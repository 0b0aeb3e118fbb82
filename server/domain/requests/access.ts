import { and, eq } from "drizzle-orm";
import { requestCategories, requests } from "@/db/schema";
import type { Actor, Scope } from "@/server/domain/scope";
import { notFound } from "@/server/errors";

/**
 * Who may see a request: the family it belongs to; the commune's admins; the front desk when the
 * category is handled by the front desk. Anyone else (another family, a site agent, another commune)
 * gets NOT_FOUND, as for a request that does not exist.
 */
export function staffMaySee(actor: Actor, handledBy: "admin" | "agent"): boolean {
  if (actor.role === "system") return true;
  if (actor.role !== "staff") return false;
  return actor.staffRoles.includes("admin") || (handledBy === "agent" && actor.staffRoles.includes("agent"));
}

export type RequestRow = typeof requests.$inferSelect & { categoryName: string; categoryKind: (typeof requestCategories.$inferSelect)["kind"]; handledBy: "admin" | "agent" };

/** The request if the scope's actor may see it; `lock` takes its row for a change. */
export async function requestFor(scope: Scope, requestId: string, options: { lock?: boolean } = {}): Promise<RequestRow> {
  const query = scope.tx
    .select({ request: requests, categoryName: requestCategories.name, categoryKind: requestCategories.kind, handledBy: requestCategories.handledBy })
    .from(requests)
    .innerJoin(requestCategories, and(eq(requestCategories.tenantId, requests.tenantId), eq(requestCategories.id, requests.categoryId)))
    .where(and(eq(requests.tenantId, scope.tenant.id), eq(requests.id, requestId)));
  const [row] = options.lock ? await query.for("update", { of: requests }) : await query;
  if (!row) throw notFound();
  const { actor } = scope;
  const allowed = actor.role === "parent" ? actor.householdIds.includes(row.request.householdId) : staffMaySee(actor, row.handledBy);
  if (!allowed) throw notFound();
  return { ...row.request, categoryName: row.categoryName, categoryKind: row.categoryKind, handledBy: row.handledBy };
}

export const isClosed = (status: RequestRow["status"]) => status === "accepted" || status === "refused";
