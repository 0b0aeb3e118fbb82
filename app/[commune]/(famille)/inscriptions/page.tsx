import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { formatAgeMonths } from "@/common/dates";
import { messages } from "@/common/messages";
import { EnrolmentRequestForm } from "./enrolment-request-form";

export const metadata: Metadata = { title: "Inscriptions" };

const tones = { pending: "warning", accepted: "success", refused: "danger", withdrawn: "neutral" } as const;
const text = messages.enrolments;

/** "classes CE2, CM1", "enfants de 3 mois à 3 ans": who may join, as the commune set it. */
function whoMayJoin(a: { classLevels: string[]; minAgeMonths: number | null; maxAgeMonths: number | null }): string[] {
  const { minAgeMonths: min, maxAgeMonths: max } = a;
  const parts = a.classLevels.length ? [`classes ${a.classLevels.join(", ")}`] : [];
  if (min !== null && max !== null) parts.push(`enfants ${text.ageBetween(formatAgeMonths(min), formatAgeMonths(max))}`);
  else if (min !== null) parts.push(`enfants ${text.ageFrom(formatAgeMonths(min))}`);
  else if (max !== null) parts.push(`enfants ${text.ageUpTo(formatAgeMonths(max))}`);
  return parts;
}

export default async function EnrolmentsPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [enrolments, kids, activities] = await Promise.all([
    load(commune, (api) => api.reservations.enrolments()),
    load(commune, (api) => api.reservations.children()),
    load(commune, (api) => api.reservations.enrolableActivities()),
  ]);
  return (
    <Main>
      <PageTitle lead="Une inscription acceptée est nécessaire pour réserver les jours d'une activité.">Inscriptions</PageTitle>
      <div className="grid gap-6">
        <Card title="Inscriptions de mes enfants">
          {enrolments.length === 0 ? <p className="text-sm text-slate-600">Aucune inscription pour le moment.</p> : null}
          <ul className="divide-y divide-slate-100">
            {enrolments.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                <span className="min-w-0">
                  <span className="font-semibold">{e.childName}</span> · {e.activityName} <span className="text-slate-600">({e.siteName}, {e.yearLabel})</span>
                  {e.status === "refused" && e.refusalReason ? <span className="block text-red-800">Motif : {e.refusalReason}</span> : null}
                  {e.status === "pending" ? <span className="block text-slate-600">Les jours seront réservables dès que la mairie aura accepté la demande.</span> : null}
                </span>
                <span className="flex items-center gap-3">
                  {e.status === "accepted" ? (
                    <Link href={`/${commune}/planning`} className="font-semibold text-brand-700 underline">
                      Réserver<span className="sr-only"> {e.activityName} pour {e.childName}</span>
                    </Link>
                  ) : null}
                  <Badge tone={tones[e.status]}>{text.statuses[e.status]}</Badge>
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Demander une inscription">
          <EnrolmentRequestForm
            commune={commune}
            kids={kids.map((k) => ({ id: k.id, name: k.firstName }))}
            taken={enrolments.filter((e) => e.status === "pending" || e.status === "accepted").map((e) => `${e.childId}|${e.activityId}`)}
            activities={activities.map((a) => ({
              id: a.id,
              name: `${a.name} (${a.yearLabel})`,
              details: [a.siteName, ...whoMayJoin(a), a.autoAccept ? "inscription immédiate" : "validation par la mairie"].join(" · "),
            }))}
          />
        </Card>
      </div>
    </Main>
  );
}
