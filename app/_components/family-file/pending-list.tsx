import { Badge } from "@/app/_components/ui";
import { formatInstant } from "@/common/dates";
import type { FamilyFileView } from "./household-forms";

type Pending = FamilyFileView["pending"][number];

/** Changes waiting for the town hall, as the family and the front desk both see them. */
export function PendingList({ pending, timeZone, names }: { pending: Pending[]; timeZone: string; names: Record<string, string> }) {
  if (!pending.length) return null;
  return (
    <ul className="divide-y divide-amber-200 text-sm">
      {pending.map((c) => (
        <li key={c.id} className="grid gap-1 py-2">
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone="warning">En attente de validation</Badge>
            <span className="font-medium">
              {c.sectionLabel}
              {c.childId && names[c.childId] ? ` · ${names[c.childId]}` : ""}
              {c.guardianId && names[c.guardianId] ? ` · ${names[c.guardianId]}` : ""}
            </span>
          </p>
          <p className="break-words text-slate-700">
            Demandé : {c.after}
            {c.section !== "child_added" && c.section !== "guardian_added" ? ` (actuellement : ${c.before})` : ""}
          </p>
          <p className="text-xs text-slate-600">Le {formatInstant(c.requestedAt, timeZone)}</p>
        </li>
      ))}
    </ul>
  );
}
