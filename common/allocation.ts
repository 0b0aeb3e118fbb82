import { z } from "zod";
import { formatDayLong, isCivilDate } from "./dates";
import { allocationMessages as m } from "./messages/allocation";

/*
 * Fair allocation of oversubscribed places (issue #15): the shapes shared by the admin's forms,
 * the parents' form and the server. The engine itself is server/domain/allocation/engine.ts.
 */

export const allocationModes = ["first_come", "application"] as const;
export type AllocationMode = (typeof allocationModes)[number];

export const roundStatuses = ["draft", "open", "closed", "allocated", "published"] as const;
export type RoundStatus = (typeof roundStatuses)[number];

/** What can count for a family, in the order the admin page lists them. */
export const criterionKeys = ["resident", "parentsWorking", "siblingPlaced", "daysObtained", "social", "unexcusedAbsences"] as const;
export type CriterionKey = (typeof criterionKeys)[number];

/** Criteria where more is worse (the fewer days already obtained or absences, the better). */
export const lowerIsBetter: ReadonlySet<CriterionKey> = new Set(["daysObtained", "unexcusedAbsences"]);

const weight = z.number({ error: "nombre entier de points, entre -100 et 100" }).int("nombre entier de points, entre -100 et 100").min(-100).max(100);

/**
 * The commune's criteria. `points`: each criterion is worth `weights[k]` points per unit (a yes/no
 * criterion counts 1; days obtained and absences count one unit each, so give them a negative
 * weight). `priority`: families are compared on `order[0]`, then `order[1]`… (strict priorities;
 * weights ignored). Ties are always broken by the seeded lottery.
 */
export const criteriaSchema = z.object({
  scoring: z.enum(["points", "priority"]),
  weights: z.object(Object.fromEntries(criterionKeys.map((k) => [k, weight])) as Record<CriterionKey, typeof weight>),
  order: z.array(z.enum(criterionKeys)).max(criterionKeys.length).refine((o) => new Set(o).size === o.length, "un critère figure deux fois"),
  /** How far back unexcused absences count, in days before the period starts. */
  absenceLookbackDays: z.number().int().min(1).max(730).default(365),
});
export type Criteria = z.infer<typeof criteriaSchema>;

export const defaultCriteria: Criteria = {
  scoring: "points",
  weights: { resident: 10, parentsWorking: 8, siblingPlaced: 4, daysObtained: -1, social: 6, unexcusedAbsences: -2 },
  order: ["social", "resident", "parentsWorking", "siblingPlaced", "daysObtained", "unexcusedAbsences"],
  absenceLookbackDays: 365,
};

const civilDate = z.string().max(40).trim().refine(isCivilDate, "date invalide (AAAA-MM-JJ)");
const wallTime = z.string().max(10).trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "heure invalide (HH:MM)");

export const roundInput = z
  .object({
    /** The activities the round covers, the first listed first (one service, one or more sites). */
    roundActivityIds: z
      .array(z.uuid())
      .max(6, "6 activités au plus")
      .refine((ids) => new Set(ids).size === ids.length, m.activityDuplicate)
      .optional(),
    /** Older callers: the round's one activity. */
    activityId: z.uuid().optional(),
    roundLabel: z.string().trim().min(1, "obligatoire").max(120, "120 caractères au plus"),
    mode: z.enum(allocationModes),
    periodFrom: civilDate,
    periodTo: civilDate,
    opensDate: civilDate,
    opensTime: wallTime,
    closesDate: civilDate,
    closesTime: wallTime,
    /** Empty: residents open at the same time as everyone. */
    residentsOpensDate: civilDate.or(z.literal("")).default(""),
    residentsOpensTime: wallTime.or(z.literal("")).default(""),
    criteria: criteriaSchema,
  })
  .superRefine((v, ctx) => {
    if (!v.roundActivityIds?.length && !v.activityId) ctx.addIssue({ code: "custom", path: ["roundActivityIds"], message: m.activitiesMissing });
    if (v.periodTo < v.periodFrom) ctx.addIssue({ code: "custom", path: ["periodTo"], message: m.periodOrder });
    if (`${v.closesDate}T${v.closesTime}` <= `${v.opensDate}T${v.opensTime}`) ctx.addIssue({ code: "custom", path: ["closesDate"], message: m.windowOrder });
    if (v.residentsOpensDate && `${v.residentsOpensDate}T${v.residentsOpensTime || "00:00"}` >= `${v.opensDate}T${v.opensTime}`) {
      ctx.addIssue({ code: "custom", path: ["residentsOpensDate"], message: m.residentsOrder });
    }
  });
