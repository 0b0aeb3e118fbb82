"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, Field, SelectField } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { criterionKeys, defaultCriteria, type CriterionKey } from "@/common/allocation";
import { messages } from "@/common/messages";

const m = messages.allocation;

/**
 * A new round: its activity, and the same service at other sites families may rank against it (the
 * summer centre at two sites), period, window (and residents' early opening), criteria and weights.
 */
export function RoundForm({ commune, activities }: { commune: string; activities: { id: string; label: string; service: string; yearLabel: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [first, setFirst] = useState(activities[0]?.id ?? "");
  const [others, setOthers] = useState<string[]>([]);
  const firstActivity = activities.find((a) => a.id === first);
  // Other sites: the same service in the same school year.
  const sameService = activities.filter((a) => a.id !== first && firstActivity && a.service === firstActivity.service && a.yearLabel === firstActivity.yearLabel);
  const [scoring, setScoring] = useState<"points" | "priority">("points");
  const [mode, setMode] = useState<"application" | "first_come">("application");
  const create = useFormMutation(trpc.allocation.create.mutationOptions(), {
    refresh: false,
    onSuccess: (round) => router.push(`/${commune}/admin/attributions/${round.id}`),
  });
  const { errors } = create;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const s = (k: string) => String(f.get(k) ?? "");
        const weights = Object.fromEntries(criterionKeys.map((k) => [k, Number(s(`poids-${k}`) || 0)])) as Record<CriterionKey, number>;
        // Strict priorities follow the weights' importance; a criterion at 0 does not count.
        const order = [...criterionKeys].filter((k) => weights[k] !== 0).sort((a, b) => Math.abs(weights[b]) - Math.abs(weights[a]));
        create.submit(e.currentTarget, {
          roundActivityIds: [first, ...others.filter((id) => sameService.some((a) => a.id === id))].filter(Boolean),
          roundLabel: s("roundLabel"),
          mode,
          periodFrom: s("periodFrom"),
          periodTo: s("periodTo"),
          opensDate: s("opensDate"),
          opensTime: s("opensTime"),
          closesDate: s("closesDate"),
          closesTime: s("closesTime"),
          residentsOpensDate: s("residentsOpensDate"),
          residentsOpensTime: s("residentsOpensTime"),
          criteria: { scoring, weights, order, absenceLookbackDays: 365 },
        });
      }}
    >
      <FormAlerts success={create.success} formError={create.formError} />
      <SelectField
        id="activityId"
        name="activityId"
        label="Activité"
        value={first}
        onChange={(e) => {
          setFirst(e.target.value);
          setOthers([]);
        }}
        options={activities.map((a) => [a.id, a.label] as const)}
        error={errors.roundActivityIds ?? errors.activityId}
      />
      {sameService.length ? (
        <fieldset className="mb-4" aria-describedby="autres-sites-aide">
          <legend className="mb-1 text-sm font-medium text-slate-800">Autres sites de la même prestation (facultatif)</legend>
          <p id="autres-sites-aide" className="mb-2 text-xs text-slate-600">
            Les familles classent alors leurs choix d&apos;un site à l&apos;autre (par exemple « Jules Verne, semaine 1 » puis « Jules Ferry, semaine 1 ») ; chaque site garde ses places et son calendrier.
          </p>
          {sameService.map((a) => (
            <label key={a.id} className="flex min-h-11 items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                className="size-5"
                checked={others.includes(a.id)}
                onChange={(e) => setOthers((now) => (e.target.checked ? [...now, a.id] : now.filter((id) => id !== a.id)))}
              />
              {a.label}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Field name="roundLabel" label="Nom du tour" placeholder="Été 2027 : juillet" maxLength={120} error={errors.roundLabel} />
      <SelectField
        id="mode"
        label="Comment les places sont données"
        value={mode}
        onChange={(e) => setMode(e.target.value as typeof mode)}
        options={[["application", m.modes.application], ["first_come", m.modes.first_come]]}
      />
      <div className="grid gap-x-3 sm:grid-cols-2">
        <Field name="periodFrom" type="date" label="Début de la période" error={errors.periodFrom} />
        <Field name="periodTo" type="date" label="Fin de la période" error={errors.periodTo} />
        <Field name="opensDate" type="date" label={mode === "application" ? "Ouverture des candidatures" : "Ouverture des réservations"} error={errors.opensDate} />
        <Field name="opensTime" type="time" label="à" defaultValue="09:00" error={errors.opensTime} />
        <Field name="closesDate" type="date" label={mode === "application" ? "Fermeture des candidatures" : "Fin du tour"} error={errors.closesDate} />
        <Field name="closesTime" type="time" label="à" defaultValue="18:00" error={errors.closesTime} />
        <Field name="residentsOpensDate" type="date" label="Ouverture anticipée des résidents (facultatif)" error={errors.residentsOpensDate} />
        <Field name="residentsOpensTime" type="time" label="à" error={errors.residentsOpensTime} />
      </div>
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium text-slate-800">Critères</legend>
        <SelectField id="scoring" label="Mode de classement" value={scoring} onChange={(e) => setScoring(e.target.value as typeof scoring)} options={[["points", m.scoring.points], ["priority", m.scoring.priority]]} />
        <p className="mb-2 text-xs text-slate-600">
          {scoring === "points"
            ? "Points par critère rempli (par jour obtenu, par absence) ; un nombre négatif retire des points. Les égalités sont départagées par tirage au sort."
            : "Les critères sont comparés l'un après l'autre, du poids le plus fort (en valeur absolue) au plus faible ; 0 : ne compte pas. Les égalités sont départagées par tirage au sort."}
        </p>
        <div className="grid gap-x-3 sm:grid-cols-2">
          {criterionKeys.map((k) => (
            <Field key={k} name={`poids-${k}`} id={`poids-${k}`} type="number" min={-100} max={100} step={1} label={m.criteria[k]} defaultValue={defaultCriteria.weights[k]} error={errors[`criteria.weights.${k}`]} />
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={create.pending}>
        {create.pending ? "Création…" : "Créer le tour (brouillon)"}
      </Button>
    </form>
  );
}
