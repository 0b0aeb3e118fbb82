import { z } from "zod";
import { classLevels } from "./activity-labels";
import { isCivilDate } from "./dates";
import { messages } from "./messages";

/**
 * The editable family file: one zod schema per section, shared by the procedures and the forms.
 * A change is always one section of one household (and of one child or guardian when it is theirs).
 */

const m = messages.familyFile;
const text = (max: number) => z.string().trim().max(max);
const optional = (max: number) => text(max).default("");
const civilDate = z.string().max(10).refine(isCivilDate, messages.calendar.invalidDate);
const optionalDate = z.union([z.literal(""), civilDate]).default("");
/** French numbers as people type them: digits, spaces, dots, dashes, a leading +. */
export const PHONE = /^\+?[0-9][0-9 .-]{8,18}[0-9]$/;
const phone = text(20).refine((v) => v === "" || PHONE.test(v), m.phoneInvalid);
const requiredPhone = text(20).refine((v) => PHONE.test(v), m.phoneInvalid);
const email = z.union([z.literal(""), z.email(m.emailInvalid).max(254)]).default("");
const fileId = z.uuid().nullable().default(null);

/** Every neutral diet a commune may offer (never a religious label): the commune picks among them. */
export const dietCatalogue = ["sans_porc", "sans_viande", "vegetarien", "sans_gluten"] as const;
export type OfferedDiet = (typeof dietCatalogue)[number];
export const allDiets = ["standard", ...dietCatalogue] as const;

export const allergySeverities = ["legere", "moderee", "severe"] as const;
export type AllergySeverity = (typeof allergySeverities)[number];

export const allergy = z.object({ allergen: text(80).min(1), severity: z.enum(allergySeverities), note: optional(200) });
export const pickupPerson = z.object({ name: text(120).min(2), phone: requiredPhone, relationship: optional(60) });

export const sectionSchemas = {
  address: z.object({ addressLine: text(200).min(3), postalCode: text(10).regex(/^\d{5}$/, m.postalCodeInvalid), city: text(100).min(1), proofFileId: fileId }),
  caf: z.object({ cafNumber: text(20).regex(/^(\d{5,10})?$/, m.cafInvalid) }),
  insurance: z.object({ company: optional(120), policy: optional(60), expiresOn: optionalDate, certificateFileId: fileId }),
  guardian_contact: z.object({ phone, email, employer: optional(120) }),
  guardian_added: z.object({ firstName: text(80).min(1), lastName: text(80).min(1), email, phone, relationship: optional(40), invite: z.boolean().default(false) }),
  guardian_removed: z.object({}),
  child_added: z.object({ firstName: text(80).min(1), lastName: text(80).min(1), birthDate: civilDate, school: optional(120), classLevel: z.union([z.literal(""), z.enum(classLevels)]).default("") }),
  schooling: z.object({ school: optional(120), classLevel: z.union([z.literal(""), z.enum(classLevels)]).default("") }),
  allergies: z.object({ allergies: z.array(allergy).max(20) }),
  health: z.object({
    hasPai: z.boolean(),
    paiFileId: fileId,
    disabilityNeed: z.boolean(),
    /** What the child needs (help at meals, a quiet place…), never the nature of the disability. */
    disabilityNeeds: optional(500),
    doctorName: optional(120),
    doctorPhone: phone.default(""),
    vaccinationsUpToDate: z.boolean(),
    vaccinationsDate: optionalDate,
    /** When the next vaccine is due: flagged to the family before the new school year. */
    vaccinationsDueOn: optionalDate,
    vaccinationFileId: fileId,
  }),
  diet: z.object({ diet: z.enum(allDiets) }),
  authorisations: z.object({ imageRights: z.boolean(), leavesAlone: z.boolean(), leavesAloneFrom: optional(80) }),
  pickups: z.object({ pickups: z.array(pickupPerson).max(10) }),
} as const;

export type FileSection = keyof typeof sectionSchemas;
export const fileSections = Object.keys(sectionSchemas) as FileSection[];
export type SectionValue<S extends FileSection> = z.infer<(typeof sectionSchemas)[S]>;

/** Who the section is about. */
export const householdSections = ["address", "caf", "insurance", "guardian_added", "child_added"] as const satisfies FileSection[];
export const guardianSections = ["guardian_contact", "guardian_removed"] as const satisfies FileSection[];
export const childSections = ["schooling", "allergies", "health", "diet", "authorisations", "pickups"] as const satisfies FileSection[];
/** Health data: sealed at rest, each staff read logged. */
export const healthSections: FileSection[] = ["allergies", "health"];

/** A new child always waits for staff; the commune chooses for the rest. */
export const alwaysReviewed: FileSection[] = ["child_added"];
export const reviewableSections = fileSections.filter((s) => !alwaysReviewed.includes(s));
export const defaultReviewedSections: FileSection[] = ["address", "allergies", "health"];

const ids = { householdId: z.uuid(), childId: z.uuid().nullish(), guardianId: z.uuid().nullish() };

const change = <S extends FileSection>(section: S) => z.object({ ...ids, section: z.literal(section), value: sectionSchemas[section] });

