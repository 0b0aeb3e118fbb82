"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/app/_components/confirm-dialog";
import { Alert, Badge, Button, Field, SelectField } from "@/app/_components/ui";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate } from "@/common/dates";
import { parseEuros } from "@/common/money";

export interface TariffView {
  id: string;
  validFrom: string;
  status: "past" | "current" | "future";
  description: [string, string][];
}

const statusLabels = { past: "Remplacé", current: "En vigueur", future: "À venir" } as const;
const statusTones = { past: "neutral", current: "success", future: "warning" } as const;

/** Current and future tariffs (past ones folded away), each described in French. */
export function TariffsList({ tariffs, canEdit }: { tariffs: TariffView[]; canEdit: boolean }) {
  const shown = tariffs.filter((t) => t.status !== "past");
  const past = tariffs.filter((t) => t.status === "past");
  if (!tariffs.length) {
    return <p className="mb-4 text-sm text-slate-600">Aucun tarif : les réservations de cette activité n&apos;ont pas de prix (affiché « — »).</p>;
  }
  const item = (t: TariffView) => (
    <li key={t.id} className="py-3">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-base font-semibold text-slate-900">
          À partir du {formatDate(t.validFrom)} <Badge tone={statusTones[t.status]}>{statusLabels[t.status]}</Badge>
        </h3>
        {canEdit && t.status === "future" ? <DeleteTariff tariff={t} /> : null}
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {t.description.map(([term, value]) => (
          <div key={term}>
            <dt className="text-slate-600">{term}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
  return (
    <div className="mb-4">
      <ul className="divide-y divide-slate-100">{shown.map(item)}</ul>
      {past.length ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer font-semibold text-brand-700">Tarifs précédents ({past.length})</summary>
          <ul className="divide-y divide-slate-100">{past.map(item)}</ul>
        </details>
      ) : null}
    </div>
  );
}

function DeleteTariff({ tariff }: { tariff: TariffView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.tariffs.delete.mutationOptions());
  const what = `du ${formatDate(tariff.validFrom)}`;
  return (
    <ConfirmButton
      variant="secondary"
      className="min-h-9 px-3 py-1"
      disabled={mutation.isPending}
      confirm={{ title: `Supprimer le tarif ${what} ?`, text: "Les réservations déjà faites gardent le prix auquel elles ont été prises.", confirmLabel: "Supprimer le tarif", danger: true }}
      onConfirm={() => mutation.mutate({ tariffId: tariff.id }, { onSuccess: () => router.refresh() })}
      error={mutation.error?.message}
    >
      Supprimer<span className="sr-only"> le tarif {what}</span>
    </ConfirmButton>
  );
}

type Kind = "unit" | "brackets" | "effort_rate";
interface RuleState {
  kind: Kind;
  unit: string;
  brackets: { upTo: string; price: string }[];
  rate: string;
  min: string;
  max: string;
}

const emptyRule = (kind: Kind): RuleState => ({
  kind,
  unit: "",
  brackets: [
    { upTo: "400", price: "" },
    { upTo: "700", price: "" },
    { upTo: "1000", price: "" },
    { upTo: "", price: "" },
  ],
  rate: "",
  min: "",
  max: "",
});

const methods = [
  ["unit", "Prix unique"],
  ["brackets", "Par tranches de quotient familial"],
  ["effort_rate", "Taux d'effort (pourcentage du QF)"],
] as const;

const EUROS = "montant en euros, par exemple 2,10";
const WHOLE = "nombre entier attendu";

/** Reads what was typed: euros with a comma become cents; every unreadable field gets its message. */
function buildRule(rule: RuleState, path: string, errors: Record<string, string>) {
  const euros = (text: string, key: string) => {
    const cents = parseEuros(text);
    if (cents === null) errors[key] = EUROS;
    return cents ?? 0;
  };
  if (rule.kind === "unit") return { kind: "unit" as const, cents: euros(rule.unit, `${path}.cents`) };
  if (rule.kind === "effort_rate") {
    // A percentage with two decimals ("0,45") read as hundredths of a percent, i.e. ten-thousandths.
    const rate = parseEuros(rule.rate);
    if (rate === null || rate === 0) errors[`${path}.ratePerTenThousand`] = "pourcentage, par exemple 0,45";
    return {
      kind: "effort_rate" as const,
      ratePerTenThousand: rate ?? 0,
      minCents: euros(rule.min, `${path}.minCents`),
      maxCents: euros(rule.max, `${path}.maxCents`),
    };
  }
  return {
    kind: "brackets" as const,
    brackets: rule.brackets.map((b, i) => {
      const last = i === rule.brackets.length - 1;
      const upTo = b.upTo.trim() === "" ? null : Number(b.upTo);
      if (!last && (upTo === null || !Number.isInteger(upTo) || upTo <= 0)) errors[`${path}.brackets.${i}.upTo`] = WHOLE;
      return { upTo: last ? null : upTo, cents: euros(b.price, `${path}.brackets.${i}.cents`) };
    }),
  };
}

function RuleFields({ id, legend, rule, onChange, errors, path }: { id: string; legend: string; rule: RuleState; onChange: (r: RuleState) => void; errors: Record<string, string>; path: string }) {
  const e = (key: string) => errors[`${path}.${key}`];
  return (
    <fieldset className="mb-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      <SelectField
        id={`${id}-methode`}
        label="Méthode"
        value={rule.kind}
        options={methods}
        onChange={(ev) => onChange({ ...rule, kind: ev.target.value as Kind })}
      />
      {rule.kind === "unit" ? (
        <Field id={`${id}-prix`} label="Prix (€)" inputMode="decimal" value={rule.unit} onChange={(ev) => onChange({ ...rule, unit: ev.target.value })} error={e("cents")} />
      ) : null}
      {rule.kind === "effort_rate" ? (
        <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-3">
          <Field id={`${id}-taux`} label="Taux (%)" hint="Par exemple 0,45 : QF 650 → 2,93 €" inputMode="decimal" value={rule.rate} onChange={(ev) => onChange({ ...rule, rate: ev.target.value })} error={e("ratePerTenThousand")} />
          <Field id={`${id}-min`} label="Prix minimum (€)" inputMode="decimal" value={rule.min} onChange={(ev) => onChange({ ...rule, min: ev.target.value })} error={e("minCents")} />
          <Field id={`${id}-max`} label="Prix maximum (€)" hint="Aussi appliqué sans QF connu" inputMode="decimal" value={rule.max} onChange={(ev) => onChange({ ...rule, max: ev.target.value })} error={e("maxCents")} />
        </div>
      ) : null}
      {rule.kind === "brackets" ? (
        <>
          <p className="mb-3 text-xs text-slate-600">
            Chaque tranche va « de » la borne précédente « à moins de » sa borne ; la dernière n&apos;a pas de borne. Sans QF connu, la dernière tranche
            s&apos;applique.
          </p>
          <ol className="grid gap-2">
            {rule.brackets.map((b, i) => {
              const last = i === rule.brackets.length - 1;
              const from = i === 0 ? "0" : rule.brackets[i - 1]!.upTo || "…";
              const set = (patch: Partial<typeof b>) => onChange({ ...rule, brackets: rule.brackets.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
              return (
                <li key={i} className="grid grid-cols-1 items-end gap-x-4 sm:grid-cols-[1fr_1fr_7rem]">
                  {last ? (
                    <p className="mb-4 text-sm font-medium text-slate-800">
                      Tranche {i + 1} : de {from} et plus
                    </p>
                  ) : (
                    <Field
                      id={`${id}-borne-${i}`}
                      label={`Tranche ${i + 1} : de ${from} à moins de`}
                      inputMode="numeric"
                      value={b.upTo}
                      onChange={(ev) => set({ upTo: ev.target.value })}
                      error={e(`brackets.${i}.upTo`)}
                    />
                  )}
                  <Field id={`${id}-tranche-${i}`} label={`Prix tranche ${i + 1} (€)`} inputMode="decimal" value={b.price} onChange={(ev) => set({ price: ev.target.value })} error={e(`brackets.${i}.cents`)} />
                  {rule.brackets.length > 1 && !last ? (
                    <Button type="button" variant="secondary" className="mb-4" onClick={() => onChange({ ...rule, brackets: rule.brackets.filter((_, k) => k !== i) })}>
                      Retirer<span className="sr-only"> la tranche {i + 1}</span>
                    </Button>
                  ) : (
                    <span />
                  )}
                </li>
              );
            })}
          </ol>
          {rule.brackets.length < 20 ? (
            <Button
              type="button"
              variant="secondary"
              onClick={() => onChange({ ...rule, brackets: [...rule.brackets.slice(0, -1), { upTo: "", price: "" }, rule.brackets.at(-1)!] })}
            >
              Ajouter une tranche
            </Button>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}

const percent = (text: string, key: string, errors: Record<string, string>) => {
  const n = Number(text.trim() === "" ? "0" : text.trim());
  if (!Number.isInteger(n) || n < 0) errors[key] = "pourcentage entier, 0 ou plus";
  return Number.isInteger(n) ? n : 0;
};

/** "À partir du …": a new tariff never changes the price of bookings already made. */
export function AddTariffForm({ activityId, today }: { activityId: string; today: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.tariffs.add.mutationOptions());
  const [validFrom, setValidFrom] = useState(today);
  const [resident, setResident] = useState<RuleState>(emptyRule("brackets"));
  const [nonResident, setNonResident] = useState<RuleState>(emptyRule("unit"));
  const [meal, setMeal] = useState("");
  const [sibling, setSibling] = useState<"none" | "by_rank" | "from_rank">("none");
  const [second, setSecond] = useState("");
  const [third, setThird] = useState("");
  const [fromRank, setFromRank] = useState("3");
  const [fromPercent, setFromPercent] = useState("");
  const [penalty, setPenalty] = useState("100");
  const [surcharge, setSurcharge] = useState("100");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [added, setAdded] = useState(false);
  const errors = { ...fieldErrors(mutation.error), ...local };

  const submit = () => {
    const e: Record<string, string> = {};
    const mealCents = meal.trim() === "" ? 0 : parseEuros(meal);
    if (mealCents === null) e["pricing.mealCents"] = EUROS;
    const pricing = {
      resident: buildRule(resident, "pricing.resident", e),
      nonResident: buildRule(nonResident, "pricing.nonResident", e),
      mealCents: mealCents ?? 0,
      siblingReduction:
        sibling === "by_rank"
          ? { kind: "by_rank" as const, percents: [0, percent(second, "pricing.siblingReduction.percents", e), percent(third, "pricing.siblingReduction.percents", e)] }
          : sibling === "from_rank"
            ? { kind: "from_rank" as const, fromRank: Number(fromRank), percent: percent(fromPercent, "pricing.siblingReduction.percent", e) }
            : null,
      absencePenaltyPercent: percent(penalty, "pricing.absencePenaltyPercent", e),
      unbookedSurchargePercent: percent(surcharge, "pricing.unbookedSurchargePercent", e),
    };
    setLocal(e);
    setAdded(false);
    mutation.reset();
    if (Object.keys(e).length) return;
    mutation.mutate(
      { activityId, validFrom, pricing },
      {
        onSuccess: () => {
          setAdded(true);
          router.refresh();
        },
      },
    );
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {added ? <Alert tone="success">Tarif enregistré : il s&apos;applique aux réservations faites à partir de maintenant pour les jours dès sa date.</Alert> : null}
      {Object.keys(local).length ? <Alert tone="error">Certains champs sont à corriger : voir les messages ci-dessous.</Alert> : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      <Field
        id="tarif-date"
        label="Applicable à partir du"
        type="date"
        required
        value={validFrom}
        onChange={(ev) => setValidFrom(ev.target.value)}
        hint="Les réservations déjà faites gardent leur prix."
        error={errors.validFrom}
      />
      <RuleFields id="tarif-residents" legend="Résidents" rule={resident} onChange={setResident} errors={errors} path="pricing.resident" />
      <RuleFields id="tarif-non-residents" legend="Non-résidents" rule={nonResident} onChange={setNonResident} errors={errors} path="pricing.nonResident" />
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-3">
        <Field
          id="tarif-repas"
          label="Part repas (€)"
          hint="Montée sur une ligne « repas » à part (non éligible au crédit d'impôt garde) ; au plus le prix."
          inputMode="decimal"
          value={meal}
          onChange={(ev) => setMeal(ev.target.value)}
          error={errors["pricing.mealCents"]}
        />
        <Field
          id="tarif-penalite"
          label="Pénalité d'absence non justifiée (% du prix)"
          hint="0 : non facturée."
          inputMode="numeric"
          value={penalty}
          onChange={(ev) => setPenalty(ev.target.value)}
          error={errors["pricing.absencePenaltyPercent"]}
        />
        <Field
          id="tarif-majoration"
          label="Présence sans réservation (% du prix)"
          hint="100 : prix normal ; 150 : majoration de moitié."
          inputMode="numeric"
          value={surcharge}
          onChange={(ev) => setSurcharge(ev.target.value)}
          error={errors["pricing.unbookedSurchargePercent"]}
        />
      </div>
      <SelectField
        id="tarif-fratrie"
        label="Réduction fratrie"
        hint="Le rang d'un enfant est son ordre parmi les enfants de la famille réservés ce jour-là pour l'activité : le 2e enfant réservé a la réduction du 2e rang, quel que soit son âge. Annuler puis réserver à nouveau rend le même rang."
        value={sibling}
        options={[
          ["none", "Aucune"],
          ["by_rank", "Selon le rang (2e enfant, 3e et suivants)"],
          ["from_rank", "À partir d'un rang"],
        ]}
        onChange={(ev) => setSibling(ev.target.value as typeof sibling)}
      />
      {sibling === "by_rank" ? (
        <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
          <Field id="tarif-rang-2" label="2e enfant : réduction (%)" inputMode="numeric" value={second} onChange={(ev) => setSecond(ev.target.value)} error={errors["pricing.siblingReduction.percents"]} />
          <Field id="tarif-rang-3" label="3e enfant et suivants : réduction (%)" inputMode="numeric" value={third} onChange={(ev) => setThird(ev.target.value)} />
        </div>
      ) : null}
      {sibling === "from_rank" ? (
        <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
          <SelectField
            id="tarif-a-partir"
            label="À partir du"
            value={fromRank}
            options={[2, 3, 4, 5].map((r) => [String(r), `${r}e enfant`] as const)}
            onChange={(ev) => setFromRank(ev.target.value)}
          />
          <Field id="tarif-reduction" label="Réduction (%)" inputMode="numeric" value={fromPercent} onChange={(ev) => setFromPercent(ev.target.value)} error={errors["pricing.siblingReduction.percent"]} />
        </div>
      ) : null}
      <Button type="submit" disabled={mutation.isPending}>
        Ajouter le tarif
      </Button>
    </form>
  );
}
