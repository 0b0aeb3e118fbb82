"use client";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, CheckboxGroup, SelectField } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { formatDayLong } from "@/common/dates";

const RANKS = 3;
const ordinal = (i: number) => (i === 0 ? "1er choix" : `${i + 1}e choix`);

/** One ranked choice as the form holds it: the week (its index, "" for none) and the days ticked in it. */
interface Pick {
  week: string;
  days: string[];
}

/**
 * A child's ranked choices, changed as often as the family likes until the window closes: per choice a
 * week, then the days of it the child will come (all ticked at first; untick the others).
 */
export function ApplicationForm({
  roundId,
  childId,
  childName,
  weeks,
  current,
}: {
  roundId: string;
  childId: string;
  childName: string;
  weeks: { label: string; days: string[] }[];
  current: { choices: { days: string[] }[]; parentsWorking: boolean; keepSiblingsTogether: boolean } | null;
}) {
  const trpc = useTRPC();
  const pickOf = (days: string[] | undefined): Pick => {
    const week = days?.length ? weeks.findIndex((w) => days.every((d) => w.days.includes(d))) : -1;
    return week < 0 ? { week: "", days: [] } : { week: String(week), days: days! };
  };
  const [picks, setPicks] = useState<Pick[]>(Array.from({ length: Math.min(RANKS, Math.max(weeks.length, 1)) }, (_, i) => pickOf(current?.choices[i]?.days)));
  const save = useFormMutation(trpc.allocation.saveApplication.mutationOptions(), { success: `Demande enregistrée pour ${childName}. Vous pouvez la modifier jusqu'à la clôture.` });
  const withdraw = useFormMutation(trpc.allocation.withdraw.mutationOptions(), { success: `Demande retirée pour ${childName}.` });
  const id = (k: string) => `${k}-${childId}`;
  const setPick = (i: number, pick: Pick) => setPicks(picks.map((p, j) => (j === i ? pick : p)));
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        // The same days chosen twice count once (the server refuses a repeated choice).
        const seen = new Set<string>();
        const choices = picks
          .filter((p) => p.week !== "")
          .map((p) => ({ days: weeks[Number(p.week)]!.days.filter((d) => p.days.includes(d)) }))
          .filter((c) => c.days.length === 0 || (!seen.has(c.days.join()) && Boolean(seen.add(c.days.join()))));
        save.submit(e.currentTarget, {
          roundId,
          childId,
          choices,
          parentsWorking: f.get("parentsWorking") === "on",
          keepSiblingsTogether: f.get("keepSiblingsTogether") === "on",
        });
      }}
    >
      <FormAlerts success={save.success ?? withdraw.success} formError={save.formError ?? withdraw.formError ?? save.errors.choices} />
      {picks.map((pick, i) => {
        const week = pick.week === "" ? null : weeks[Number(pick.week)]!;
        return (
          <div key={i} className={i > 0 ? "border-t border-slate-200 pt-3" : undefined}>
            <SelectField
              id={id(`choix${i + 1}`)}
              label={i === 0 ? ordinal(i) : `${ordinal(i)} (facultatif)`}
              className="mb-2"
              value={pick.week}
              onChange={(e) => setPick(i, { week: e.target.value, days: e.target.value === "" ? [] : weeks[Number(e.target.value)]!.days })}
              options={[["", i === 0 ? "Choisissez une semaine" : "Aucun"], ...weeks.map((w, k) => [String(k), w.label] as const)]}
            />
            {week ? (
              <CheckboxGroup
                id={id(`jours${i + 1}`)}
                legend={`Jours du ${ordinal(i)}`}
                hint={pick.days.length === week.days.length ? "Toute la semaine. Décochez les jours où l'enfant ne viendra pas." : `${pick.days.length} jour(s) sur ${week.days.length}.`}
                options={week.days.map((d) => [d, formatDayLong(d)] as const)}
                value={pick.days}
                onChange={(days) => setPick(i, { week: pick.week, days: week.days.filter((d) => days.includes(d)) })}
                error={pick.days.length === 0 ? "Cochez au moins un jour, ou choisissez « Aucun »." : undefined}
              />
            ) : null}
          </div>
        );
      })}
      <label className="mb-2 flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" name="parentsWorking" className="size-4" defaultChecked={current?.parentsWorking ?? false} />
        Les deux parents (ou le parent isolé) travaillent
      </label>
      <label className="mb-4 flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" name="keepSiblingsTogether" className="size-4" defaultChecked={current?.keepSiblingsTogether ?? false} />
        Placer avec ses frères et sœurs qui candidatent (ensemble ou pas du tout)
      </label>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.pending}>
          {current ? "Modifier la demande" : "Envoyer la demande"}
        </Button>
        {current ? (
          <Button type="button" variant="secondary" disabled={withdraw.pending} onClick={() => withdraw.submit(null, { roundId, childId })}>
            Retirer
          </Button>
        ) : null}
      </div>
    </form>
  );
}
