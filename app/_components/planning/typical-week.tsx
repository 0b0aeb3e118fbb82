"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { addDays, formatDayLong, monthRange, type CivilDate } from "@/server/lib/dates";
import { Alert, Button } from "../ui";
import { weekdayShort } from "./day-labels";
import type { ChildTab } from "./planning-board";

interface ActivityChoice {
  id: string;
  name: string;
  weekdays: number[];
  yearEnd: CivilDate;
}

/** Tick weekdays once, see exactly which days that books (and which it skips, and why), then apply. */
export function TypicalWeek({ kids, today, activitiesByChild }: { kids: ChildTab[]; today: CivilDate; activitiesByChild: Record<string, ActivityChoice[]> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [childId, setChildId] = useState(kids[0]?.id ?? "");
  const activities = activitiesByChild[childId] ?? [];
  const [activityId, setActivityId] = useState(activities[0]?.id ?? "");
  const activity = activities.find((a) => a.id === activityId) ?? activities[0];
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const nextMonth = monthRange(addDays(monthRange(today.slice(0, 7)).to, 1).slice(0, 7));
  const periods: [string, CivilDate, CivilDate][] = [
    ["Le mois prochain", nextMonth.from, nextMonth.to],
    ["Les 3 prochains mois", addDays(today, 1), addDays(today, 91)],
    ["Jusqu'à la fin de l'année scolaire", addDays(today, 1), activity?.yearEnd ?? addDays(today, 91)],
  ];
  const [period, setPeriod] = useState(0);
  const [from, to] = [periods[period]![1], periods[period]![2]];
  const ready = Boolean(activity && weekdays.length);
  const preview = useQuery(
    trpc.reservations.previewTypicalWeek.queryOptions(
      { childId, activityId: activity?.id ?? "", weekdays, from, to },
      { enabled: ready },
    ),
  );
  const apply = useMutation({
    ...trpc.reservations.applyChanges.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries(),
  });

  if (!kids.length || !activity) return null;
  const booked = apply.data?.filter((o) => o.result === "confirmed").length ?? 0;
  return (
    <details className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <summary className="cursor-pointer text-lg font-semibold">Semaine type : réserver les mêmes jours chaque semaine</summary>
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="st-enfant" className="mb-1 block text-sm font-medium">Enfant</label>
          <select id="st-enfant" value={childId} onChange={(e) => { setChildId(e.target.value); setActivityId(activitiesByChild[e.target.value]?.[0]?.id ?? ""); apply.reset(); }} className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3">
            {kids.map((k) => <option key={k.id} value={k.id}>{k.firstName}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="st-activite" className="mb-1 block text-sm font-medium">Activité</label>
          <select id="st-activite" value={activity.id} onChange={(e) => { setActivityId(e.target.value); apply.reset(); }} className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3">
            {activities.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="st-periode" className="mb-1 block text-sm font-medium">Période</label>
          <select id="st-periode" value={period} onChange={(e) => { setPeriod(Number(e.target.value)); apply.reset(); }} className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3">
            {periods.map(([label], i) => <option key={label} value={i}>{label}</option>)}
          </select>
        </div>
      </div>
      <fieldset className="mt-4">
        <legend className="mb-2 text-sm font-medium">Jours de la semaine</legend>
        <div className="flex flex-wrap gap-2">
          {activity.weekdays.map((w) => (
            <label key={w} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm">
              <input type="checkbox" className="size-5 accent-brand-700" checked={weekdays.includes(w)} onChange={(e) => { setWeekdays((d) => (e.target.checked ? [...d, w].sort() : d.filter((x) => x !== w))); apply.reset(); }} />
              {weekdayShort[w - 1]}
            </label>
          ))}
        </div>
      </fieldset>
      {ready && preview.data ? (
        <div className="mt-4" aria-live="polite">
          <p className="text-sm">
            Du {formatDayLong(from)} au {formatDayLong(to)} : <strong>{preview.data.toBook.length} jour(s) à réserver</strong>
            {preview.data.alreadyBooked.length ? `, ${preview.data.alreadyBooked.length} déjà réservé(s)` : ""}
            {preview.data.skipped.length ? `, ${preview.data.skipped.length} ignoré(s)` : ""}.
          </p>
          {preview.data.skipped.length ? (
            <ul className="mt-2 max-h-40 overflow-y-auto text-sm text-slate-700">
              {preview.data.skipped.map((s) => (
                <li key={s.date}><span className="first-letter:uppercase">{formatDayLong(s.date)}</span> : {s.reason}</li>
              ))}
            </ul>
          ) : null}
          {apply.isSuccess ? <Alert tone="success">{booked} jour(s) réservé(s). Le planning est à jour.</Alert> : null}
          {apply.error ? <Alert tone="error">{apply.error.message}</Alert> : null}
          <Button
            className="mt-3"
            disabled={apply.isPending || preview.data.toBook.length === 0 || apply.isSuccess}
            onClick={() => apply.mutate({ changes: preview.data.toBook.map((date) => ({ childId, activityId: activity.id, date, action: "book" as const })) })}
          >
            Réserver ces {preview.data.toBook.length} jours
          </Button>
        </div>
      ) : ready ? <p className="mt-4 text-sm text-slate-600">Calcul…</p> : <p className="mt-4 text-sm text-slate-600">Cochez au moins un jour.</p>}
    </details>
  );
}
