import { z } from "zod";
import { classLevels } from "./activity-labels";
import { isCivilDate } from "./dates";
import { messages } from "./messages";

export const diets = ["standard", "sans_porc", "sans_viande", "vegetarien", "sans_gluten"] as const;
export type Diet = (typeof diets)[number];

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).default("");
const civilDate = z.string().max(10).refine(isCivilDate, messages.calendar.invalidDate);

export const guardianInput = z
  .object({
    firstName: text(80).min(1),
    lastName: text(80).min(1),
    email: z.union([z.literal(""), z.email().max(254)]).default(""),
    phone: optionalText(30),
    /** « email »: an invitation with an activation link; « code »: the family's printed code, given at the counter. */
    invite: z.enum(["email", "code"]).default("code"),
  })
  .refine((g) => g.invite !== "email" || g.email !== "", { message: messages.familyCreation.emailForInvitation, path: ["email"] });

export const childInput = z.object({
  firstName: text(80).min(1),
  lastName: text(80).min(1),
  birthDate: civilDate,
  school: optionalText(120),
  classLevel: z.union([z.literal(""), z.enum(classLevels)]).default(""),
  allergies: optionalText(500),
  diet: z.enum(diets).default("standard"),
});

/** « Nouvelle famille » at the front desk: the household, one or two guardians, its children. */
export const newFamilyInput = z
  .object({
    reference: optionalText(30),
    name: text(120).min(2),
    addressLine: optionalText(200),
    postalCode: optionalText(10),
    city: optionalText(100),
    isResident: z.boolean(),
    guardians: z.array(guardianInput).min(1, messages.familyCreation.guardianRequired).max(2),
    children: z.array(childInput).max(12).default([]),
  })
  .refine((f) => f.guardians.length < 2 || !f.guardians[0]!.email || f.guardians[0]!.email.toLowerCase() !== f.guardians[1]!.email.toLowerCase(), {
    message: messages.familyCreation.duplicateEmail,
    path: ["guardians", 1, "email"],
  });
export type NewFamilyInput = z.infer<typeof newFamilyInput>;
export type NewFamilyForm = z.input<typeof newFamilyInput>;
