import { z } from "zod";
import { classLevels } from "./activity-labels";
import { isCivilDate } from "./dates";
import { messages } from "./messages";

const text = messages.preregistration;
const str = (max: number) => z.string().trim().max(max);
const optional = (max: number) => str(max).default("");
const civilDate = z.string().max(10).refine(isCivilDate, messages.calendar.invalidDate);

/** One guardian as the family types it; the first is the person applying. */
export const applicationGuardian = z.object({
  firstName: str(80).min(1),
  lastName: str(80).min(1),
  email: z.union([z.literal(""), z.email().max(254)]).default(""),
  phone: optional(30),
});

export const applicationChild = z.object({
  firstName: str(80).min(1),
  lastName: str(80).min(1),
  birthDate: civilDate,
  school: optional(120),
  classLevel: z.union([z.literal(""), z.enum(classLevels)]).default(""),
  /** The commune's activities wanted for this child: enrolment requests once accepted. */
  activityIds: z.array(z.uuid()).max(20).default([]),
});

export const applicationHousehold = z.object({
  name: str(120).min(2),
  addressLine: str(200).min(1),
  postalCode: str(10).min(1),
  city: str(100).min(1),
  isResident: z.boolean(),
});

/** The complete form, as checked when the family sends it. */
export const applicationForm = z
  .object({
    household: applicationHousehold,
    guardians: z.array(applicationGuardian).min(1, text.guardianRequired).max(2),
    children: z.array(applicationChild).min(1, text.childRequired).max(8),
  })
  .refine((f) => f.guardians.length < 2 || f.guardians[1]!.email !== "", { message: text.emailForSecondGuardian, path: ["guardians", 1, "email"] })
  .refine((f) => f.guardians.length < 2 || f.guardians[0]!.email.toLowerCase() !== f.guardians[1]!.email.toLowerCase(), {
    message: text.duplicateEmail,
    path: ["guardians", 1, "email"],
  });
export type ApplicationForm = z.infer<typeof applicationForm>;

/**
 * A draft: whatever has been typed so far, each value bounded as in the full form but none required
 * yet (a date half typed is kept as typed and checked on submission).
 */
export const applicationDraft = z.object({
  household: z
    .object({ name: optional(120), addressLine: optional(200), postalCode: optional(10), city: optional(100), isResident: z.boolean().nullable().default(null) })
    .default({ name: "", addressLine: "", postalCode: "", city: "", isResident: null }),
  guardians: z
    .array(z.object({ firstName: optional(80), lastName: optional(80), email: optional(254), phone: optional(30) }))
    .max(2)
    .default([]),
  children: z
    .array(
      z.object({
        firstName: optional(80),
        lastName: optional(80),
        birthDate: optional(10),
        school: optional(120),
        classLevel: optional(5),
        activityIds: z.array(z.uuid()).max(20).default([]),
      }),
    )
    .max(8)
    .default([]),
});
export type ApplicationDraft = z.infer<typeof applicationDraft>;

export const emptyDraft = (): ApplicationDraft => applicationDraft.parse({});

/** What staff decide on a submitted application. */
export const decisionInput = z.discriminatedUnion("decision", [
  z.object({ applicationId: z.uuid(), decision: z.literal("accept") }),
  z.object({ applicationId: z.uuid(), decision: z.literal("merge"), householdId: z.uuid() }),
  z.object({ applicationId: z.uuid(), decision: z.literal("ask_document"), message: str(1000).min(1, text.messageRequired) }),
  z.object({ applicationId: z.uuid(), decision: z.literal("refuse"), reason: str(1000).min(1, text.reasonRequired) }),
]);
export type DecisionInput = z.infer<typeof decisionInput>;

/** The documents a pre-registration asks for, as the commune's admin sets them. */
export const documentTypeInput = z.object({
  label: str(120).min(2),
  required: z.boolean(),
});

/** Largest document accepted with a pre-registration. */
export const APPLICATION_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
export const APPLICATION_DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
