"use client";
import { describeRule } from "@/common/deadline";
import { deadlineRuleSchema, type DeadlineRule } from "@/common/deadline-rule";
import { weekdayLabels } from "@/common/activity-labels";
import { CheckboxGroup, Field, SelectField } from "@/app/_components/ui";

export type RuleKind = Exclude<DeadlineRule["kind"], "none">;
export type EditableRule = Exclude<DeadlineRule, { kind: "none" }>;

const kindOptions: [RuleKind, string][] = [
  ["days_before", "Un nombre de jours avant le jour réservé"],
  ["previous_weekday", "Un jour de la semaine précédant le jour réservé"],
  ["weekday_of_previous_week", "Un jour de la semaine d'avant"],
  ["day_of_previous_month", "Un jour du mois précédent"],
];

const weekdayOptions = weekdayLabels.map((label, i) => [String(i + 1), label.charAt(0).toUpperCase() + label.slice(1)] as const);
const weekdayChoices = weekdayLabels.map((label, i) => [i + 1, label.charAt(0).toUpperCase() + label.slice(1)] as const);

/** A sensible rule of each kind, keeping the time already chosen. */
export function ruleOfKind(kind: RuleKind, time = "10:00"): EditableRule {
  switch (kind) {
    case "days_before":
      return { kind, days: 2, time, counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true };
    case "previous_weekday":
      return { kind, weekday: 4, time };
    case "weekday_of_previous_week":
      return { kind, weekday: 3, time };
    case "day_of_previous_month":
      return { kind, day: 20, time };
  }
}

const int = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));
const shown = (n: number) => (Number.isFinite(n) ? n : "");

/** The rule in plain French, or why it cannot be read yet. */
export function rulePreview(rule: DeadlineRule, purpose: "booking" | "cancel"): { ok: boolean; text: string } {
  const parsed = deadlineRuleSchema.safeParse(rule);
  if (!parsed.success) return { ok: false, text: "Règle incomplète : vérifiez les champs ci-dessus." };
  return { ok: true, text: describeRule(parsed.data, purpose) };
}

/**
 * Edits a deadline rule: a kind and its fields, with a live French preview ("jusqu'à 2 jours
 * ouvrés avant, 18h00"). `errors` are the form's field errors; `prefix` is "bookingRule" or
 * "cancelRule", as the server names them.
 */
export function DeadlineRuleEditor({
  id,
  legend,
  purpose,
  rule,
  onChange,
  errors,
  prefix,
}: {
  id: string;
  legend: string;
  purpose: "booking" | "cancel";
  rule: EditableRule;
  onChange: (rule: EditableRule) => void;
  errors: Record<string, string>;
  prefix: string;
}) {
  const error = (field: string) => errors[`${prefix}.${field}`];
  const preview = rulePreview(rule, purpose);
  return (
    <fieldset className="mb-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      {errors[prefix] ? (
        <p className="mb-2 text-sm text-red-700" id={`${id}-erreur`}>
          {errors[prefix]}
        </p>
      ) : null}
      <SelectField
        id={`${id}-type`}
        label={purpose === "booking" ? "La réservation ferme" : "L'annulation ferme"}
        options={kindOptions}
        value={rule.kind}
        onChange={(e) => onChange(ruleOfKind(e.target.value as RuleKind, rule.time))}
        error={error("kind")}
      />
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        {rule.kind === "days_before" ? (
          <>
            <Field
              id={`${id}-jours`}
              label="Nombre de jours avant"
              type="number"
              inputMode="numeric"
              min={0}
              max={120}
              step={1}
              value={shown(rule.days)}
              onChange={(e) => onChange({ ...rule, days: int(e.target.value) })}
              hint="0 = le jour même"
              error={error("days")}
            />
            <SelectField
              id={`${id}-decompte`}
              label="Jours comptés"
              options={[
                ["all", "Tous les jours (calendaires)"],
                ["open", "Jours ouvrés seulement"],
              ]}
              value={rule.counting ?? "all"}
              onChange={(e) => onChange({ ...rule, counting: e.target.value === "open" ? "open" : "all" })}
              error={error("counting")}
            />
          </>
        ) : null}
        {rule.kind === "previous_weekday" || rule.kind === "weekday_of_previous_week" ? (
          <SelectField
            id={`${id}-jour-semaine`}
            label={rule.kind === "previous_weekday" ? "Jour précédent" : "Jour de la semaine d'avant"}
            options={weekdayOptions}
            value={String(rule.weekday)}
            onChange={(e) => onChange({ ...rule, weekday: Number(e.target.value) })}
            error={error("weekday")}
          />
        ) : null}
        {rule.kind === "day_of_previous_month" ? (
          <Field
            id={`${id}-jour-mois`}
            label="Jour du mois précédent"
            type="number"
            inputMode="numeric"
            min={1}
            max={31}
            step={1}
            value={shown(rule.day)}
            onChange={(e) => onChange({ ...rule, day: int(e.target.value) })}
            hint="31 = le dernier jour du mois"
            error={error("day")}
          />
        ) : null}
        <Field
          id={`${id}-heure`}
          label="Heure limite"
          type="time"
          value={rule.time}
          onChange={(e) => onChange({ ...rule, time: e.target.value })}
          error={error("time")}
        />
      </div>
      {rule.kind === "days_before" && rule.counting === "open" ? (
        <>
          <CheckboxGroup
            id={`${id}-exclus`}
            legend="Jours qui ne comptent pas"
            options={weekdayChoices}
            value={rule.excludedWeekdays ?? [6, 7]}
            onChange={(days) => onChange({ ...rule, excludedWeekdays: days.sort((a, b) => a - b) })}
            error={error("excludedWeekdays")}
          />
          <label className="mb-4 flex min-h-11 items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="size-4"
              checked={rule.excludePublicHolidays ?? true}
              onChange={(e) => onChange({ ...rule, excludePublicHolidays: e.target.checked })}
            />
            Les jours fériés ne comptent pas non plus
          </label>
        </>
      ) : null}
      <p className={`rounded-lg px-3 py-2 text-sm ${preview.ok ? "bg-brand-50 text-brand-800" : "bg-amber-50 text-amber-900"}`} aria-live="polite">
        {preview.ok ? <span className="font-semibold">{purpose === "booking" ? "Réservation en ligne " : "Annulation en ligne "}</span> : null}
        {preview.text}
      </p>
    </fieldset>
  );
}
