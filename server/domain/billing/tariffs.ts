import { and, asc, count, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { bookings, tariffs } from "@/db/schema";
import { check } from "@/server/domain/activities/inputs";
import { getActivity } from "@/server/domain/booking/facts";
import { AppError, notFound } from "@/server/errors";
import { isCivilDate, todayIn, type CivilDate } from "@/common/dates";
import { fieldLabel, messages } from "@/common/messages";
import { sortedBrackets } from "./pricing";
import { describeTariff } from "./tariff-labels";
import { tariffPricingSchema, type PriceRule, type TariffPricing } from "@/common/tariff-pricing";
import type { Scope } from "@/server/domain/scope";

const m = messages.tariffs;

export const civilDate = z.string().max(40).trim().refine(isCivilDate, m.invalidDate);

/** Brackets rise strictly and end with the open one; an effort rate's minimum is at most its maximum. */
function checkRule(rule: PriceRule, ctx: z.RefinementCtx, path: (string | number)[]) {
  if (rule.kind === "effort_rate" && rule.minCents > rule.maxCents) {
    ctx.addIssue({ code: "custom", message: m.minAboveMax, path: [...path, "maxCents"] });
  }
  if (rule.kind !== "brackets") return;
  rule.brackets.forEach((b, i) => {
    const last = i === rule.brackets.length - 1;
    if ((b.upTo === null) !== last) ctx.addIssue({ code: "custom", message: m.bracketsOpenEnd, path: [...path, "brackets", i, "upTo"] });
    const previous = i > 0 ? rule.brackets[i - 1]!.upTo : null;
    if (b.upTo !== null && previous !== null && b.upTo <= previous) {
      ctx.addIssue({ code: "custom", message: m.bracketsOrder, path: [...path, "brackets", i, "upTo"] });
    }
  });
}

export const checkedPricingSchema = tariffPricingSchema.superRefine((p, ctx) => {
  checkRule(p.resident, ctx, ["resident"]);
  checkRule(p.nonResident, ctx, ["nonResident"]);
});

export const tariffInput = z.object({ activityId: z.uuid(), validFrom: civilDate, pricing: checkedPricingSchema });
export type TariffInput = z.input<typeof tariffInput>;

export interface TariffRow {
  id: string;
  activityId: string;
  validFrom: CivilDate;
  pricing: TariffPricing;
  /** past: replaced by a later one; current: in force today; future: from a later date (may be deleted). */
  status: "past" | "current" | "future";
  description: [string, string][];
}

/** The tariffs of an activity in date order, each with its status today and its description in French. */
export async function listTariffs(scope: Scope, input: { activityId: string }): Promise<TariffRow[]> {
  const { tx, tenant } = scope;
  const { activityId } = input;
  await getActivity(tx, tenant.id, activityId);
  const rows = await tx
    .select({ id: tariffs.id, activityId: tariffs.activityId, validFrom: tariffs.validFrom, pricing: tariffs.pricing })
    .from(tariffs)
    .where(and(eq(tariffs.tenantId, tenant.id), eq(tariffs.activityId, activityId)))
    .orderBy(asc(tariffs.validFrom));
  const today = todayIn(tenant.timeZone);
  const currentId = rows.filter((r) => r.validFrom <= today).at(-1)?.id;
  return rows.map((r) => {
    const pricing = tariffPricingSchema.parse(r.pricing);
    return {
      ...r,
      pricing: { ...pricing, resident: sortRule(pricing.resident), nonResident: sortRule(pricing.nonResident) },
      status: r.id === currentId ? "current" : r.validFrom > today ? "future" : "past",
      description: describeTariff(pricing),
    };
  });
}

const sortRule = (rule: PriceRule): PriceRule => (rule.kind === "brackets" ? { ...rule, brackets: sortedBrackets(rule) } : rule);

/**
 * A tariff applies from its date on, to bookings made from then: it never reprices a booking
 * already made (each keeps its price snapshot). So a date in the past is accepted only when no
 * booking of the activity exists from that date.
 */
export async function addTariff(scope: Scope, input: TariffInput) {
  const { tx, tenant } = scope;
  const userId = scope.actor.userId;
  const values = check(tariffInput, input);
  await getActivity(tx, tenant.id, values.activityId);
  if (values.validFrom < todayIn(tenant.timeZone)) {
    const [row] = await tx
      .select({ n: count() })
      .from(bookings)
      .where(
        and(
          eq(bookings.tenantId, tenant.id),
          eq(bookings.activityId, values.activityId),
          gte(bookings.date, values.validFrom),
          inArray(bookings.status, ["held", "confirmed", "waitlisted"]),
        ),
      );
    const n = row?.n ?? 0;
    if (n > 0) throw new AppError("BAD_REQUEST", `${fieldLabel(["validFrom"])} : ${m.pastWithBookings(n)}`, "validFrom");
  }
  const [same] = await tx
    .select({ id: tariffs.id })
    .from(tariffs)
    .where(and(eq(tariffs.tenantId, tenant.id), eq(tariffs.activityId, values.activityId), eq(tariffs.validFrom, values.validFrom)));
  if (same) throw new AppError("CONFLICT", `${fieldLabel(["validFrom"])} : ${m.sameDate}`, "validFrom");
  const [row] = await tx
    .insert(tariffs)
    .values({ tenantId: tenant.id, activityId: values.activityId, validFrom: values.validFrom, pricing: values.pricing, createdBy: userId })
    .returning({ id: tariffs.id, validFrom: tariffs.validFrom });
  return row!;
}

/** Only a tariff that has not started yet may be deleted; bookings already priced with it keep their price. */
export async function deleteTariff(scope: Scope, input: { tariffId: string }) {
  const { tx, tenant } = scope;
  const { tariffId } = input;
  const [row] = await tx
    .select({ id: tariffs.id, validFrom: tariffs.validFrom })
    .from(tariffs)
    .where(and(eq(tariffs.tenantId, tenant.id), eq(tariffs.id, tariffId)));
  if (!row) throw notFound();
  if (row.validFrom <= todayIn(tenant.timeZone)) throw new AppError("CONFLICT", m.notFuture);
  await tx.delete(tariffs).where(and(eq(tariffs.tenantId, tenant.id), eq(tariffs.id, tariffId)));
  return { id: row.id };
}

/** The tariff in force on a date: the latest one starting on or before it; null when none. */
export async function tariffAt(tx: Tx, tenantId: string, activityId: string, date: CivilDate) {
  const [row] = await tx
    .select({ id: tariffs.id, validFrom: tariffs.validFrom, pricing: tariffs.pricing })
    .from(tariffs)
    .where(and(eq(tariffs.tenantId, tenantId), eq(tariffs.activityId, activityId), lte(tariffs.validFrom, date)))
    .orderBy(desc(tariffs.validFrom))
    .limit(1);
  return row ? { ...row, pricing: tariffPricingSchema.parse(row.pricing) } : null;
}
