"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { addDays, formatDayLong, formatMonth, isoWeekday, type CivilDate } from "@/common/dates";
import { Alert, Badge, Button, ButtonLink } from "../ui";
import { MonthGrid, WeekList } from "./month-grid";
import { viewRange, type View } from "./range";
import { BasketSummary } from "./basket-summary";
import { Recap } from "./recap";
import { usePlanningChanges } from "./use-planning-changes";
import { ValidationBar } from "./validation-bar";

export interface ChildTab {
  id: string;
  firstName: string;
}

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
  const recapRef = useRef<HTMLDivElement>(null);
  const [childId, setChildId] = useState(kids[0]?.id ?? "");
  const [view, setView] = useState<View>("month");
  // Most deadlines fall within a week: open where days can still be booked.
  const [anchor, setAnchor] = useState(() => addDays(today, 7));
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
  const changes = usePlanningChanges({ mode, childId, refetch: planning.refetch });
  const { pending, outcomes, finished, apply } = changes;

  useEffect(() => {
    const data = planning.data;
    if (data) setNames((n) => ({ ...n, [data.child.id]: data.child.firstName, ...Object.fromEntries(data.activities.map((a) => [a.id, a.name])) }));
  }, [planning.data]);

  // The recap replaces the button just pressed (at the foot of the screen): focus and show its top.
  useEffect(() => {
    if (finished) recapRef.current?.focus();
  }, [finished]);

  if (kids.length === 0) return <Alert>Aucun enfant n&apos;est enregistré dans ce dossier.</Alert>;

  if (finished) {
    return (
      <div ref={recapRef} tabIndex={-1} className="scroll-mt-4 outline-none">
        <Recap outcomes={outcomes} names={names} />
        {basketHref && mode === "parent" && outcomes.some((o) => o.held) ? <BasketSummary /> : null}
        {basketHref && outcomes.some((o) => o.held) ? (
          <ButtonLink href={basketHref} className="mt-4 mr-2">
            Voir mon panier et payer
          </ButtonLink>
        ) : null}
        <Button
          className="mt-4"
          onClick={changes.startOver}
        >
          Revenir au planning
        </Button>
      </div>
    );
  }

  const columns = [1, 2, 3, 4, 5, 6, 7].filter((w) => w <= 5 || planning.data?.activities.some((a) => a.days.some((d) => d.runs && isoWeekday(d.date) === w)));

  const barShown = pending.size > 0 || outcomes.length > 0;
  return (
    <div className={barShown ? "pb-32" : ""}>
      {kids.length === 1 ? <h2 className="mb-4 text-xl font-semibold">Réservations de {kids[0]!.firstName}</h2> : null}
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
          <input id="motif-derogation" value={changes.overrideReason} onChange={(e) => changes.setOverrideReason(e.target.value)} className="block min-h-11 w-full rounded-lg border border-slate-500 px-3" />
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
        const allTicked = open.length > 0 && open.every((d) => changes.pendingFor(activity.id, d.date) !== undefined);
        const days = { activity, pendingFor: changes.pendingFor, canToggle: changes.canToggle, onToggle: changes.toggle, timeZone };
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
                  <input type="checkbox" className="size-5 accent-brand-700" checked={allTicked} onChange={(e) => changes.setWholePeriod(activity, e.target.checked)} />
                  {view === "month" ? "Tout le mois" : "Toute la période"}
                </label>
              ) : null}
            </div>
            {view === "week" ? <WeekList {...days} /> : <MonthGrid {...days} columns={columns} monthStart={range.from} />}
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

      <ValidationBar
        pendingCount={pending.size}
        pendingForChild={changes.pendingForChild}
        pendingTotal={changes.pendingTotal}
        childName={kids.length > 1 ? (kids.find((k) => k.id === childId)?.firstName ?? "") : null}
        busy={apply.isPending}
        anythingDone={outcomes.length > 0}
        onSubmit={(onlyCurrentChild) => void changes.submit(onlyCurrentChild)}
      />
    </div>
  );
}