/** One change of one section: `{ householdId, childId?, guardianId?, section, value }`. */
export const fileChangeInput = z.discriminatedUnion("section", [
  change("address"),
  change("caf"),
  change("insurance"),
  change("guardian_contact"),
  change("guardian_added"),
  change("guardian_removed"),
  change("child_added"),
  change("schooling"),
  change("allergies"),
  change("health"),
  change("diet"),
  change("authorisations"),
  change("pickups"),
]);
export type FileChangeInput = z.infer<typeof fileChangeInput>;
export type FileChangeForm = z.input<typeof fileChangeInput>;

export const fileSettingsInput = z.object({
  offeredDiets: z.array(z.enum(dietCatalogue)).max(dietCatalogue.length),
  reviewedSections: z.array(z.enum(reviewableSections as [FileSection, ...FileSection[]])).max(fileSections.length),
});
export type FileSettingsInput = z.infer<typeof fileSettingsInput>;

export const decideChangeInput = z
  .object({ changeId: z.uuid(), decision: z.enum(["accepted", "refused"]), reason: optional(500) })
  .refine((d) => d.decision === "accepted" || d.reason.length >= 3, { message: m.reasonRequired, path: ["reason"] });

export const documentKinds = ["pai_document", "vaccination_record", "insurance_certificate", "address_proof"] as const;
export type DocumentKind = (typeof documentKinds)[number];
/** A family file's document: a scan or a phone photo, sent as the body of its own route (server/family-file-files.ts). */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

/** The health record as the family and allowed staff read it once decrypted. */
export interface HealthRecord {
  allergies: z.infer<typeof allergy>[];
  paiFileId: string | null;
  disabilityNeed: boolean;
  disabilityNeeds: string;
  doctorName: string;
  doctorPhone: string;
  vaccinationsUpToDate: boolean;
  vaccinationsDate: string;
  vaccinationsDueOn: string;
  vaccinationFileId: string | null;
}

export const emptyHealth: HealthRecord = {
  allergies: [],
  paiFileId: null,
  disabilityNeed: false,
  disabilityNeeds: "",
  doctorName: "",
  doctorPhone: "",
  vaccinationsUpToDate: false,
  vaccinationsDate: "",
  vaccinationsDueOn: "",
  vaccinationFileId: null,
};

/** « Arachide (sévère), lactose (légère) »: one line for a list or a badge. */
export const allergiesLine = (list: HealthRecord["allergies"]) => list.map((a) => `${a.allergen} (${m.severities[a.severity]})`).join(", ");

const yes = (b: boolean) => (b ? "oui" : "non");
const dateFr = (d: string) => (d ? d.split("-").reverse().join("/") : "—");

/** One line of what a section holds, for the file's history and the pending list (French). */
export function describeValue(section: FileSection, value: Record<string, unknown> | null): string {
  if (!value) return "—";
  const t = (k: string) => (typeof value[k] === "string" ? (value[k] as string) : "");
  const b = (k: string) => value[k] === true;
  const list = <T>(k: string) => (Array.isArray(value[k]) ? (value[k] as T[]) : []);
  switch (section) {
    case "address":
      return `${t("addressLine")}, ${t("postalCode")} ${t("city")}${value.proofFileId ? " (justificatif joint)" : ""}`;
    case "caf":
      return t("cafNumber") || "—";
    case "insurance":
      return [t("company"), t("policy"), t("expiresOn") ? `expire le ${dateFr(t("expiresOn"))}` : "", value.certificateFileId ? "attestation jointe" : ""].filter(Boolean).join(" · ") || "—";
    case "guardian_contact":
      return [t("phone"), t("email"), t("employer")].filter(Boolean).join(" · ") || "—";
    case "guardian_added":
      return [`${t("firstName")} ${t("lastName")}`, t("email"), t("phone")].filter(Boolean).join(" · ");
    case "guardian_removed":
      return value.firstName ? `${t("firstName")} ${t("lastName")}` : "retiré du dossier";
    case "child_added":
      return [`${t("firstName")} ${t("lastName")}, né(e) le ${dateFr(t("birthDate"))}`, t("classLevel"), t("school")].filter(Boolean).join(" · ");
    case "schooling":
      return [t("school"), t("classLevel")].filter(Boolean).join(" · ") || "—";
    case "allergies": {
      const allergies = list<HealthRecord["allergies"][number]>("allergies");
      return allergies.length ? allergiesLine(allergies) : "aucune";
    }
    case "health":
      return [
        `PAI : ${yes(b("hasPai"))}`,
        `besoin lié à un handicap : ${yes(b("disabilityNeed"))}${t("disabilityNeeds") ? ` (${t("disabilityNeeds")})` : ""}`,
        t("doctorName") ? `médecin : ${t("doctorName")} ${t("doctorPhone")}`.trim() : "",
        `vaccins à jour : ${yes(b("vaccinationsUpToDate"))}${t("vaccinationsDate") ? ` (${dateFr(t("vaccinationsDate"))})` : ""}`,
      ]
        .filter(Boolean)
        .join(" · ");
    case "diet":
      return m.diets[t("diet") as (typeof allDiets)[number]] ?? t("diet");
    case "authorisations":
      return `droit à l'image : ${yes(b("imageRights"))} · sortie seul : ${yes(b("leavesAlone"))}${b("leavesAlone") && t("leavesAloneFrom") ? ` (${t("leavesAloneFrom")})` : ""}`;
    case "pickups":
      return (
        list<{ name: string; phone: string; relationship: string }>("pickups")
          .map((p) => `${p.name} (${p.relationship || "—"}) ${p.phone}`)
          .join(", ") || "aucune"
      );
  }
}
