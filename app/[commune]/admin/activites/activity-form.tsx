"use client";
import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, CheckboxGroup, Field, SelectField, numberOrNull } from "@/app/_components/ui";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
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
import { DeadlineRuleEditor, ruleOfKind, type EditableRule } from "./deadline-rule-editor";

export type ActivityDetail = inferRouterOutputs<AppRouter>["activities"]["get"];
type Service = keyof typeof serviceLabels;
type Unit = keyof typeof unitLabels;
type CancelMode = "same" | "none" | "own";

const serviceOptions = Object.entries(serviceLabels) as [Service, string][];
const unitOptions = (Object.entries(unitLabels) as [Unit, string][]).map(
  ([u, label]) => [u, label.charAt(0).toUpperCase() + label.slice(1)] as const,
);
const runsOnOptions = Object.entries(runsOnLabels) as [RunsOn, string][];
const weekdayOptions = weekdayLabels.map((label, i) => [i + 1, label.charAt(0).toUpperCase() + label.slice(1)] as const);
const classOptions = classLevels.map(
  (level) => [level, level === classLevelLabels[level] ? level : `${level} (${classLevelLabels[level]})`] as const,
);

interface Draft {
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

type BillingMode = "prepaid" | "invoice";
const billingModeLabels: Record<BillingMode, string> = { prepaid: "Paiement immédiat (panier)", invoice: "Facture en fin de mois" };
const timingOptions = [
  ["advance", "À l'avance, d'après les réservations (périscolaire)"],
  ["arrears", "À terme échu, d'après les présences (petite enfance)"],
] as const;

const text = (n: number | null) => (n === null ? "" : String(n));

function draftOf(activity: ActivityDetail | undefined, defaults: { siteId: string; schoolYearId: string }): Draft {
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
const errorOf = (errors: Record<string, string>, key: string) => errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1];

/**
 * Creates an activity (no `activity`) or edits every setting of one. The server checks it all
 * again; its French messages land next to the field they name.
 */
export function ActivityForm({
  commune,
  activity,
  sites,
  years,
  defaultYearId,
  communeBillingMode,
}: {
  commune: string;
  communeBillingMode: BillingMode;
  activity?: ActivityDetail;
  sites: { id: string; name: string; archived: boolean }[];
  years: { id: string; label: string }[];
  defaultYearId?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const prefix = activity ? "activite" : "nouvelle";
  const openSites = sites.filter((s) => !s.archived || s.id === activity?.siteId);
  const [draft, setDraft] = useState<Draft>(() =>
    draftOf(activity, { siteId: openSites[0]?.id ?? "", schoolYearId: defaultYearId ?? years[0]?.id ?? "" }),
  );
  /** false, or how many waiting children the save gave a place to. */
  const [saved, setSaved] = useState<false | number>(false);
  const create = useMutation(trpc.activities.create.mutationOptions());
  const update = useMutation(trpc.activities.update.mutationOptions());
  const mutation = activity ? update : create;
  const errors = fieldErrors(mutation.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  if (!openSites.length || !years.length) {
    return (
      <Alert tone="warning">
        {!openSites.length ? "Créez d'abord un site (menu « Sites »). " : ""}
        {!years.length ? "Créez d'abord une année scolaire (menu « Calendrier »)." : ""}
      </Alert>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        const input = {
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
        if (activity) {
          update.mutate(
            { ...input, activityId: activity.id },
            {
              onSuccess: (updated) => {
                setSaved(updated.promoted);
                router.refresh();
              },
            },
          );
        } else {
          create.mutate(input, { onSuccess: (created) => router.push(`/${commune}/admin/activites/${created.id}`) });
        }
      }}
    >
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <SelectField
          id={`${prefix}-prestation`}
          label="Prestation"
          options={serviceOptions}
          value={draft.service}
          onChange={(e) => {
            const service = e.target.value as Service;
            setSaved(false);
            // A new activity takes the usual unit and period of its service; an existing one keeps its own.
            setDraft((d) => (activity ? { ...d, service } : { ...d, service, unit: defaultUnit[service], runsOn: defaultRunsOn[service] }));
          }}
          error={errors.service}
        />
        <Field
          id={`${prefix}-nom`}
          label="Nom de l'activité"
          value={draft.name}
          onChange={(e) => set("name", e.target.value)}
          required
          hint="ex. : Cantine, Mercredi loisirs"
          error={errors.name}
        />
        <SelectField
          id={`${prefix}-site`}
          label="Site"
          options={openSites.map((s) => [s.id, s.archived ? `${s.name} (archivé)` : s.name] as const)}
          value={draft.siteId}
          onChange={(e) => set("siteId", e.target.value)}
          error={errors.siteId}
        />
        <SelectField
          id={`${prefix}-annee`}
          label="Année scolaire"
          options={years.map((y) => [y.id, y.label] as const)}
          value={draft.schoolYearId}
          onChange={(e) => set("schoolYearId", e.target.value)}
          disabled={Boolean(activity?.enrolled)}
          hint={activity?.enrolled ? "Des enfants sont inscrits : pour une autre année, créez une nouvelle activité." : undefined}
          error={errors.schoolYearId}
        />
        <SelectField
          id={`${prefix}-unite`}
          label="Unité facturée"
          options={unitOptions}
          value={draft.unit}
          onChange={(e) => set("unit", e.target.value as Unit)}
          error={errors.unit}
        />
        <SelectField
          id={`${prefix}-periode`}
          label="Fonctionne"
          options={runsOnOptions}
          value={draft.runsOn}
          onChange={(e) => set("runsOn", e.target.value as RunsOn)}
          error={errors.runsOn}
        />
      </div>

      <CheckboxGroup
        id={`${prefix}-jours`}
        legend="Jours de fonctionnement"
        options={weekdayOptions}
        value={draft.weekdays}
        onChange={(days) =>
          set(
            "weekdays",
            days.sort((a, b) => a - b),
          )
        }
        error={errorOf(errors, "weekdays")}
      />

      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <Field
          id={`${prefix}-capacite`}
          label="Capacité par jour (places)"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={draft.capacity}
          onChange={(e) => set("capacity", e.target.value)}
          hint="Laisser vide pour une capacité illimitée. Un jour particulier se règle dans « Capacité par jour »."
          error={errors.capacity}
        />
      </div>

      <fieldset className="mb-4 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">Facturation</legend>
        <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
          <SelectField
            id={`${prefix}-mode-facturation`}
            label="Mode de facturation"
            options={[["", `Comme la commune : ${billingModeLabels[communeBillingMode].toLowerCase()}`], ...(Object.entries(billingModeLabels) as [BillingMode, string][])]}
            value={draft.billingMode}
            onChange={(e) => set("billingMode", e.target.value as Draft["billingMode"])}
            hint="Le panier fait payer les familles à la réservation ; la facture regroupe le mois."
            error={errors.billingMode}
          />
          {(draft.billingMode || communeBillingMode) === "invoice" ? (
            <SelectField
              id={`${prefix}-facturation-echeance`}
              label="Facture de fin de mois"
              options={timingOptions}
              value={draft.invoiceTiming}
              onChange={(e) => set("invoiceTiming", e.target.value as Draft["invoiceTiming"])}
              error={errors.invoiceTiming}
            />
          ) : null}
        </div>
      </fieldset>

      <DeadlineRuleEditor
        id={`${prefix}-delai-reservation`}
        legend="Délai de réservation"
        purpose="booking"
        rule={draft.bookingRule}
        onChange={(rule) => set("bookingRule", rule)}
        errors={errors}
        prefix="bookingRule"
      />

      <fieldset className="mb-4 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">Délai d&apos;annulation</legend>
        <div className="mb-3 grid gap-2">
          {(
            [
              ["same", "Comme la réservation"],
              ["none", "Annulation en ligne impossible (les familles signalent une absence)"],
              ["own", "Un délai propre à l'annulation"],
            ] as const
          ).map(([mode, label]) => (
            <label key={mode} className="flex min-h-11 items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={`${prefix}-annulation`}
                className="size-4"
                checked={draft.cancelMode === mode}
                onChange={() => set("cancelMode", mode)}
              />
              {label}
            </label>
          ))}
        </div>
        {draft.cancelMode === "own" ? (
          <DeadlineRuleEditor
            id={`${prefix}-delai-annulation`}
            legend="Délai propre à l'annulation"
            purpose="cancel"
            rule={draft.cancelRule}
            onChange={(rule) => set("cancelRule", rule)}
            errors={errors}
            prefix="cancelRule"
          />
        ) : errorOf(errors, "cancelRule") ? (
          <p className="text-sm text-red-700">{errorOf(errors, "cancelRule")}</p>
        ) : null}
      </fieldset>

      <CheckboxGroup
        id={`${prefix}-classes`}
        legend="Classes admises"
        hint="Aucune case cochée : toutes les classes."
        options={classOptions}
        value={draft.classLevels}
        onChange={(levels) =>
          set(
            "classLevels",
            classLevels.filter((l) => levels.includes(l)),
          )
        }
        error={errorOf(errors, "classLevels")}
      />
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <Field
          id={`${prefix}-age-min`}
          label="Âge minimum (en mois)"
          type="number"
          inputMode="numeric"
          min={0}
          max={216}
          step={1}
          value={draft.minAgeMonths}
          onChange={(e) => set("minAgeMonths", e.target.value)}
          hint="ex. : 36 pour 3 ans ; vide = pas de minimum"
          error={errors.minAgeMonths}
        />
        <Field
          id={`${prefix}-age-max`}
          label="Âge maximum (en mois)"
          type="number"
          inputMode="numeric"
          min={0}
          max={216}
          step={1}
          value={draft.maxAgeMonths}
          onChange={(e) => set("maxAgeMonths", e.target.value)}
          hint="vide = pas de maximum"
          error={errors.maxAgeMonths}
        />
      </div>
      <label className="mb-4 flex min-h-11 items-center gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="size-4"
          checked={draft.autoAcceptEnrolment}
          onChange={(e) => set("autoAcceptEnrolment", e.target.checked)}
        />
        Accepter automatiquement les demandes d&apos;inscription
      </label>

      {/* Next to the button just pressed: at the top of this long form it was out of sight. */}
      {saved !== false ? (
        <Alert tone="success">
          Activité enregistrée : le planning des familles suit ces réglages dès maintenant.
          {saved > 0
            ? ` ${saved} place${saved > 1 ? "s" : ""} libérée${saved > 1 ? "s ont été données" : " a été donnée"} à la liste d'attente ; les familles sont prévenues par e-mail.`
            : ""}
        </Alert>
      ) : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      {Object.keys(errors).length ? <Alert tone="error">Certains champs sont à corriger : {Object.values(errors).join(" · ")}</Alert> : null}

      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Enregistrement…" : activity ? "Enregistrer les modifications" : "Créer l'activité"}
      </Button>
    </form>
  );
}
