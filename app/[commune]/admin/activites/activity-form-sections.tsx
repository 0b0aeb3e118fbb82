"use client";
import { CheckboxGroup, Field, SelectField } from "@/app/_components/ui";
import { classLevels, type RunsOn } from "@/common/activity-labels";
import {
  billingModeLabels,
  classOptions,
  errorOf,
  runsOnOptions,
  serviceOptions,
  timingOptions,
  unitOptions,
  weekdayOptions,
  type BillingMode,
  type Draft,
  type Service,
  type Unit,
} from "./activity-draft";
import { DeadlineRuleEditor } from "./deadline-rule-editor";

/** What every section of the activity form is given: the draft, how to change one setting, the server's errors. */
export interface SectionProps {
  prefix: string;
  draft: Draft;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  errors: Record<string, string>;
}

/** Service, name, site, year, unit, period, weekdays and capacity. */
export function GeneralSection({
  prefix,
  draft,
  set,
  errors,
  sites,
  years,
  yearLocked,
  onServiceChange,
}: SectionProps & {
  sites: { id: string; name: string; archived: boolean }[];
  years: { id: string; label: string }[];
  /** Children are enrolled: the year can no longer change. */
  yearLocked: boolean;
  onServiceChange: (service: Service) => void;
}) {
  return (
    <>
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <SelectField
          id={`${prefix}-prestation`}
          label="Prestation"
          options={serviceOptions}
          value={draft.service}
          onChange={(e) => {
            const service = e.target.value as Service;
            // A new activity takes the usual unit and period of its service; an existing one keeps its own.
            onServiceChange(service);
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
          options={sites.map((s) => [s.id, s.archived ? `${s.name} (archivé)` : s.name] as const)}
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
          disabled={yearLocked}
          hint={yearLocked ? "Des enfants sont inscrits : pour une autre année, créez une nouvelle activité." : undefined}
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
    </>
  );
}

/** Prepaid basket or end-of-month invoice, as the commune or its own. */
export function BillingSection({ prefix, draft, set, errors, communeBillingMode }: SectionProps & { communeBillingMode: BillingMode }) {
  return (
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
  );
}

/** The booking deadline, then the cancel one: as booking, none online, or its own. */
export function DeadlinesSection({ prefix, draft, set, errors }: SectionProps) {
  return (
    <>
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

    </>
  );
}

/** Who may enrol: classes, ages, and whether requests are accepted without review. */
export function AudienceSection({ prefix, draft, set, errors }: SectionProps) {
  return (
    <>
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
    </>
  );
}
