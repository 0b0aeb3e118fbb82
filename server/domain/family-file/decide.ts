import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { familyChanges, guardians, households } from "@/db/schema";
import { env } from "@/config/env";
import type { Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";
import { queueEmails } from "@/server/email/outbox";
import { AppError, notFound } from "@/server/errors";
import { healthSections, type FileChangeInput, type FileSection } from "@/common/family-file";
import { messages } from "@/common/messages";
import { applyAccepted, seal } from "./changes";
import { changesOf, logHealthViews } from "./file";

const m = messages.familyFile;

/** The commune's changes waiting for staff, oldest first, with the family's name. */
export async function pendingChanges(scope: Scope) {
  const list = await changesOf(scope, { status: "pending", limit: 500 });
  const ids = [...new Set(list.map((c) => c.householdId))];
  const names = ids.length
    ? await scope.tx
        .select({ id: households.id, name: households.name, reference: households.reference })
        .from(households)
        .where(and(eq(households.tenantId, scope.tenant.id), inArray(households.id, ids)))
    : [];
  for (const c of list.filter((c) => healthSections.includes(c.section) && c.childId)) await logHealthViews(scope, c.householdId, [c.childId!], "pending_changes");
  return list.map(({ value: _v, ...c }) => ({ ...c, household: names.find((n) => n.id === c.householdId) ?? null }));
}

/**
 * Staff accept (the change is written into the file, with what it replaced) or refuse (with a
 * reason) a family's pending change; the family's guardians are e-mailed either way.
 */
export async function decideChange(scope: Scope, input: { changeId: string; decision: "accepted" | "refused"; reason: string }) {
  const { tx, tenant } = scope;
  const [row] = await tx
    .select()
    .from(familyChanges)
    .where(and(eq(familyChanges.tenantId, tenant.id), eq(familyChanges.id, input.changeId)))
    .for("update");
  if (!row) throw notFound();
  if (row.status !== "pending") throw new AppError("CONFLICT", m.alreadyDecided);
  const [view] = (await changesOf(scope, { householdId: row.householdId, status: "pending" })).filter((c) => c.id === row.id);
  const decided = { decidedBy: scope.actor.userId, decidedAt: scope.now };
  const where = and(eq(familyChanges.tenantId, tenant.id), eq(familyChanges.id, row.id));
  let target = { householdId: row.householdId, childId: row.childId, guardianId: row.guardianId };
  if (input.decision === "accepted") {
    const change = { householdId: row.householdId, childId: row.childId, guardianId: row.guardianId, section: row.section as FileSection, value: view!.value } as FileChangeInput;
    const { applied, before } = await applyAccepted(scope, change);
    target = applied;
    await tx
      .update(familyChanges)
      .set({ ...decided, status: "accepted", childId: applied.childId, guardianId: applied.guardianId, before: before ? seal(scope, row.id, before) : null })
      .where(where);
  } else {
    await tx.update(familyChanges).set({ ...decided, status: "refused", reason: input.reason }).where(where);
  }
  await recordAudit(scope, { action: "family.changed", householdId: row.householdId, childId: target.childId, detail: { section: row.section, status: input.decision } });
  await tellFamily(scope, row.householdId, { section: row.section as FileSection, accepted: input.decision === "accepted", reason: input.reason });
  return { id: row.id, status: input.decision, childId: target.childId };
}

async function tellFamily(scope: Scope, householdId: string, change: { section: FileSection; accepted: boolean; reason: string }) {
  const to = await scope.tx
    .select({ email: guardians.email })
    .from(guardians)
    .where(and(eq(guardians.tenantId, scope.tenant.id), eq(guardians.householdId, householdId), isNotNull(guardians.email)));
  await queueEmails(
    scope.tx,
    "family-change-decided",
    to.map((g) => ({
      to: g.email!,
      props: {
        communeName: scope.tenant.name,
        sectionLabel: m.sections[change.section],
        accepted: change.accepted,
        reason: change.accepted ? null : change.reason,
        fileUrl: `${env().appUrl}/${scope.tenant.slug}/dossier`,
      },
    })),
  );
}
