"use client";
import { useState } from "react";
import { FormAlerts } from "@/app/_components/form-alerts";
import { Button, CheckboxGroup, SelectField } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { useFormMutation } from "@/app/_lib/use-form-mutation";
import { formatDayLong } from "@/common/dates";

const RANKS = 3;
const ordinal = (i: number) => (i === 0 ? "1er choix" : `${i + 1}e choix`);

/** A site of the round: one activity, with the weeks it runs in the period. */
interface Site {
  activityId: string;
  siteName: string;
  weeks: { label: string; days: string[] }[];
}

/** One ranked choice as the form holds it: the site (its activity, "" for none), the week (its index there, "" for none) and the days ticked in it. */
interface Pick {
  site: string;
  week: string;
  days: string[];
}

/**
 * A child's ranked choices, changed as often as the family likes until the window closes: per choice
 * the site (when the round has several), then a week there, then the days of it the child will come
 * (all ticked at first; untick the others).
 */
export function ApplicationForm({
  roundId,
  childId,
  childName,
  sites,
  current,
}: {
  roundId: string;
  childId: string;
  childName: string;
  sites: Site[];
  current: { choices: { activityId?: string; days: string[] }[]; parentsWorking: boolean; keepSiblingsTogether: boolean } | null;
}) {
  const trpc = useTRPC();
  const severalSites = sites.length > 1;
  const onlySite = severalSites ? "" : (sites[0]?.activityId ?? "");
  const siteOf = (activityId: string) => sites.find((s) => s.activityId === activityId);
  const pickOf = (choice: { activityId?: string; days: string[] } | undefined): Pick => {
    const site = choice ? (siteOf(choice.activityId ?? "") ?? sites[0]) : undefined;
    const week = site && choice?.days.length ? site.weeks.findIndex((w) => choice.days.every((d) => w.days.includes(d))) : -1;
    return site && week >= 0 ? { site: site.activityId, week: String(week), days: choice!.days } : { site: onlySite, week: "", days: [] };
  };
  const options = sites.reduce((n, s) => n + s.weeks.length, 0);
  const [picks, setPicks] = useState<Pick[]>(Array.from({ length: Math.min(RANKS, Math.max(options, 1)) }, (_, i) => pickOf(current?.choices[i])));
  const save = useFormMutation(trpc.allocation.saveApplication.mutationOptions(), { success: `Demande enregistrée pour ${childName}. Vous pouvez la modifier jusqu'à la clôture.` });
  const withdraw = useFormMutation(trpc.allocation.withdraw.mutationOptions(), { success: `Demande retirée pour ${childName}.` });
  const id = (k: string) => `${k}-${childId}`;
  const setPick = (i: number, pick: Pick) => setPicks(picks.map((p, j) => (j === i ? pick : p)));
  /** Another site keeps the week of the same label, if it runs then (its own days), else asks for a week again. */
  const moveTo = (pick: Pick, activityId: string): Pick => {
    const from = siteOf(pick.site)?.weeks[Number(pick.week)];
    const to = siteOf(activityId);
    const week = from && to ? to.weeks.findIndex((w) => w.label === from.label) : -1;
    if (!to || week < 0) return { site: activityId, week: "", days: [] };
    const kept = to.weeks[week]!.days.filter((d) => pick.days.includes(d));
    return { site: activityId, week: String(week), days: kept.length ? kept : to.weeks[week]!.days };
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        // The same site and days chosen twice count once (the server refuses a repeated choice).
        const seen = new Set<string>();
        const choices = picks
          .filter((p) => p.site !== "" && p.week !== "")
          .map((p) => ({ activityId: p.site, days: siteOf(p.site)!.weeks[Number(p.week)]!.days.filter((d) => p.days.includes(d)) }))
          .filter((c) => c.days.length === 0 || (!seen.has(`${c.activityId}:${c.days.join()}`) && Boolean(seen.add(`${c.activityId}:${c.days.join()}`))));
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
        const site = siteOf(pick.site);
        const week = site && pick.week !== "" ? site.weeks[Number(pick.week)]! : null;
        const optional = i === 0 ? "" : " (facultatif)";
        return (
          <fieldset key={i} className={i > 0 ? "border-t border-slate-200 pt-3" : undefined}>
            <legend className="mb-1 text-sm font-semibold text-slate-900">
              {ordinal(i)}
              {optional}
            </legend>
            {severalSites ? (
              <SelectField
                id={id(`site${i + 1}`)}
                label={`Site du ${ordinal(i)}`}
                className="mb-2"
                value={pick.site}
                onChange={(e) => setPick(i, e.target.value === "" ? { site: "", week: "", days: [] } : moveTo(pick, e.target.value))}
                options={[["", i === 0 ? "Choisissez un site" : "Aucun"], ...sites.map((s) => [s.activityId, s.siteName] as const)]}
              />
            ) : null}
            {site ? (
              <SelectField
                id={id(`choix${i + 1}`)}
                label={`Semaine du ${ordinal(i)}`}
                className="mb-2"
                value={pick.week}
                onChange={(e) => setPick(i, { site: pick.site, week: e.target.value, days: e.target.value === "" ? [] : site.weeks[Number(e.target.value)]!.days })}
                options={[["", i === 0 ? "Choisissez une semaine" : "Aucune"], ...site.weeks.map((w, k) => [String(k), w.label] as const)]}
              />
            ) : null}
            {site && week ? (
              <CheckboxGroup
                id={id(`jours${i + 1}`)}
                legend={`Jours du ${ordinal(i)}`}
                hint={pick.days.length === week.days.length ? "Toute la semaine. Décochez les jours où l'enfant ne viendra pas." : `${pick.days.length} jour(s) sur ${week.days.length}.`}
                options={week.days.map((d) => [d, formatDayLong(d)] as const)}
                value={pick.days}
                onChange={(days) => setPick(i, { ...pick, days: week.days.filter((d) => days.includes(d)) })}
                error={pick.days.length === 0 ? "Cochez au moins un jour, ou choisissez « Aucune »." : undefined}
              />
            ) : null}
          </fieldset>
        );
      })}
      <label className="mb-2 mt-2 flex min-h-11 items-center gap-2 text-sm">
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
