import { and, desc, eq, gte, inArray, isNull, lte, or } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { households, quotients } from "@/db/schema";
import { check } from "@/server/domain/activities/inputs";
import { AppError, notFound } from "@/server/errors";
import { todayIn, type CivilDate } from "@/common/dates";
import { fieldLabel, messages } from "@/common/messages";
import { computeFiscalQf, qfParts } from "./pricing";
import { civilDate } from "./tariffs";
import type { Scope } from "@/server/domain/scope";

const m = messages.tariffs;

const validity = { validFrom: civilDate, validTo: civilDate };
const validToAfterFrom = <T extends { validFrom: string; validTo: string }>(s: z.ZodType<T>) =>
  s.refine((v) => v.validTo >= v.validFrom, { message: m.validToBeforeFrom, path: ["validTo"] });

/** A CAF attestation: the value printed on it, its date, and the period it covers. */
export const cafQuotientInput = validToAfterFrom(
  z.object({
    householdId: z.uuid(),
    value: z.number().int().min(0).max(100_000),
    attestationDate: civilDate,
    ...validity,
  }),
);
export type CafQuotientInput = z.input<typeof cafQuotientInput>;

/** Tax data from which the QF is computed; parts as on the notice, or adults and children when the commune counts as the CAF. */
export const fiscalQuotientInput = validToAfterFrom(
  z.object({
    householdId: z.uuid(),
    annualIncomeCents: z.number().int().min(0).max(100_000_000_00),
    monthlyBenefitsCents: z.number().int().min(0).max(10_000_00),
    parts: z
      .number()
      .min(0.25)
      .max(20)
      .refine((p) => Number.isInteger(p * 4), m.partsInvalid)
      .optional(),
    adults: z.number().int().min(1).max(2).optional(),
    childCount: z.number().int().min(0).max(20).optional(),
    ...validity,
  }),
);
export type FiscalQuotientInput = z.input<typeof fiscalQuotientInput>;

const columns = {
  id: quotients.id,
  householdId: quotients.householdId,
  value: quotients.value,
  source: quotients.source,
  attestationDate: quotients.attestationDate,
  fiscal: quotients.fiscal,
  validFrom: quotients.validFrom,
  validTo: quotients.validTo,
  createdAt: quotients.createdAt,
};

async function assertHousehold(tx: Tx, tenantId: string, householdId: string) {
  const [row] = await tx
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.tenantId, tenantId), eq(households.id, householdId)));
  if (!row) throw notFound();
}

export async function recordCafQuotient(scope: Scope, input: CafQuotientInput) {
  const { tx, tenant } = scope;
  const userId = scope.actor.userId;
  const values = check(cafQuotientInput, input);
  await assertHousehold(tx, tenant.id, values.householdId);
  if (values.attestationDate > todayIn(tenant.timeZone)) {
    throw new AppError("BAD_REQUEST", `${fieldLabel(["attestationDate"])} : ${m.attestationInFuture}`, "attestationDate");
  }
  const [row] = await tx
    .insert(quotients)
    .values({ tenantId: tenant.id, ...values, source: "caf", createdBy: userId })
    .returning(columns);
  return row!;
}

/** Computes the QF from tax data with the commune's parts rule and keeps the inputs beside the value. */
export async function recordFiscalQuotient(scope: Scope, input: FiscalQuotientInput) {
  const { tx, tenant } = scope;
  const userId = scope.actor.userId;
  const values = check(fiscalQuotientInput, input);
  await assertHousehold(tx, tenant.id, values.householdId);
  if (tenant.qfPartsRule === "fiscal" && values.parts === undefined) {
    throw new AppError("BAD_REQUEST", `${fieldLabel(["parts"])} : ${m.partsRequired}`, "parts");
  }
  if (tenant.qfPartsRule === "caf" && values.adults === undefined) {
    throw new AppError("BAD_REQUEST", `${fieldLabel(["adults"])} : ${m.compositionRequired}`, "adults");
  }
  const parts = qfParts(tenant.qfPartsRule, { parts: values.parts, adults: values.adults, children: values.childCount ?? 0 });
  const fiscal = { annualIncomeCents: values.annualIncomeCents, monthlyBenefitsCents: values.monthlyBenefitsCents, parts };
  const [row] = await tx
    .insert(quotients)
    .values({
      tenantId: tenant.id,
      householdId: values.householdId,
      value: computeFiscalQf(fiscal),
      source: "fiscal",
      fiscal,
      validFrom: values.validFrom,
      validTo: values.validTo,
      createdBy: userId,
    })
    .returning(columns);
  return row!;
}

export type QuotientRow = Awaited<ReturnType<typeof recordCafQuotient>>;

/** Every QF recorded for the households, latest first, each marked when it is the one in force today. */
async function quotientsOf(tx: Tx, tenant: { id: string; timeZone: string }, householdIds: string[]) {
  if (!householdIds.length) return [];
  const rows = await tx
    .select(columns)
    .from(quotients)
    .where(and(eq(quotients.tenantId, tenant.id), inArray(quotients.householdId, householdIds)))
    .orderBy(desc(quotients.validFrom), desc(quotients.createdAt), desc(quotients.id));
  const today = todayIn(tenant.timeZone);
  const current = new Map<string, string>();
  for (const r of rows) if (covers(r, today) && !current.has(r.householdId)) current.set(r.householdId, r.id);
  return rows.map((r) => ({
    ...r,
    current: current.get(r.householdId) === r.id,
    expired: r.validTo !== null && r.validTo < today,
  }));
}

/**
 * A household's QF history, for the front desk, and how the commune counts parts for a QF computed
 * from tax data (the form asks for parts, or adults and children).
 */
export async function householdQuotients(scope: Scope, input: { householdId: string }) {
  await assertHousehold(scope.tx, scope.tenant.id, input.householdId);
  return { partsRule: scope.tenant.qfPartsRule, history: await quotientsOf(scope.tx, scope.tenant, [input.householdId]) };
}

/** The caller's own households' QF history, read-only. */
export async function familyQuotients(scope: Scope) {
  return quotientsOf(scope.tx, scope.tenant, scope.actor.householdIds);
}

const covers = (r: { validFrom: string; validTo: string | null }, date: CivilDate) => r.validFrom <= date && (r.validTo === null || r.validTo >= date);

/** The QF in force on a date: the latest recorded one whose validity covers it; none (or expired): null. */
export async function qfAt(tx: Tx, tenantId: string, householdId: string, date: CivilDate): Promise<number | null> {
  const [row] = await tx
    .select({ value: quotients.value })
    .from(quotients)
    .where(
      and(
        eq(quotients.tenantId, tenantId),
        eq(quotients.householdId, householdId),
        lte(quotients.validFrom, date),
        or(isNull(quotients.validTo), gte(quotients.validTo, date)),
      ),
    )
    .orderBy(desc(quotients.validFrom), desc(quotients.createdAt), desc(quotients.id))
    .limit(1);
  return row?.value ?? null;
}
