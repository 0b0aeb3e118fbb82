"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useParams, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert, Badge, Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";
import { storedFileUrl } from "@/common/files";
import { messages } from "@/common/messages";
import type { AppRouter } from "@/server/root";

type DailyList = inferRouterOutputs<AppRouter>["attendance"]["dailyList"];
type Activity = DailyList["activities"][number];
type Child = Activity["expected"][number];
type Status = NonNullable<Child["status"]>;

const bookedStatuses = ["present", "absent", "excused"] as const;
const statusStyles: Record<Status, string> = {
  present: "aria-pressed:border-emerald-700 aria-pressed:bg-emerald-700 aria-pressed:text-white",
  absent: "aria-pressed:border-red-700 aria-pressed:bg-red-700 aria-pressed:text-white",
  excused: "aria-pressed:border-amber-600 aria-pressed:bg-amber-600 aria-pressed:text-white",
  unbooked_present: "aria-pressed:border-sky-700 aria-pressed:bg-sky-700 aria-pressed:text-white",
};
const dietLabels = messages.attendance.diets;

function initials(child: Pick<Child, "firstName" | "lastName">) {
  return `${child.firstName.charAt(0)}${child.lastName.charAt(0)}`.toUpperCase();
}

function Photo({ child }: { child: Child }) {
  const { commune } = useParams<{ commune: string }>();
  if (child.photoFileId) {
    // A small stored picture, served by our checked route: nothing for next/image to optimise.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={storedFileUrl(commune, child.photoFileId)} alt={`Photo de ${child.firstName} ${child.lastName}`} width={64} height={64} className="h-16 w-16 shrink-0 rounded-full object-cover" />;
  }
  return (
    <span aria-hidden="true" className="flex h-16 w-16 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xl font-bold text-brand-800">
      {initials(child)}
    </span>
  );
}

