import type { Metadata } from "next";
import Link from "next/link";
import { mealsLabel, TodayFigures } from "@/app/_components/dashboard/today";
import { Button, Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { addDays, formatDayLong, isCivilDate, isoWeekday, formatDayHeading } from "@/common/dates";

export const metadata: Metadata = { title: "Listes du jour" };

export default async function SitePickerPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ date?: string }> }) {
  const { commune } = await params;
  const { date } = await searchParams;
  const { today, sites } = await load(commune, (api) => api.attendance.sites());
  const day = date && isCivilDate(date) ? date : today;
  const weekday = isoWeekday(day);
  // Today: what each activity that runs has booked and pointed (the dashboard's figures).
  const board = day === today ? await load(commune, (api) => api.dashboard.get({ todayOnly: true })) : null;
  // Sites open today come first.
  const hasToday = (siteId: string) => Boolean(board?.activities.some((a) => a.siteId === siteId));
  const dayLink = (d: string) => `/${commune}/site?date=${d}`;
  return (
    <Main>
      <PageTitle lead="Choisissez votre site pour ouvrir la liste des enfants attendus et faire le pointage.">Listes du jour</PageTitle>
      <Card className="mb-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="champ-date" className="mb-1 block text-sm font-medium text-slate-800">
              Jour
            </label>
            <input id="champ-date" type="date" name="date" defaultValue={day} className="min-h-11 rounded-lg border border-slate-500 bg-white px-3 text-base" />
          </div>
          <Button type="submit">Afficher</Button>
        </form>
        <p className="mt-3 flex flex-wrap gap-x-4 gap-y-2 text-sm">
          <Link href={dayLink(addDays(day, -1))} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4">
            ← Veille
          </Link>
          {day !== today ? (
            <Link href={dayLink(today)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4">
              Aujourd&apos;hui
            </Link>
          ) : null}
          <Link href={dayLink(addDays(day, 1))} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4">
            Lendemain →
          </Link>
        </p>
      </Card>
      <h2 className="mb-3 text-lg font-semibold">
        {day === today ? `Aujourd'hui, ${formatDayLong(day)}` : formatDayHeading(day)}
      </h2>
      {board ? (
        <p className="mb-4 flex flex-wrap items-center gap-x-4 rounded-xl border border-slate-200 bg-white px-5 py-3 text-sm shadow-sm">
          <span className="font-semibold text-slate-900">{mealsLabel(board.mealsToday)}</span>
          <Link href={`/${commune}/site/repas?du=${day}&au=${day}`} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4">
            Repas du jour par site et régimes
          </Link>
        </p>
      ) : null}
      {sites.length === 0 ? <p className="text-sm text-slate-600">Aucun site n&apos;est encore configuré.</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2">
        {(board ? [...sites].sort((a, b) => Number(hasToday(b.id)) - Number(hasToday(a.id))) : sites).map((site) => {
          const running = site.activities.filter((a) => a.weekdays.includes(weekday));
          const today = board?.activities.filter((a) => a.siteId === site.id) ?? null;
          return (
            <li key={site.id} className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <h3 className="text-lg font-semibold text-slate-900">{site.name}</h3>
              {site.address ? <p className="text-sm text-slate-600">{site.address}</p> : null}
              {today ? (
                today.length ? (
                  <ul className="mt-3 grid gap-3">
                    {today.map((a) => (
                      <li key={a.id} className="rounded-lg bg-slate-50 p-3">
                        <h4 className="mb-2 font-semibold text-slate-900">{a.name}</h4>
                        <TodayFigures activity={a} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-2 text-sm text-slate-800">Pas d&apos;activité aujourd&apos;hui</p>
                )
              ) : (
                <p className="mt-2 text-sm text-slate-800">
                  {running.length ? running.map((a) => a.name).join(" · ") : "Pas d'activité prévue ce jour de la semaine"}
                </p>
              )}
              <Link
                href={`/${commune}/site/${site.id}?date=${day}`}
                className="mt-auto inline-flex min-h-11 items-center pt-2 text-sm font-semibold text-brand-700 underline underline-offset-4"
              >
                Liste et pointage : {site.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </Main>
  );
}
