import type { inferRouterOutputs } from "@trpc/server";
import { numberOrNull } from "@/app/_components/ui";
import {
  classLevelLabels,
  classLevels,
  defaultRunsOn,
  defaultUnit,
  runsOnLabels,
  serviceLabels,
  unitLabels,
  weekdayLabels,
  type ClassLevel,
  type RunsOn,
} from "@/common/activity-labels";
import { defaultBookingRule } from "@/common/deadline";
import type { AppRouter } from "@/server/root";
import { ruleOfKind, type EditableRule } from "./deadline-rule-editor";

/** The activity form's state: every setting as the inputs hold it, and what it sends. */
export type ActivityDetail = inferRouterOutputs<AppRouter>["activities"]["get"];
export type Service = keyof typeof serviceLabels;
export type Unit = keyof typeof unitLabels;
export type CancelMode = "same" | "none" | "own";

export const serviceOptions = Object.entries(serviceLabels) as [Service, string][];
export const unitOptions = (Object.entries(unitLabels) as [Unit, string][]).map(
  ([u, label]) => [u, label.charAt(0).toUpperCase() + label.slice(1)] as const,
);
export const runsOnOptions = Object.entries(runsOnLabels) as [RunsOn, string][];
export const weekdayOptions = weekdayLabels.map((label, i) => [i + 1, label.charAt(0).toUpperCase() + label.slice(1)] as const);
export const classOptions = classLevels.map(
  (level) => [level, level === classLevelLabels[level] ? level : `${level} (${classLevelLabels[level]})`] as const,
);

export interface Draft {
  name: string;
  service: Service;
  siteId: string;
  schoolYearId: string;
  unit: Unit;
  runsOn: RunsOn;
  weekdays: number[];
  capacity: string;
  bookingRule: EditableRule;
  cancelMode: CancelMode;
  cancelRule: EditableRule;
  classLevels: ClassLevel[];
  minAgeMonths: string;
  maxAgeMonths: string;
  autoAcceptEnrolment: boolean;
  billingMode: "" | BillingMode;
  invoiceTiming: "advance" | "arrears";
}

export type BillingMode = "prepaid" | "invoice";
export const billingModeLabels: Record<BillingMode, string> = { prepaid: "Paiement immédiat (panier)", invoice: "Facture en fin de mois" };
export const timingOptions = [
  ["advance", "À l'avance, d'après les réservations (périscolaire)"],
  ["arrears", "À terme échu, d'après les présences (petite enfance)"],
] as const;

const text = (n: number | null) => (n === null ? "" : String(n));

export function draftOf(activity: ActivityDetail | undefined, defaults: { siteId: string; schoolYearId: string }): Draft {
  if (!activity) {
    return {
      name: "",
      service: "cantine",
      siteId: defaults.siteId,
      schoolYearId: defaults.schoolYearId,
      unit: defaultUnit.cantine,
      runsOn: defaultRunsOn.cantine,
      weekdays: [1, 2, 4, 5],
      capacity: "",
      bookingRule: { ...defaultBookingRule, excludedWeekdays: [6, 7] },
      cancelMode: "same",
      cancelRule: ruleOfKind("days_before", "10:00"),
      classLevels: [],
      minAgeMonths: "",
      maxAgeMonths: "",
      autoAcceptEnrolment: false,
      billingMode: "",
      invoiceTiming: "advance",
    };
  }
  const cancel = activity.cancelRule;
  return {
    name: activity.name,
    service: activity.service,
    siteId: activity.siteId,
    schoolYearId: activity.schoolYearId,
    unit: activity.unit,
    runsOn: activity.runsOn,
    weekdays: activity.weekdays,
    capacity: text(activity.capacity),
    bookingRule: activity.bookingRule.kind === "none" ? { ...defaultBookingRule, excludedWeekdays: [6, 7] } : activity.bookingRule,
    cancelMode: cancel === null ? "same" : cancel.kind === "none" ? "none" : "own",
    cancelRule: cancel && cancel.kind !== "none" ? cancel : ruleOfKind("days_before", "10:00"),
    classLevels: activity.classLevels,
    minAgeMonths: text(activity.minAgeMonths),
    maxAgeMonths: text(activity.maxAgeMonths),
    autoAcceptEnrolment: activity.autoAcceptEnrolment,
    billingMode: activity.billingMode ?? "",
    invoiceTiming: activity.invoiceTiming,
  };
}

/** The error of a field or of one of its items ("weekdays.1"). */
export const errorOf = (errors: Record<string, string>, key: string) => errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1];

/** What the form sends: the draft's texts as numbers or null, the cancel choice as a rule (null: as booking). */
export function inputOf(draft: Draft) {
  return {
    siteId: draft.siteId,
    schoolYearId: draft.schoolYearId,
    service: draft.service,
    name: draft.name,
    unit: draft.unit,
    weekdays: draft.weekdays,
    runsOn: draft.runsOn,
    capacity: numberOrNull(draft.capacity),
    bookingRule: draft.bookingRule,
    cancelRule: draft.cancelMode === "same" ? null : draft.cancelMode === "none" ? ({ kind: "none" } as const) : draft.cancelRule,
    autoAcceptEnrolment: draft.autoAcceptEnrolment,
    classLevels: draft.classLevels,
    minAgeMonths: numberOrNull(draft.minAgeMonths),
    maxAgeMonths: numberOrNull(draft.maxAgeMonths),
    billingMode: draft.billingMode || null,
    invoiceTiming: draft.invoiceTiming,
  };
}
