"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDayLong, type CivilDate } from "@/common/dates";
import { Alert, Button, ButtonLink, inputClass } from "../ui";
import { weekdayShort } from "./day-labels";
import type { ChildTab } from "./planning-board";
import { Recap } from "./recap";

interface ActivityChoice {
  id: string;
  name: string;
  weekdays: number[];
}

type PeriodKey = "this_month" | "next_month" | "this_term" | "next_term" | "rest_of_year";

/** Adjacent skipped days with the same reason, as one line: the holidays read as one stretch. */
function groupSkipped(skipped: { date: CivilDate; reason: string }[]) {
  const groups: { first: CivilDate; last: CivilDate; count: number; reason: string }[] = [];
  for (const s of skipped) {
    const last = groups.at(-1);
    if (last && last.reason === s.reason) {
      last.last = s.date;
      last.count++;
    } else groups.push({ first: s.date, last: s.date, count: 1, reason: s.reason });
  }
  return groups;
}

const select = `${inputClass()} appearance-auto`;

/** Tick weekdays once, see exactly which days that books (and which it skips, and why), then apply and read the recap. */
export function TypicalWeek({ kids, activitiesByChild, basketHref }: { kids: ChildTab[]; activitiesByChild: Record<string, ActivityChoice[]>; basketHref?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withActivities = kids.filter((k) => activitiesByChild[k.id]?.length);
  const [childId, setChildId] = useState(withActivities[0]?.id ?? "");
  const activities = activitiesByChild[childId] ?? [];
  const [activityId, setActivityId] = useState("");
  const activity = activities.find((a) => a.id === activityId) ?? activities[0];
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [periodKey, setPeriodKey] = useState<PeriodKey | "">("");
  const periods = useQuery(trpc.reservations.typicalWeekPeriods.queryOptions({ activityId: activity?.id ?? "" }, { enabled: Boolean(activity) }));
  const period = periods.data?.find((p) => p.key === periodKey) ?? periods.data?.[0];
  const ready = Boolean(activity && period && weekdays.length);
  const preview = useQuery(
    trpc.reservations.previewTypicalWeek.queryOptions(
      { childId, activityId: activity?.id ?? "", weekdays, periodKey: period?.key ?? "next_month" },
      { enabled: ready },
    ),
  );
  const apply = useMutation({
    ...trpc.reservations.applyChanges.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const restart = () => apply.reset();

  if (!withActivities.length || !activity) return null;
  const child = kids.find((k) => k.id === childId);
  const names = { [childId]: child?.firstName ?? "", [activity.id]: activity.name };
  return (
    <details className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <summary className="cursor-pointer text-lg font-semibold">Semaine type : réserver les mêmes jours chaque semaine</summary>
      {apply.isSuccess ? (
        <div className="mt-4">
          <Recap outcomes={apply.data} names={names} />
          <div className="mt-4 flex flex-wrap gap-2">
            {basketHref && apply.data.some((o) => o.held) ? <ButtonLink href={basketHref}>Voir mon panier et payer</ButtonLink> : null}
            <Button variant="secondary" onClick={restart}>
              Nouvelle semaine type
            </Button>
          </div>
        </div>
      ) : (
        <>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <div className="min-w-0">
              <label htmlFor="st-enfant" className="mb-1 block text-sm font-medium">
                Enfant
              </label>
              <select
                id="st-enfant"
                value={childId}
                onChange={(e) => {
                  setChildId(e.target.value);
                  setActivityId("");
                  setWeekdays([]);
                }}
                className={select}
              >
                {withActivities.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.firstName}
                  </option>
                ))}
              </select>
            </div>
            <div className="min-w-0">
              <label htmlFor="st-activite" className="mb-1 block text-sm font-medium">
                Activité
              </label>
              <select
                id="st-activite"
                value={activity.id}
                onChange={(e) => {
                  setActivityId(e.target.value);
                  setPeriodKey("");
                  setWeekdays([]);
                }}
                className={select}
              >
                {activities.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="min-w-0 sm:col-span-2">
              <label htmlFor="st-periode" className="mb-1 block text-sm font-medium">
                Période
              </label>
              <select id="st-periode" value={period?.key ?? ""} onChange={(e) => setPeriodKey(e.target.value as PeriodKey)} disabled={!periods.data?.length} className={select}>
                {periods.data?.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <fieldset className="mt-4">
            <legend className="mb-2 text-sm font-medium">Jours de la semaine</legend>
            <div className="flex flex-wrap gap-2">
              {activity.weekdays.map((w) => (
                <label key={w} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm">
                  <input
                    type="checkbox"
                    className="size-5 accent-brand-700"
                    checked={weekdays.includes(w)}
                    onChange={(e) => setWeekdays((d) => (e.target.checked ? [...d, w].sort() : d.filter((x) => x !== w)))}
                  />
                  {weekdayShort[w - 1]}
                </label>
              ))}
            </div>
          </fieldset>
          {periods.data && !periods.data.length ? <p className="mt-4 text-sm text-slate-600">Cette activité est terminée pour l&apos;année scolaire.</p> : null}
          {preview.error ? <Alert tone="error">{preview.error.message}</Alert> : null}
          {ready && preview.data ? (
            <div className="mt-4" aria-live="polite">
              <p className="text-sm">
                Du {formatDayLong(preview.data.period.from)} au {formatDayLong(preview.data.period.to)} :{" "}
                <strong>
                  {preview.data.toBook.length} jour{preview.data.toBook.length > 1 ? "s" : ""} à réserver
                </strong>
                {preview.data.alreadyBooked.length ? `, ${preview.data.alreadyBooked.length} déjà réservé${preview.data.alreadyBooked.length > 1 ? "s" : ""}` : ""}
                {preview.data.skipped.length ? `, ${preview.data.skipped.length} ignoré${preview.data.skipped.length > 1 ? "s" : ""} (voir ci-dessous)` : ""}.
              </p>
              {preview.data.toBook.length ? (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-brand-700 underline">Voir les jours à réserver</summary>
                  {/* A long list scrolls in its box: focusable, so a keyboard can scroll it (axe: scrollable-region-focusable). */}
                  <ul tabIndex={0} aria-label="Jours à réserver" className="mt-1 max-h-40 overflow-y-auto text-slate-700">
                    {preview.data.toBook.map((d) => (
                      <li key={d} className="first-letter:uppercase">
                        {formatDayLong(d)}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {preview.data.skipped.length ? (
                <>
                  <h3 className="mt-3 text-sm font-semibold">Jours ignorés</h3>
                  <ul tabIndex={0} aria-label="Jours ignorés" className="mt-1 max-h-48 overflow-y-auto text-sm text-slate-700">
                    {groupSkipped(preview.data.skipped).map((g) => (
                      <li key={g.first}>
                        <span className="inline-block first-letter:uppercase">
                          {g.count === 1 ? formatDayLong(g.first) : `du ${formatDayLong(g.first)} au ${formatDayLong(g.last)} (${g.count} jours)`}
                        </span>{" "}
                        : {g.reason}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {apply.error ? <Alert tone="error">{formError(apply.error) ?? apply.error.message}</Alert> : null}
              <Button
                className="mt-3"
                disabled={apply.isPending || preview.data.toBook.length === 0}
                onClick={() => apply.mutate({ changes: preview.data.toBook.map((date) => ({ childId, activityId: activity.id, date, action: "book" as const })) })}
              >
                {apply.isPending ? "Réservation…" : preview.data.toBook.length === 1 ? "Réserver ce jour" : `Réserver ces ${preview.data.toBook.length} jours`}
              </Button>
            </div>
          ) : ready ? (
            <p className="mt-4 text-sm text-slate-600">Calcul…</p>
          ) : (
            <p className="mt-4 text-sm text-slate-600">Cochez au moins un jour.</p>
          )}
        </>
      )}
    </details>
  );
}
