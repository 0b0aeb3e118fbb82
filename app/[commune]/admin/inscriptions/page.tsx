import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatDate, formatInstant } from "@/common/dates";
import { EnrolmentDecision } from "./enrolment-decision";

export const metadata: Metadata = { title: "Inscriptions" };

const tabs = [
  ["pending", "À traiter"],
  ["accepted", "Acceptées"],
  ["refused", "Refusées"],
] as const;

export default async function AdminEnrolmentsPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ statut?: string }> }) {
  const { commune } = await params;
  const { statut } = await searchParams;
  const status = tabs.find(([s]) => s === statut)?.[0] ?? "pending";
  const [access, enrolments] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.enrolments.list({ status })),
  ]);
  return (
    <Main>
      <PageTitle lead="Les demandes d'inscription des familles aux activités.">Inscriptions</PageTitle>
      <nav aria-label="Statut" className="mb-4 flex flex-wrap gap-2">
        {tabs.map(([s, label]) => (
          <Link key={s} href={`/${commune}/admin/inscriptions?statut=${s}`} aria-current={s === status ? "page" : undefined} className="min-h-11 rounded-full border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white">
            {label}
          </Link>
        ))}
      </nav>
      <Card>
        {enrolments.length === 0 ? (
          <p className="text-sm text-slate-600">{status === "pending" ? "Aucune demande à traiter." : status === "accepted" ? "Aucune inscription acceptée." : "Aucune demande refusée."}</p>
        ) : null}
        <ul className="divide-y divide-slate-100">
          {enrolments.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
              <span>
                <span className="font-semibold">
                  {e.childName} {e.childLastName}
                </span>{" "}
                <span className="text-slate-600">
                  ({e.classLevel ?? "classe non renseignée"}, né(e) le {formatDate(e.birthDate)})
                </span> · {e.activityName} · {e.siteName} · {e.yearLabel}
                <span className="block text-xs text-slate-600">Demandée le {formatInstant(e.requestedAt, access.tenant.timeZone)}</span>
                {e.refusalReason ? <span className="block text-red-800">Motif : {e.refusalReason}</span> : null}
              </span>
              {e.status === "pending" ? <EnrolmentDecision enrolmentId={e.id} childName={e.childName} /> : <Badge tone={e.status === "accepted" ? "success" : "danger"}>{e.status === "accepted" ? "Acceptée" : "Refusée"}</Badge>}
            </li>
          ))}
        </ul>
      </Card>
    </Main>
  );
}