export type RoundInput = z.input<typeof roundInput>;

/** The activities a round's input names, the first being the round's first activity. */
export const roundActivitiesOf = (v: { roundActivityIds?: string[] | undefined; activityId?: string | undefined }): string[] =>
  v.roundActivityIds?.length ? v.roundActivityIds : v.activityId ? [v.activityId] : [];

/** A first-come round's settings staff may change at any time: its name, opening and residents' early opening. */
export const firstComeEditInput = z
  .object({
    roundId: z.uuid(),
    roundLabel: z.string().trim().min(1, "obligatoire").max(120, "120 caractères au plus"),
    opensDate: civilDate,
    opensTime: wallTime,
    residentsOpensDate: civilDate.or(z.literal("")).default(""),
    residentsOpensTime: wallTime.or(z.literal("")).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.residentsOpensDate && `${v.residentsOpensDate}T${v.residentsOpensTime || "00:00"}` >= `${v.opensDate}T${v.opensTime}`) {
      ctx.addIssue({ code: "custom", path: ["residentsOpensDate"], message: m.residentsOrder });
    }
  });
export type FirstComeEditInput = z.input<typeof firstComeEditInput>;

/**
 * How a choice reads: its week, and which of its days when not all (« Semaine du 5 juil. au 9 juil. 2027 :
 * lundi 5 juillet, mardi 6 juillet »); days outside the round's weeks, one after the other.
 */
export function choiceLabel(weeks: readonly { label: string; days: readonly string[] }[], days: readonly string[]): string {
  const week = weeks.find((w) => days.length > 0 && days.every((d) => w.days.includes(d)));
  if (!week) return days.map(formatDayLong).join(", ");
  return days.length === week.days.length ? week.label : `${week.label} : ${[...days].sort().map(formatDayLong).join(", ")}`;
}

/** A round's site as the forms and results show it. */
export interface RoundSiteView {
  activityId: string;
  activityName: string;
  siteName: string;
  weeks: readonly { label: string; days: readonly string[] }[];
}

/**
 * How a choice reads in a round over several sites: the site, then its week and days (« Accueil périscolaire
 * Jules Ferry — Semaine du 5 juil. au 9 juil. 2027 »); a round over one site reads as `choiceLabel`.
 * A choice without activity (recorded before sites) is the round's first site's.
 */
export function siteChoiceLabel(sites: readonly RoundSiteView[], choice: { activityId?: string | undefined; days: readonly string[] }): string {
  const site = sites.find((s) => s.activityId === choice.activityId) ?? sites[0];
  const label = choiceLabel(site?.weeks ?? [], choice.days);
  return sites.length > 1 && site ? `${site.siteName} — ${label}` : label;
}

/** One ranked choice: one of the round's activities (a site; none: the round's first) and a set of its days (a week, or some days of it). */
export const choiceSchema = z.object({ activityId: z.uuid("activité (site) invalide").optional(), days: z.array(civilDate).min(1, "choisissez au moins un jour").max(31) });

export const applicationInput = z.object({
  roundId: z.uuid(),
  childId: z.uuid(),
  /** In the family's order of preference; the first is tried first. */
  choices: z
    .array(choiceSchema)
    .min(1, "au moins un choix")
    .max(5, "5 choix au plus")
    .refine((cs) => new Set(cs.map((c) => `${c.activityId ?? ""}:${[...c.days].sort().join(",")}`)).size === cs.length, m.duplicateChoice),
  /** Declared by the family: both parents (or the single parent) work. */
  parentsWorking: z.boolean(),
  /** Place this child only together with its brothers and sisters who also ask for it. */
  keepSiblingsTogether: z.boolean(),
});
export type ApplicationInput = z.input<typeof applicationInput>;

export const adjustInput = z.object({
  roundId: z.uuid(),
  applicationId: z.uuid(),
  /** Index of the family's choice to place it on; null: to the waiting list. */
  placedChoice: z.number().int().min(0).max(4).nullable(),
  adjustReason: z.string().trim().min(1, "obligatoire").max(500, "500 caractères au plus"),
});
