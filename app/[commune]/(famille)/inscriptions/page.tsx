import type { Metadata } from "next";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { EnrolmentRequestForm } from "./enrolment-request-form";

export const metadata: Metadata = { title: "Inscriptions" };

const enrolmentLabels = {
  pending: { text: "En attente de validation", tone: "warning" },
  accepted: { text: "Acceptée", tone: "success" },
  refused: { text: "Refusée", tone: "danger" },
  withdrawn: { text: "Retirée", tone: "neutral" },
} as const;

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
                <span>
                  <span className="font-semibold">{e.childName}</span> · {e.activityName} <span className="text-slate-600">({e.siteName}, {e.yearLabel})</span>
                  {e.status === "refused" && e.refusalReason ? <span className="block text-red-800">Motif : {e.refusalReason}</span> : null}
                </span>
                <Badge tone={enrolmentLabels[e.status].tone}>{enrolmentLabels[e.status].text}</Badge>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Demander une inscription">
          <EnrolmentRequestForm
            kids={kids.map((k) => ({ id: k.id, name: k.firstName }))}
            activities={activities.map((a) => ({ id: a.id, name: `${a.name} — ${a.siteName} (${a.yearLabel})${a.autoAccept ? "" : " · validation par la mairie"}` }))}
          />
        </Card>
      </div>
    </Main>
  );
}
