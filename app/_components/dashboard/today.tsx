import type { TodayActivity } from "@/server/domain/dashboard/dashboard";
import { Badge } from "../ui";

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** Where the day's pointage stands, in words (colour is never the only cue). */
export function AttendanceBadge({ activity }: { activity: Pick<TodayActivity, "attendance" | "marked" | "expected"> }) {
  switch (activity.attendance) {
    case "nobody":
      return <Badge>Aucun enfant attendu</Badge>;
    case "todo":
      return <Badge tone="warning">Pointage à faire</Badge>;
    case "started":
      return <Badge tone="warning">{`Pointage en cours : ${activity.marked} sur ${activity.expected}`}</Badge>;
    case "done":
      return <Badge tone="success">Pointage fait</Badge>;
  }
}

/** An activity's day at a glance: children expected against places, waiting list, pointage. */
export function TodayFigures({ activity }: { activity: TodayActivity }) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
      <div>
        <dt className="text-slate-600">Enfants attendus</dt>
        <dd className="font-semibold text-slate-900">
          <span className="text-xl tabular-nums">{activity.expected}</span>
          <span className="font-normal text-slate-700">
            {activity.capacity === null ? " (sans limite de places)" : ` sur ${plural(activity.capacity, "place", "places")}`}
          </span>
        </dd>
      </div>
      <div>
        <dt className="text-slate-600">Liste d&apos;attente</dt>
        <dd className="text-xl font-semibold tabular-nums text-slate-900">{activity.waitlisted}</dd>
      </div>
      <div className="col-span-2">
        <dt className="sr-only">Pointage</dt>
        <dd>
          <AttendanceBadge activity={activity} />
        </dd>
      </div>
    </dl>
  );
}

export const mealsLabel = (meals: number) => (meals === 0 ? "Aucun repas réservé aujourd'hui" : `${plural(meals, "repas réservé", "repas réservés")} aujourd'hui`);
