import type { RequestDetail } from "@/server/domain/requests/requests";
import { formatInstant } from "@/common/dates";

const sideLabel = { family: "Famille", staff: "Mairie", system: "Récré" } as const;

/** A request's thread and history, oldest first: messages as bubbles, other steps as a line. */
export function RequestThread({ detail, viewer, timeZone }: { detail: RequestDetail; viewer: "family" | "staff"; timeZone: string }) {
  return (
    <ol className="space-y-3" aria-label="Échanges et historique">
      {detail.events.map((e) => {
        if (e.kind !== "message") {
          return (
            <li key={e.id} className="text-sm text-slate-600">
              <span className="font-medium text-slate-800">{e.body}</span> — {formatInstant(e.at, timeZone)}
              {e.author && viewer === "staff" ? ` (${e.author})` : ""}
            </li>
          );
        }
        const mine = e.side === viewer;
        return (
          <li key={e.id} className={`max-w-[90%] rounded-xl border p-3 text-sm ${mine ? "ml-auto border-brand-200 bg-brand-50" : "border-slate-200 bg-white"}`}>
            <p className="mb-1 text-xs text-slate-600">
              <span className="font-semibold text-slate-800">{e.side === "staff" && viewer === "staff" && e.author ? e.author : sideLabel[e.side]}</span> ·{" "}
              {formatInstant(e.at, timeZone)}
            </p>
            {e.body ? <p className="whitespace-pre-line text-slate-900">{e.body}</p> : null}
            {e.files.length ? (
              <ul className="mt-2 space-y-1">
                {e.files.map((f) => (
                  <li key={f.id}>
                    <a href={f.url} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4">
                      {f.name} ({Math.max(1, Math.round(f.sizeBytes / 1024))} Ko)
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The tone of a status badge. */
export const statusTone = (status: string): "neutral" | "warning" | "success" | "danger" =>
  status === "accepted" ? "success" : status === "refused" ? "danger" : status === "awaiting_family" ? "warning" : "neutral";
