import { Badge } from "@/app/_components/ui";
import { formatDayLong, formatInstant } from "@/common/dates";

interface OverrideEvent {
  bookingId: string;
  kind: "booking" | "cancellation";
  date: string;
  childFirstName: string;
  activityName: string;
  reason: string;
  at: Date;
  by: string | null;
}

const kinds = { booking: "Réservation hors délai", cancellation: "Annulation par la mairie" } as const;

/** Staff exceptions to the family's rules: what, for whom, why, who and when. */
export function OverridesList({ events, timeZone }: { events: OverrideEvent[]; timeZone: string }) {
  if (!events.length) return <p className="text-sm text-slate-600">Aucune réservation ni annulation faite par dérogation.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {events.map((e) => (
        <li key={`${e.bookingId}-${e.kind}`} className="py-3">
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone={e.kind === "booking" ? "warning" : "neutral"}>{kinds[e.kind]}</Badge>
            <span className="font-medium">
              {e.childFirstName} · {e.activityName} · <span className="first-letter:uppercase">{formatDayLong(e.date)}</span>
            </span>
          </p>
          <p className="mt-1 text-slate-800">Motif : {e.reason}</p>
          <p className="text-xs text-slate-600">
            {e.by ?? "Compte supprimé"}, le {formatInstant(e.at, timeZone)}
          </p>
        </li>
      ))}
    </ul>
  );
}
