"use client";
import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ClosureConfirm } from "@/app/_components/closure-confirm";
import { Alert, Badge, Button, Field, numberOrNull } from "@/app/_components/ui";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDayLong } from "@/common/dates";
import { messages } from "@/common/messages";
import type { AppRouter } from "@/server/root";

type CapacityDay = inferRouterOutputs<AppRouter>["activities"]["capacityByDay"]["days"][number];

const statusLabels: Record<CapacityDay["status"], string> = {
  open: "Ouvert",
  closed: "Fermé (réglage du jour)",
  outside_year: "Hors année scolaire",
  public_holiday: "Jour férié",
  school_holiday: "Vacances scolaires",
  term_time: "Hors vacances scolaires",
  closure: "Fermeture",
};

const places = (n: number | null) => (n === null ? "illimitée" : String(n));

/** Each day of the month the activity would run: places taken against capacity, and the day's own setting. */
export function CapacityTable({
  activityId,
  days,
  defaultCapacity,
  canEdit,
  caption,
}: {
  activityId: string;
  days: CapacityDay[];
  defaultCapacity: number | null;
  canEdit: boolean;
  caption: string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const columns = canEdit ? 3 : 2;
  if (!days.length) return <p className="text-sm text-slate-600">L&apos;activité ne fonctionne aucun jour ce mois-ci.</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Jour et état
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Places prises / capacité
            </th>
            {canEdit ? (
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {days.map((day) => (
            <DayRow
              key={day.date}
              activityId={activityId}
              day={day}
              defaultCapacity={defaultCapacity}
              canEdit={canEdit}
              editing={editing === day.date}
              columns={columns}
              onEdit={setEditing}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DayRow({
  activityId,
  day,
  defaultCapacity,
  canEdit,
  editing,
  columns,
  onEdit,
}: {
  activityId: string;
  day: CapacityDay;
  defaultCapacity: number | null;
  canEdit: boolean;
  editing: boolean;
  columns: number;
  onEdit: (date: string | null) => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const runs = day.status === "open" || day.status === "closed";
  const over = day.effectiveCapacity !== null && day.taken > day.effectiveCapacity;
  const full = day.effectiveCapacity !== null && day.taken >= day.effectiveCapacity;
  const label = formatDayLong(day.date);
  const close = () => {
    onEdit(null);
    requestAnimationFrame(() => button.current?.focus());
  };
  return (
    <>
      <tr className={runs ? undefined : "text-slate-500"}>
        <th scope="row" className="py-3 pr-3 font-medium">
          <span className="block first-letter:uppercase">{label}</span>
          <span className="mt-1 block font-normal">
            {day.status === "open" ? (
              over ? (
                <Badge tone="danger">Dépassée</Badge>
              ) : full ? (
                <Badge tone="warning">Complet</Badge>
              ) : (
                <Badge tone="success">Ouvert</Badge>
              )
            ) : day.status === "closed" ? (
              <Badge tone="danger">Fermé</Badge>
            ) : (
              <span>
                {statusLabels[day.status]}
                {day.detail ? ` : ${day.detail}` : ""}
              </span>
            )}
          </span>
        </th>
        <td className="py-3 pr-3">
          <span className="whitespace-nowrap">
            {day.taken} / {places(day.effectiveCapacity)}
          </span>
          {day.override?.capacity !== null && day.override?.capacity !== undefined ? (
            <span className="block text-xs text-slate-600">capacité du jour (activité : {places(defaultCapacity)})</span>
          ) : null}
          {day.waitlisted ? <span className="block text-xs text-slate-600">{day.waitlisted} en liste d&apos;attente</span> : null}
        </td>
        {canEdit ? (
          <td className="py-3 text-right">
            {runs ? (
              <Button
                ref={button}
                type="button"
                variant="secondary"
                className="min-h-9 px-3 py-1"
                aria-expanded={editing}
                onClick={() => onEdit(editing ? null : day.date)}
              >
                Modifier<span className="sr-only"> le {label}</span>
              </Button>
            ) : null}
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr>
          <td colSpan={columns} className="bg-slate-50 px-3 pt-4 pb-2">
            <DayOverrideForm activityId={activityId} day={day} defaultCapacity={defaultCapacity} label={label} onDone={close} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function DayOverrideForm({
  activityId,
  day,
  defaultCapacity,
  label,
  onDone,
}: {
  activityId: string;
  day: CapacityDay;
  defaultCapacity: number | null;
  label: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [capacity, setCapacity] = useState(day.override?.capacity === null || !day.override ? "" : String(day.override.capacity));
  const [closed, setClosed] = useState(day.override?.closed ?? false);
  const [result, setResult] = useState<{ tone: "success" | "warning"; text: string } | null>(null);
  // Closing a booked day waits for the admin to confirm, in the panel the calendar page uses.
  const [confirming, setConfirming] = useState<{ capacity: number | null; closed: boolean } | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const mutation = useMutation(trpc.activities.setDayOverride.mutationOptions());
  const errors = fieldErrors(mutation.error);
  const id = `jour-${day.date}`;
  const impact = { bookings: day.taken, waitlisted: day.waitlisted };
  const save = (values: { capacity: number | null; closed: boolean }) => {
    setResult(null);
    mutation.mutate(
      { activityId, date: day.date, ...values },
      {
        onSuccess: (r) => {
          setConfirming(null);
          const promoted = r.promoted ? ` ${r.promoted} enfant${r.promoted > 1 ? "s passent" : " passe"} de la liste d'attente à réservé.` : "";
          if (r.closed) setResult({ tone: "success", text: messages.activities.closedCancelled(r.cancelled) });
          else setResult(r.warning ? { tone: "warning", text: r.warning + promoted } : { tone: "success", text: `Enregistré.${promoted}` });
          router.refresh();
        },
      },
    );
  };
  const saveOrConfirm = (values: { capacity: number | null; closed: boolean }) => {
    if (values.closed && !day.override?.closed && impact.bookings + impact.waitlisted > 0) setConfirming(values);
    else save(values);
  };
  const back = () => {
    setConfirming(null);
    requestAnimationFrame(() => submitRef.current?.focus());
  };
  return (
    <form
      noValidate
      aria-label={`Capacité du ${label}`}
      onSubmit={(event) => {
        event.preventDefault();
        saveOrConfirm({ capacity: numberOrNull(capacity), closed });
      }}
    >
      {result ? <Alert tone={result.tone}>{result.text}</Alert> : null}
      {formError(mutation.error) ? <Alert tone="error">{formError(mutation.error)}</Alert> : null}
      {errors.date ? <Alert tone="error">{errors.date}</Alert> : null}
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <Field
          id={`${id}-capacite`}
          label={`Places le ${label}`}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          hint={`Vide : capacité de l'activité (${places(defaultCapacity)}). Une capacité inférieure aux places prises garde les réservations existantes mais n'en accepte plus de nouvelles.`}
          error={errors.capacity}
        />
        <label className="mb-4 flex min-h-11 items-center gap-2 self-end text-sm text-slate-800">
          <input type="checkbox" className="size-4" checked={closed} onChange={(e) => setClosed(e.target.checked)} />
          Fermer ce jour (aucune réservation possible)
        </label>
      </div>
      {confirming ? (
        <ClosureConfirm
          impact={impact}
          text={messages.activities.closeConfirm(impact.bookings, impact.waitlisted)}
          confirmLabel="Fermer ce jour et annuler ces réservations"
          pending={mutation.isPending}
          onConfirm={() => save(confirming)}
          onCancel={back}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button ref={submitRef} type="submit" disabled={mutation.isPending}>
            Enregistrer
          </Button>
          {day.override ? (
            <Button
              type="button"
              variant="secondary"
              disabled={mutation.isPending}
              onClick={() => {
                setCapacity("");
                setClosed(false);
                save({ capacity: null, closed: false });
              }}
            >
              Revenir au réglage de l&apos;activité
            </Button>
          ) : null}
          <Button type="button" variant="secondary" onClick={onDone}>
            Fermer
          </Button>
        </div>
      )}
    </form>
  );
}
