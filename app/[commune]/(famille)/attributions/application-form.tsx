"use client";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, SelectField } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";

const RANKS = 3;

/** A child's ranked choices (a week each), changed as often as the family likes until the window closes. */
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
  const indexOf = (days: string[] | undefined) => (days ? String(weeks.findIndex((w) => w.days[0] === days[0])) : "");
  const [picks, setPicks] = useState<string[]>(Array.from({ length: Math.min(RANKS, weeks.length) }, (_, i) => indexOf(current?.choices[i]?.days)));
  const save = useFormMutation(trpc.allocation.saveApplication.mutationOptions(), { success: `Demande enregistrée pour ${childName}. Vous pouvez la modifier jusqu'à la clôture.` });
  const withdraw = useFormMutation(trpc.allocation.withdraw.mutationOptions(), { success: `Demande retirée pour ${childName}.` });
  const id = (k: string) => `${k}-${childId}`;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const chosen = [...new Set(picks.filter((p) => p !== "" && p !== "-1"))];
        save.submit(e.currentTarget, {
          roundId,
          childId,
          choices: chosen.map((p) => ({ days: weeks[Number(p)]!.days })),
          parentsWorking: f.get("parentsWorking") === "on",
          keepSiblingsTogether: f.get("keepSiblingsTogether") === "on",
        });
      }}
    >
      <FormAlerts success={save.success ?? withdraw.success} formError={save.formError ?? withdraw.formError ?? save.errors.choices} />
      {picks.map((value, i) => (
        <SelectField
          key={i}
          id={id(`choix${i + 1}`)}
          label={i === 0 ? "1er choix" : `${i + 1}e choix (facultatif)`}
          value={value}
          onChange={(e) => setPicks(picks.map((p, j) => (j === i ? e.target.value : p)))}
          options={[["", i === 0 ? "Choisissez une semaine" : "Aucun"], ...weeks.map((w, k) => [String(k), w.label] as const)]}
        />
      ))}
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