function ChildCard({
  child,
  status,
  canMark,
  busy,
  onMark,
}: {
  child: Child;
  status: Status | null;
  canMark: boolean;
  busy: boolean;
  onMark: (status: Status | null) => void;
}) {
  const name = `${child.firstName} ${child.lastName}`;
  const choices: readonly Status[] = child.bookingId ? bookedStatuses : ["unbooked_present"];
  const health = child.hasPai || Boolean(child.allergies?.trim());
  return (
    <li className={`rounded-xl border bg-white p-4 shadow-sm ${health ? "border-red-300" : "border-slate-200"}`}>
      {health ? (
        <p className="mb-3 flex flex-wrap gap-2" aria-label={`Santé de ${child.firstName}`}>
          {child.hasPai ? <span className="rounded-md bg-red-700 px-2.5 py-1 text-sm font-bold text-white">PAI</span> : null}
          {child.allergies?.trim() ? <span className="rounded-md bg-red-700 px-2.5 py-1 text-sm font-bold text-white">Allergies : {child.allergies}</span> : null}
        </p>
      ) : null}
      <div className="flex items-start gap-3">
        <Photo child={child} />
        <div className="min-w-0">
          <h3 className="text-lg font-semibold leading-tight text-slate-900">{name}</h3>
          <p className="text-sm text-slate-700">
            {child.classLevel ?? "Classe non renseignée"}
            {child.school ? ` · ${child.school}` : ""}
          </p>
          <p className="mt-1 flex flex-wrap gap-1.5">
            {child.diet !== "standard" ? <Badge tone="warning">Repas {dietLabels[child.diet].toLowerCase()}</Badge> : null}
            {!child.bookingId ? <Badge>Sans réservation</Badge> : null}
            {child.absenceReport ? (
              <Badge tone={child.absenceReport === "accepted" ? "success" : child.absenceReport === "rejected" ? "danger" : "neutral"}>
                Absence signalée : {messages.absences.statuses[child.absenceReport].toLowerCase()}
              </Badge>
            ) : null}
          </p>
        </div>
      </div>
      <div className="mt-3 text-sm">
        <p className="font-medium text-slate-800">Responsables légaux :</p>
        {child.guardians.length ? (
          <ul className="mt-1 space-y-1">
            {child.guardians.map((g) => (
              <li key={`${g.name}-${g.phone}`}>
                {g.name}
                {" · "}
                <a href={`tel:${g.phone.replace(/[\s.-]+/g, "")}`} className="inline-block py-1 font-medium text-brand-700 underline underline-offset-2" aria-label={`Appeler ${g.name} au ${g.phone}`}>
                  {g.phone}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">Aucun téléphone au dossier.</p>
        )}
        <p className="mt-2 font-medium text-slate-800">Personnes autorisées à venir le chercher :</p>
        {child.pickups.length ? (
          <ul className="mt-1 space-y-1">
            {child.pickups.map((p) => (
              <li key={`${p.name}-${p.phone}`}>
                {p.name}
                {p.relationship ? ` (${p.relationship})` : ""}
                {p.phone ? (
                  <>
                    {" · "}
                    <a href={`tel:${p.phone.replace(/\s+/g, "")}`} className="inline-block py-1 font-medium text-brand-700 underline underline-offset-2">
                      {p.phone}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">Responsables légaux uniquement.</p>
        )}
      </div>
      <div role="group" aria-label={`Pointage de ${name}`} className={`mt-4 grid gap-2 ${choices.length > 1 ? "grid-cols-3" : "grid-cols-1"}`}>
        {choices.map((choice) => (
          <button
            key={choice}
            type="button"
            aria-pressed={status === choice}
            disabled={!canMark || busy}
            onClick={() => onMark(status === choice ? null : choice)}
            className={`min-h-12 rounded-lg border-2 border-slate-300 bg-white px-2 text-sm font-semibold text-slate-800 disabled:cursor-not-allowed disabled:opacity-60 ${statusStyles[choice]}`}
          >
            {messages.attendance.statuses[choice]}
          </button>
        ))}
      </div>
    </li>
  );
}

function AddUnbooked({ activityId, date, onAdded }: { activityId: string; date: string; onAdded: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [childId, setChildId] = useState("");
  const candidates = useQuery(trpc.attendance.enrolledNotBooked.queryOptions({ activityId, date }, { enabled: open }));
  const mark = useMutation({
    ...trpc.attendance.mark.mutationOptions(),
    onSuccess: () => {
      setChildId("");
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: trpc.attendance.enrolledNotBooked.queryKey({ activityId, date }) });
      onAdded();
    },
  });
  if (!open) {
    return (
      <Button variant="secondary" className="min-h-12 w-full sm:w-auto" onClick={() => setOpen(true)}>
        + Présent sans réservation
      </Button>
    );
  }
  const selectId = `sans-resa-${activityId}`;
  return (
    <form
      className="rounded-xl border border-slate-200 bg-slate-50 p-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (childId) mark.mutate({ activityId, date, childId, status: "unbooked_present" });
      }}
    >
      <label htmlFor={selectId} className="mb-1 block text-sm font-medium">
        Enfant inscrit, sans réservation ce jour (la présence sera facturée)
      </label>
      {candidates.isLoading ? <p className="text-sm text-slate-600">Chargement…</p> : null}
      {candidates.data && candidates.data.length === 0 ? <p className="text-sm text-slate-600">Tous les enfants inscrits sont déjà sur la liste.</p> : null}
      {candidates.data?.length ? (
        <select id={selectId} value={childId} onChange={(e) => setChildId(e.target.value)} className="mb-3 block min-h-12 w-full rounded-lg border border-slate-500 bg-white px-3 text-base">
          <option value="">Choisir un enfant…</option>
          {candidates.data.map((c) => (
            <option key={c.childId} value={c.childId}>
              {c.lastName} {c.firstName}
              {c.classLevel ? ` (${c.classLevel})` : ""}
              {c.hasPai ? " · PAI" : ""}
              {c.allergies ? ` · allergie : ${c.allergies}` : ""}
            </option>
          ))}
        </select>
      ) : null}
      {mark.error ? <Alert tone="error">{mark.error.message}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" className="min-h-12" disabled={!childId || mark.isPending}>
          Ajouter comme présent
        </Button>
        <Button type="button" variant="secondary" className="min-h-12" onClick={() => setOpen(false)}>
          Fermer
        </Button>
      </div>
    </form>
  );
}

/** One activity of the day: counts, a card per child, and the pointage buttons (the server checks every mark). */
export function AttendanceBoard({ activity, date, canMark }: { activity: Activity; date: string; canMark: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  // What the agent just tapped, shown at once; once saved, the refreshed list from the server replaces it.
  const [overrides, setOverrides] = useState<Record<string, { status: Status | null; saved: boolean }>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setOverrides((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => !v.saved))), [activity]);
  const mark = useMutation(trpc.attendance.mark.mutationOptions());
  const unmark = useMutation(trpc.attendance.unmark.mutationOptions());

  const statusOf = (c: Child) => (c.childId in overrides ? overrides[c.childId]!.status : c.status);
  const all = [...activity.expected, ...activity.others];
  const count = (s: Status) => all.filter((c) => statusOf(c) === s).length;
  const present = count("present") + count("unbooked_present");
  const unmarked = activity.expected.filter((c) => statusOf(c) === null).length;

  async function onMark(child: Child, status: Status | null) {
    setError(null);
    setBusy(child.childId);
    setOverrides((o) => ({ ...o, [child.childId]: { status, saved: false } }));
    const key = { activityId: activity.id, date, childId: child.childId };
    try {
      if (status === null) await unmark.mutateAsync(key);
      else await mark.mutateAsync({ ...key, status });
      setOverrides((o) => ({ ...o, [child.childId]: { status, saved: true } }));
      router.refresh();
    } catch (e) {
      setOverrides((o) => {
        const { [child.childId]: _dropped, ...rest } = o;
        return rest;
      });
      setError(`${child.firstName} : ${e instanceof Error ? e.message : "le pointage n'a pas été enregistré."}`);
    } finally {
      setBusy(null);
    }
  }

  const headingId = `activite-${activity.id}`;
  return (
    <section aria-labelledby={headingId}>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-xl font-bold text-slate-900">
          {activity.name}
        </h2>
        <p className="text-base font-semibold text-slate-800" aria-live="polite">
          {activity.expected.length} attendu{activity.expected.length > 1 ? "s" : ""} · {present} présent{present > 1 ? "s" : ""}
          {count("absent") ? ` · ${count("absent")} absent${count("absent") > 1 ? "s" : ""}` : ""}
          {count("excused") ? ` · ${count("excused")} excusé${count("excused") > 1 ? "s" : ""}` : ""}
          {count("unbooked_present") ? ` · dont ${count("unbooked_present")} sans réservation` : ""}
          {canMark && unmarked ? ` · ${unmarked} à pointer` : ""}
        </p>
      </div>
      {!activity.runs && activity.closedReason ? <Alert tone="warning">Activité normalement fermée ce jour : {activity.closedReason}.</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {all.length === 0 ? <p className="mb-3 text-sm text-slate-600">Aucun enfant réservé.</p> : null}
      <ul className="mb-4 grid gap-4 sm:grid-cols-2">
        {all.map((child) => (
          <ChildCard key={child.childId} child={child} status={statusOf(child)} canMark={canMark} busy={busy === child.childId} onMark={(s) => onMark(child, s)} />
        ))}
      </ul>
      {canMark ? <AddUnbooked activityId={activity.id} date={date} onAdded={() => router.refresh()} /> : null}
    </section>
  );
}
