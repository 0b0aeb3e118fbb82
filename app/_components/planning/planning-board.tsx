"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { addDays, formatDayLong, formatInstant, formatMonth, isoWeekday, type CivilDate } from "@/common/dates";
import type { AppRouter } from "@/server/root";
import Link from "next/link";
import { TableScroll } from "../table-scroll";
import { Alert, Badge, Button, ButtonLink } from "../ui";
import { messages } from "@/common/messages";
import { weekdayShort } from "./day-labels";
import { viewRange, type View } from "./range";
import { Recap, type Outcome } from "./recap";

type Planning = inferRouterOutputs<AppRouter>["reservations"]["planning"];
type PlanningActivity = Planning["activities"][number];
type Day = PlanningActivity["days"][number];
type Action = "book" | "cancel" | "waitlist";
interface Change {
  childId: string;
  activityId: string;
  date: CivilDate;
  action: Action;
}

export interface ChildTab {
  id: string;
  firstName: string;
}

const keyOf = (c: Pick<Change, "childId" | "activityId" | "date">) => `${c.childId}|${c.activityId}|${c.date}`;

/**
 * The planning: per child and activity, days to tick and untick. Nothing is decided here: the
 * server checks every change again and answers day by day.
 */
export function PlanningBoard({
  mode,
  kids,
  today,
  timeZone,
  basketHref,
  enrolHref,
}: {
  mode: "parent" | "staff";
  kids: ChildTab[];
  today: CivilDate;
  timeZone: string;
  /** Prepaid commune: where the parent pays for the days just added to the basket. */
  basketHref?: string;
  /** Where enrolments are asked for (parent) or decided (staff): the planning lists enrolled activities only. */
  enrolHref: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const recapRef = useRef<HTMLDivElement>(null);
  const [childId, setChildId] = useState(kids[0]?.id ?? "");
  const [view, setView] = useState<View>("month");
  // Most deadlines fall within a week: open where days can still be booked.
  const [anchor, setAnchor] = useState(() => addDays(today, 7));
  const [pending, setPending] = useState<Map<string, Change>>(new Map());
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [finished, setFinished] = useState(false);
  const [overrideReason, setOverrideReason] = useState("");
  const [names, setNames] = useState<Record<string, string>>({});

  // A phone opens on the week: a month grid is too dense at 375 px.
  useEffect(() => {
    if (window.matchMedia("(max-width: 640px)").matches) setView("week");
  }, []);

  const range = viewRange(view, anchor);
  const input = { childId, from: range.from, to: range.to };
  // Both hooks always run (rules of hooks); only the caller's own procedure is enabled.
  const parentPlanning = useQuery(trpc.reservations.planning.queryOptions(input, { enabled: mode === "parent" && Boolean(childId) }));
  const staffPlanning = useQuery(trpc.bookingsOnBehalf.planning.queryOptions(input, { enabled: mode === "staff" && Boolean(childId) }));
  const planning = mode === "parent" ? parentPlanning : staffPlanning;
  const parentApply = useMutation(trpc.reservations.applyChanges.mutationOptions());
  const staffApply = useMutation(trpc.bookingsOnBehalf.applyChanges.mutationOptions());
  const apply = mode === "parent" ? parentApply : staffApply;

  useEffect(() => {
    const data = planning.data;
    if (data) setNames((n) => ({ ...n, [data.child.id]: data.child.firstName, ...Object.fromEntries(data.activities.map((a) => [a.id, a.name])) }));
  }, [planning.data]);

  const staffOverride = mode === "staff" && overrideReason.trim().length > 0;

  // The recap replaces the button just pressed (at the foot of the screen): focus and show its top.
  useEffect(() => {
    if (finished) recapRef.current?.focus();
  }, [finished]);

  function toggle(activity: PlanningActivity, day: Day, waitlist = false) {
    const key = keyOf({ childId, activityId: activity.id, date: day.date });
    setPending((prev) => {
      const next = new Map(prev);
      if (next.has(key)) next.delete(key);
      else if (day.own) next.set(key, { childId, activityId: activity.id, date: day.date, action: "cancel" });
      else next.set(key, { childId, activityId: activity.id, date: day.date, action: waitlist ? "waitlist" : "book" });
      return next;
    });
  }

  // The server says per day what this caller may change, and what staff may change with a reason.
  const canToggle = (day: Day) => day.mayToggle || (staffOverride && day.mayToggleWithReason);

  function setWholePeriod(activity: PlanningActivity, on: boolean) {
    setPending((prev) => {
      const next = new Map(prev);
      for (const day of activity.days) {
        if (!day.runs || day.own || !day.bookable || day.full) continue;
        const change = { childId, activityId: activity.id, date: day.date, action: "book" as const };
        if (on) next.set(keyOf(change), change);
        else next.delete(keyOf(change));
      }
      return next;
    });
  }

  async function submit(onlyCurrentChild: boolean) {
    const changes = [...pending.values()].filter((c) => !onlyCurrentChild || c.childId === childId);
    if (changes.length === 0) {
      if (!onlyCurrentChild) setFinished(true);
      return;
    }
    const result =
      mode === "parent"
        ? await parentApply.mutateAsync({ changes })
        : await staffApply.mutateAsync({ changes, overrideReason: overrideReason.trim() || undefined });
    setOutcomes((o) => [...o, ...result]);
    setPending((prev) => {
      const next = new Map(prev);
      for (const c of changes) next.delete(keyOf(c));
      return next;
    });
    await queryClient.invalidateQueries({ queryKey: trpc.reservations.planning.queryKey().slice(0, 1) });
    await planning.refetch();
    // The header's "Panier (n)" counts the days held: the layout reads it again.
    if (result.some((o) => "held" in o && o.held)) router.refresh();
    if (!onlyCurrentChild) setFinished(true);
  }

  const pendingForChild = useMemo(() => [...pending.values()].filter((c) => c.childId === childId).length, [pending, childId]);

  if (kids.length === 0) return <Alert>Aucun enfant n&apos;est enregistré dans ce dossier.</Alert>;

  if (finished) {
    return (
      <div ref={recapRef} tabIndex={-1} className="scroll-mt-4 outline-none">
        <Recap outcomes={outcomes} names={names} />
        {basketHref && outcomes.some((o) => o.held) ? (
          <ButtonLink href={basketHref} className="mt-4 mr-2">
            Voir mon panier et payer
          </ButtonLink>
        ) : null}
        <Button
          className="mt-4"
          onClick={() => {
            setFinished(false);
            setOutcomes([]);
          }}
        >
          Revenir au planning
        </Button>
      </div>
    );
  }

  const columns = [1, 2, 3, 4, 5, 6, 7].filter((w) => w <= 5 || planning.data?.activities.some((a) => a.days.some((d) => d.runs && isoWeekday(d.date) === w)));

  return (
    <div className="pb-28">
      {kids.length > 1 ? (
        <div role="group" aria-label="Enfant" className="mb-4 flex flex-wrap gap-2">
          {kids.map((k) => (
            <button
              key={k.id}
              type="button"
              aria-pressed={k.id === childId}
              onClick={() => setChildId(k.id)}
              className="min-h-11 rounded-full border border-slate-300 bg-white px-4 text-sm font-semibold text-slate-800 aria-pressed:border-brand-700 aria-pressed:bg-brand-700 aria-pressed:text-white"
            >
              {k.firstName}
              {[...pending.values()].some((c) => c.childId === k.id) ? " •" : ""}
            </button>
          ))}
        </div>
      ) : null}

      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <Button variant="secondary" onClick={() => setAnchor(range.prev)} aria-label="Période précédente">
            ‹
          </Button>
          <h2 className="min-w-44 text-center text-lg font-semibold" aria-live="polite">
            {view === "month" ? formatMonth(range.from.slice(0, 7)) : `${view === "week" ? "Semaine" : "Quinzaine"} du ${formatDayLong(range.from).replace(/^\S+ /, "")}`}
          </h2>
          <Button variant="secondary" onClick={() => setAnchor(range.next)} aria-label="Période suivante">
            ›
          </Button>
        </div>
        <div role="group" aria-label="Affichage" className="flex rounded-lg border border-slate-300 bg-white p-0.5">
          {(
            [
              ["month", "Mois"],
              ["fortnight", "Quinzaine"],
              ["week", "Semaine"],
            ] as const
          ).map(([v, label]) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)} className="min-h-10 rounded-md px-3 text-sm font-medium text-slate-700 aria-pressed:bg-brand-700 aria-pressed:text-white">
              {label}
            </button>
          ))}
        </div>
      </div>

      {mode === "staff" ? (
        <div className="mb-4 max-w-xl">
          <label htmlFor="motif-derogation" className="mb-1 block text-sm font-medium">
            Motif de dérogation (pour réserver ou annuler après le délai)
          </label>
          <input id="motif-derogation" value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} className="block min-h-11 w-full rounded-lg border border-slate-300 px-3" />
        </div>
      ) : null}

      {planning.isPending ? <p className="text-slate-600">Chargement du planning…</p> : null}
      {planning.error ? <Alert tone="error">{planning.error.message}</Alert> : null}
      {apply.error ? <Alert tone="error">{formError(apply.error) ?? apply.error.message}</Alert> : null}
      {planning.data && planning.data.activities.length === 0 ? (
        <div role="status" className="mb-4 rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
          <p>
            {planning.data.child.firstName} n&apos;est inscrit(e) à aucune activité pour cette période : seules les activités où l&apos;enfant est inscrit
            apparaissent ici.
          </p>
          <ButtonLink href={enrolHref} className="mt-2">
            {mode === "parent" ? "Demander une inscription" : "Voir les demandes d'inscription"}
          </ButtonLink>
        </div>
      ) : null}

      {planning.data?.activities.map((activity) => {
        const open = activity.days.filter((d) => d.runs && !d.own && d.bookable && !d.full);
        const allTicked = open.length > 0 && open.every((d) => pending.has(keyOf({ childId, activityId: activity.id, date: d.date })));
        const weeks = groupWeeks(activity.days.filter((d) => d.runs || view === "week"));
        return (
          <section key={activity.id} aria-labelledby={`act-${activity.id}`} className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
            <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
              <div>
                <h3 id={`act-${activity.id}`} className="text-lg font-semibold">
                  {activity.name}
                </h3>
                <p className="text-sm text-slate-600">
                  {activity.siteName} · réservation {activity.bookingRuleText} ·{" "}
                  {/* "annulation en ligne impossible" already says what it is about. */}
                  {activity.cancelRuleText.startsWith("annulation") ? activity.cancelRuleText : `annulation ${activity.cancelRuleText}`}
                </p>
                {activity.enrolment === "pending" ? (
                  <p className="mt-1 text-sm text-amber-900">
                    <Badge tone="warning">Inscription en attente</Badge> La mairie n&apos;a pas encore validé l&apos;inscription : les jours seront réservables dès
                    qu&apos;elle l&apos;aura acceptée.
                  </p>
                ) : null}
              </div>
              {open.length > 0 ? (
                <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
                  <input type="checkbox" className="size-5 accent-brand-700" checked={allTicked} onChange={(e) => setWholePeriod(activity, e.target.checked)} />
                  {view === "month" ? "Tout le mois" : "Toute la période"}
                </label>
              ) : null}
            </div>
            {view === "week" ? (
              <ul className="divide-y divide-slate-100">
                {activity.days
                  .filter((d) => d.runs)
                  .map((day) => (
                    <li key={day.date} className="flex items-center justify-between gap-3 py-2">
                      <span className="text-sm font-medium first-letter:uppercase">{formatDayLong(day.date)}</span>
                      <DayCell day={day} activity={activity} pending={pending.get(keyOf({ childId, activityId: activity.id, date: day.date }))} enabled={canToggle(day)} onToggle={toggle} timeZone={timeZone} wide />
                    </li>
                  ))}
                {activity.days.every((d) => !d.runs) ? <li className="py-2 text-sm text-slate-600">Pas d&apos;accueil cette semaine.</li> : null}
              </ul>
            ) : (
              <TableScroll label={`${activity.name} : jours de ${formatMonth(range.from.slice(0, 7))}`}>
                <table className="w-full table-fixed border-separate border-spacing-0.5 text-sm sm:border-spacing-1">
                  <caption className="sr-only">
                    {activity.name} : jours de {formatMonth(range.from.slice(0, 7))}
                  </caption>
                  <thead>
                    <tr>
                      {columns.map((w) => (
                        <th key={w} scope="col" className="py-1 text-xs font-medium uppercase text-slate-600">
                          {weekdayShort[w - 1]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {weeks.map((week) => (
                      <tr key={week[0]!.date}>
                        {columns.map((w) => {
                          const day = week.find((d) => isoWeekday(d.date) === w);
                          return (
                            <td key={w} className="align-top">
                              {day && day.runs ? (
                                <DayCell day={day} activity={activity} pending={pending.get(keyOf({ childId, activityId: activity.id, date: day.date }))} enabled={canToggle(day)} onToggle={toggle} timeZone={timeZone} />
                              ) : null}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
        );
      })}

      {planning.data && planning.data.activities.length > 0 ? (
        <p className="mb-6 text-sm text-slate-700">
          {mode === "parent" ? "Une autre activité n'apparaît pas ? Seules celles où l'enfant est inscrit sont listées : " : "Seules les activités où l'enfant est inscrit sont listées : "}
          <Link href={enrolHref} className="font-semibold text-brand-700 underline">
            {mode === "parent" ? "demander une inscription" : "demandes d'inscription"}
          </Link>
          .
        </p>
      ) : null}

      <div className="fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white/95 py-3 shadow-lg backdrop-blur">
        {/* Same width and padding as the page (Main): the buttons line up with the planning above. */}
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 sm:px-6">
          <p className="text-sm text-slate-700" aria-live="polite">
            {pending.size === 0 ? "Aucune modification en cours" : `${pending.size} modification${pending.size > 1 ? "s" : ""} à valider`}
          </p>
          <div className="flex gap-2">
            <Button variant="secondary" disabled={apply.isPending || pendingForChild === 0} onClick={() => void submit(true)}>
              Valider{kids.length > 1 ? ` pour ${kids.find((k) => k.id === childId)?.firstName ?? ""}` : ""}
            </Button>
            <Button disabled={apply.isPending || (pending.size === 0 && outcomes.length === 0)} onClick={() => void submit(false)}>
              Valider et terminer
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}

function groupWeeks(days: Day[]): Day[][] {
  const weeks: Day[][] = [];
  for (const day of days) {
    const last = weeks.at(-1);
    if (last && isoWeekday(day.date) > isoWeekday(last.at(-1)!.date)) last.push(day);
    else weeks.push([day]);
  }
  return weeks;
}

function DayCell({
  day,
  activity,
  pending,
  enabled,
  onToggle,
  timeZone,
  wide = false,
}: {
  day: Day;
  activity: PlanningActivity;
  pending: Change | undefined;
  enabled: boolean;
  onToggle: (a: PlanningActivity, d: Day, waitlist?: boolean) => void;
  timeZone: string;
  wide?: boolean;
}) {
  const places = day.remaining !== null && !day.own ? `${day.remaining} place${day.remaining > 1 ? "s" : ""}` : "";
  // A month grid cell is about 55 px wide on a phone: small type, and a long word may break rather than overflow.
  const base = `flex flex-col items-center justify-center rounded-lg border text-center ${wide ? "min-h-11 w-40 shrink-0 px-3 py-1" : "min-h-16 w-full px-0 py-1 break-words sm:px-1"}`;
  const labelClass = wide ? "text-xs font-semibold" : "max-w-full text-[11px] font-semibold leading-tight sm:text-xs";
  // The accessible name is the day and activity (read only by screen readers), then the visible
  // text, then details: what is seen is always part of what is heard.
  const content = (visible: ReactNode, details = "") => (
    <>
      <span className="sr-only">{`${formatDayLong(day.date)}, ${activity.name} : `}</span>
      {!wide ? <span className="font-semibold">{Number(day.date.slice(8))}</span> : null}
      {visible}
      {details ? <span className="sr-only">{`, ${details}`}</span> : null}
    </>
  );

  if (day.own && !pending) {
    const waiting = day.own.status === "waitlisted";
    const cancelInfo = day.canCancel ? (day.cancelDeadline ? `annulable jusqu'au ${formatInstant(day.cancelDeadline, timeZone)}` : "annulable") : "non annulable en ligne";
    return (
      <button
        type="button"
        disabled={!enabled}
        aria-pressed="true"
        title={cancelInfo}
        onClick={() => onToggle(activity, day)}
        className={`${base} ${waiting ? "border-amber-400 bg-amber-50 text-amber-900" : "border-emerald-700 bg-emerald-700 text-white"} disabled:cursor-default`}
      >
        {content(
          <span className={labelClass}>
            {waiting ? `Liste d'attente${day.own.waitlistRank ? ` (${day.own.waitlistRank === 1 ? "1er" : `${day.own.waitlistRank}e`})` : ""}` : day.own.status === "held" ? (wide ? "Dans le panier" : "Panier") : "✓ Réservé"}
          </span>,
          cancelInfo,
        )}
      </button>
    );
  }
  if (pending) {
    const label = pending.action === "cancel" ? "À annuler" : pending.action === "waitlist" ? (wide ? "Liste d'attente demandée" : "En attente") : "À réserver";
    return (
      <button
        type="button"
        aria-pressed={pending.action !== "cancel"}
        onClick={() => onToggle(activity, day)}
        className={`${base} border-2 border-dashed ${pending.action === "cancel" ? "border-red-600 bg-red-50 text-red-800" : "border-brand-700 bg-brand-50 text-brand-800"}`}
      >
        {content(<span className={labelClass}>{label}</span>, "appuyer à nouveau pour revenir en arrière")}
      </button>
    );
  }
  if (enabled && day.full) {
    return (
      <button
        type="button"
        aria-pressed="false"
        onClick={() => onToggle(activity, day, true)}
        className={`${base} border-amber-400 bg-white text-amber-900 hover:bg-amber-50`}
      >
        {content(
          <>
            <span className={labelClass}>Complet</span>
            <span className="text-[11px] leading-tight underline">Liste d&apos;attente</span>
          </>,
          "rejoindre la liste d'attente",
        )}
      </button>
    );
  }
  if (enabled) {
    const deadline = `réservable jusqu'au ${formatInstant(day.bookingDeadline, timeZone)}`;
    return (
      <button
        type="button"
        aria-pressed="false"
        title={deadline}
        onClick={() => onToggle(activity, day)}
        className={`${base} border-slate-300 bg-white text-slate-800 hover:border-brand-700 hover:bg-brand-50`}
      >
        {content(
          <>
            <span className="text-xs text-slate-600">{wide ? "Réserver" : places || "Libre"}</span>
            {wide && places ? <span className="text-xs text-slate-600">{places}</span> : null}
          </>,
          deadline,
        )}
      </button>
    );
  }
  return (
    <div className={`${base} border-slate-200 bg-slate-100 text-slate-600`} title={day.reasonText}>
      {!wide ? <span className="font-semibold text-slate-700">{Number(day.date.slice(8))}</span> : null}
      <span className="text-[11px] leading-tight" aria-hidden={!wide}>
        {wide ? day.reasonText : day.reason ? messages.booking.shortReasons[day.reason] : ""}
      </span>
      {!wide ? <span className="sr-only">{`${formatDayLong(day.date)} : ${day.reasonText}`}</span> : null}
    </div>
  );
}
