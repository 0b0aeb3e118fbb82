import { and, count, desc, eq } from "drizzle-orm";
import { sepaMandates, users } from "@/db/schema";
import { randomUUID } from "node:crypto";
import { mandateInput, type MandateInput } from "@/common/collection-input";
import { mandateBody, signedMandateText } from "@/common/mandate-text";
import { formatDate, todayIn } from "@/common/dates";
import { messages } from "@/common/messages";
import { AppError } from "@/server/errors";
import type { Scope } from "@/server/domain/scope";
import { recordAudit } from "@/server/domain/audit/audit";
import { lockHousehold } from "@/server/domain/billing/payments";
import { householdFor } from "./households";
import { maskedIbanOf, maskedMandateText, sealMandateValue } from "./mandate-secrets";
import { parseOrRefuse } from "./refuse";
import { debitOffered, settingsOf } from "./settings";

const m = messages.collection;

/** A mandate as families and staff see it: never the full IBAN. */
function publicMandate(row: typeof sepaMandates.$inferSelect) {
  return {
    id: row.id,
    rum: row.rum,
    holderName: row.holderName,
    ibanMasked: maskedIbanOf(row),
    bic: row.bic,
    signatureDate: row.signatureDate,
    status: row.status,
    revokedAt: row.revokedAt,
    // The signed text names the full IBAN; on screen it is masked like the rest.
    mandateText: maskedMandateText(row),
  };
}

export async function activeMandate(scope: Scope, householdId: string) {
  const [row] = await scope.tx
    .select()
    .from(sepaMandates)
    .where(and(eq(sepaMandates.tenantId, scope.tenant.id), eq(sepaMandates.householdId, householdId), eq(sepaMandates.status, "active")));
  return row ?? null;
}

/** What the « Prélèvement » page shows: whether the commune offers it, the wording, the household's mandates. */
export async function mandateOverview(scope: Scope, input: { householdId?: string } = {}) {
  const household = await householdFor(scope, input.householdId);
  const settings = await settingsOf(scope.tx, scope.tenant.id);
  const rows = await scope.tx
    .select()
    .from(sepaMandates)
    .where(and(eq(sepaMandates.tenantId, scope.tenant.id), eq(sepaMandates.householdId, household.id)))
    .orderBy(desc(sepaMandates.signedAt));
  return {
    householdId: household.id,
    offered: debitOffered(settings),
    creditorId: settings.creditorId,
    debitDay: settings.debitDay,
    mandateBody: mandateBody(scope.tenant.name),
    active: rows.filter((r) => r.status === "active").map(publicMandate)[0] ?? null,
    history: rows.filter((r) => r.status !== "active").map(publicMandate),
  };
}

/** "JOL-00042-M01": the family reference and the household's mandate count, unique in the commune. */
async function nextRum(scope: Scope, household: { id: string; reference: string }) {
  const [row] = await scope.tx
    .select({ n: count() })
    .from(sepaMandates)
    .where(and(eq(sepaMandates.tenantId, scope.tenant.id), eq(sepaMandates.householdId, household.id)));
  const reference = household.reference.toUpperCase().replace(/[^A-Z0-9-]/g, "").slice(0, 28);
  return `${reference}-M${String(Number(row?.n ?? 0) + 1).padStart(2, "0")}`;
}

/**
 * A parent signs a mandate online: the bank details checked, a new RUM, the wording stored as signed.
 * A household has one active mandate: signing again (another account) revokes the previous one.
 */
export async function signMandate(scope: Scope, input: MandateInput & { householdId?: string }) {
  const values = parseOrRefuse(mandateInput, input);
  const household = await householdFor(scope, input.householdId);
  const settings = await settingsOf(scope.tx, scope.tenant.id);
  if (!debitOffered(settings)) throw new AppError("BAD_REQUEST", m.notOffered);
  await lockHousehold(scope.tx, scope.tenant.id, household.id);
  const previous = await activeMandate(scope, household.id);
  if (previous) await revoke(scope, previous.id);
  const rum = await nextRum(scope, household);
  const [signer] = scope.actor.userId ? await scope.tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, scope.actor.userId)) : [];
  const signatureDate = todayIn(scope.tenant.timeZone, scope.now);
  // The id is chosen here: it is the context the IBAN and the signed text are sealed with.
  const id = randomUUID();
  const seal = (plain: string) => sealMandateValue(plain, scope.tenant.id, id);
  const mandateText = signedMandateText({
    communeName: scope.tenant.name,
    creditorId: settings.creditorId,
    rum,
    holderName: values.holderName,
    iban: values.iban,
    bic: values.bic,
    signatureDate: formatDate(signatureDate),
    signedBy: signer ? `${signer.name ?? ""} <${signer.email}>`.trim() : "l'agent de la mairie",
  });
  const [row] = await scope.tx
    .insert(sepaMandates)
    .values({
      tenantId: scope.tenant.id,
      id,
      householdId: household.id,
      rum,
      holderName: values.holderName,
      iban: seal(values.iban),
      bic: values.bic,
      signatureDate,
      signedAt: scope.now,
      signedBy: scope.actor.userId,
      mandateText: seal(mandateText),
    })
    .returning();
  await recordAudit(scope, { action: "family.mandate_signed", householdId: household.id, detail: { rum, replaced: Boolean(previous) } });
  return publicMandate(row!);
}

async function revoke(scope: Scope, mandateId: string) {
  await scope.tx
    .update(sepaMandates)
    .set({ status: "revoked", revokedAt: scope.now, revokedBy: scope.actor.userId })
    .where(and(eq(sepaMandates.tenantId, scope.tenant.id), eq(sepaMandates.id, mandateId)));
}

/** The family (or the front desk) ends the mandate: debits already sent to the bank still go through. */
export async function revokeMandate(scope: Scope, input: { householdId?: string } = {}) {
  const household = await householdFor(scope, input.householdId);
  const current = await activeMandate(scope, household.id);
  if (!current) throw new AppError("BAD_REQUEST", m.noActiveMandate);
  await revoke(scope, current.id);
  await recordAudit(scope, { action: "family.mandate_revoked", householdId: household.id, detail: { rum: current.rum } });
  return { revoked: current.rum };
}
