import { z, type ZodType } from "zod";
import { serviceKinds, units } from "@/db/schema";
import { deadlineRuleSchema } from "@/common/deadline-rule";
import { AppError } from "@/server/errors";
import { fieldLabel } from "@/common/messages";
import { addDays, isCivilDate } from "@/common/dates";
import { classLevels } from "@/common/activity-labels";
import { messages } from "@/common/messages";

const m = messages.activities;

/**
 * The shapes of what an admin sends about sites and activities. The router uses them as tRPC
 * inputs; the domain checks them again (a domain function may be called from elsewhere).
 */
export const civilDate = z.string().max(40).trim().refine(isCivilDate, m.invalidDate);
export const wallTime = z
  .string()
  .max(40)
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, m.invalidTime);
export const monthSchema = z
  .string()
  .max(40)
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, m.invalidMonth);

const name = z.string().trim().min(1, m.nameRequired).max(120, m.nameTooLong);

export const siteInput = z.object({
  name,
  address: z.string().trim().max(300, m.addressTooLong).default(""),
});
export type SiteInput = z.input<typeof siteInput>;

export const weekdaysSchema = z
  .array(z.number({ error: m.weekdayInvalid }).int(m.weekdayInvalid).min(1, m.weekdayInvalid).max(7, m.weekdayInvalid))
  .min(1, m.weekdaysRequired)
  .max(7, m.weekdaysRequired)
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));

export const capacitySchema = z
  .number({ error: m.capacityInvalid })
  .int(m.capacityInvalid)
  .min(0, m.capacityInvalid)
  .max(10_000, m.capacityTooHigh)
  .nullable();

const ageMonths = z.number({ error: m.ageInvalid }).int(m.ageInvalid).min(0, m.ageInvalid).max(216, m.ageInvalid).nullable();

/** Booking needs a real deadline; "none" only makes sense for cancelling. */
export const bookingRuleInput = deadlineRuleSchema.refine((rule) => rule.kind !== "none", { message: m.bookingRuleNone });
/** null: same rule as booking; { kind: "none" }: no online cancelling. */
export const cancelRuleInput = deadlineRuleSchema.nullable();

const activityFields = z.object({
  siteId: z.uuid(),
  schoolYearId: z.uuid(),
  service: z.enum(serviceKinds),
  name,
  unit: z.enum(units),
  weekdays: weekdaysSchema,
  runsOn: z.enum(["term", "holidays", "all"]),
  capacity: capacitySchema,
  bookingRule: bookingRuleInput,
  cancelRule: cancelRuleInput.default(null),
  autoAcceptEnrolment: z.boolean().default(false),
  classLevels: z
    .array(z.enum(classLevels, { error: m.classLevelInvalid }))
    .max(classLevels.length)
    .default([])
    .transform((levels) => classLevels.filter((l) => levels.includes(l))),
  minAgeMonths: ageMonths.default(null),
  maxAgeMonths: ageMonths.default(null),
  /** null: the commune's billing mode. */
  billingMode: z.enum(["prepaid", "invoice"], { error: m.billingModeInvalid }).nullable().default(null),
  invoiceTiming: z.enum(["advance", "arrears"], { error: m.invoiceTimingInvalid }).default("advance"),
});

const agesInOrder = (a: { minAgeMonths: number | null; maxAgeMonths: number | null }) =>
  a.minAgeMonths === null || a.maxAgeMonths === null || a.minAgeMonths <= a.maxAgeMonths;

export const activityInput = activityFields.refine(agesInOrder, { message: m.ageOrder, path: ["maxAgeMonths"] });
export type ActivityInput = z.input<typeof activityInput>;
export type ActivityValues = z.output<typeof activityInput>;

export const activityUpdateInput = activityFields
  .extend({ activityId: z.uuid() })
  .refine(agesInOrder, { message: m.ageOrder, path: ["maxAgeMonths"] });
export type ActivityUpdateInput = z.input<typeof activityUpdateInput>;

export const dayOverrideInput = z.object({
  activityId: z.uuid(),
  date: civilDate,
  /** null: the activity's capacity. */
  capacity: capacitySchema,
  closed: z.boolean(),
});
export type DayOverrideInput = z.input<typeof dayOverrideInput>;

const MAX_RANGE_DAYS = 460;

export const overridesRangeInput = z
  .object({ activityId: z.uuid(), from: civilDate, to: civilDate })
  .refine((r) => r.from <= r.to, { message: m.endBeforeStart, path: ["to"] })
  .refine((r) => r.from > r.to || r.to <= addDays(r.from, MAX_RANGE_DAYS), { message: m.rangeTooLong, path: ["to"] });

export const openingInput = z
  .object({
    activityId: z.uuid(),
    fromDate: civilDate,
    toDate: civilDate,
    /** Local date and time in the commune's time zone at which booking opens. */
    opensDate: civilDate,
    opensTime: wallTime,
  })
  .refine((r) => r.fromDate <= r.toDate, { message: m.endBeforeStart, path: ["toDate"] })
  .refine((r) => r.fromDate > r.toDate || r.toDate <= addDays(r.fromDate, MAX_RANGE_DAYS), { message: m.rangeTooLong, path: ["toDate"] });
export type OpeningInput = z.input<typeof openingInput>;

/**
 * Parses with a schema; the first problem becomes a BAD_REQUEST naming the field in French,
 * exactly as the tRPC error formatter words zod errors.
 */
export function check<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new AppError("BAD_REQUEST", `${fieldLabel(issue.path)} : ${issue.message}`, issue.path.join(".") || undefined);
}
