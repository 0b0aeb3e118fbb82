import { and, desc, eq } from "drizzle-orm";
import { householdEvents, households, users } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { messages } from "@/common/messages";
import type { Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";

/** Changes to a family file, newest first, as the front desk reads them. */
export async function householdHistory(scope: Scope, input: { householdId: string }) {
  const { tx } = scope;
  const tenantId = scope.tenant.id;
  const { householdId } = input;
  const rows = await tx
    .select({ id: householdEvents.id, kind: householdEvents.kind, data: householdEvents.data, at: householdEvents.at, byName: users.name })
    .from(householdEvents)
    .leftJoin(users, eq(users.id, householdEvents.by))
    .where(and(eq(householdEvents.tenantId, tenantId), eq(householdEvents.householdId, householdId)))
    .orderBy(desc(householdEvents.at))
    .limit(50);
  return rows.map((r) => ({ id: r.id, at: r.at, byName: r.byName, label: eventLabel(r.kind, r.data) }));
}

function eventLabel(kind: (typeof householdEvents.$inferSelect)["kind"], data: Record<string, string | boolean>): string {
  const m = messages.activation.events;
  if (kind === "resident_changed") return m.resident_changed(data.isResident === true);
  if (kind === "address_changed") return m.address_changed(String(data.address ?? ""));
  if (kind === "account_linked") return m.account_linked(String(data.guardianName ?? ""), String(data.email ?? ""));
  return m.activation_code_regenerated;
}

/**
 * The resident flag of a household (front desk). Prices are fixed on each booking when it is made,
 * so this changes the price of bookings made from now on only; the change is recorded.
 */
export async function setHouseholdResident(scope: Scope, input: { householdId: string; isResident: boolean }) {
  const { tx, now } = scope;
  const tenantId = scope.tenant.id;
  const staffUserId = scope.actor.userId;
  const { householdId, isResident } = input;
  if (typeof isResident !== "boolean") throw new AppError("BAD_REQUEST", messages.errors.BAD_REQUEST, "isResident");
  const [before] = await tx
    .select({ isResident: households.isResident })
    .from(households)
    .where(and(eq(households.tenantId, tenantId), eq(households.id, householdId)))
    .for("update");
  if (!before) throw notFound();
  if (before.isResident === isResident) return { householdId, isResident, changed: false };
  await tx.update(households).set({ isResident }).where(and(eq(households.tenantId, tenantId), eq(households.id, householdId)));
  await tx.insert(householdEvents).values({ tenantId, householdId, kind: "resident_changed", data: { isResident }, at: now, by: staffUserId });
  await recordAudit(scope, { action: "family.resident_changed", householdId, detail: { isResident } });
  return { householdId, isResident, changed: true };
}
