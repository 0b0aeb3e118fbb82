import type { Metadata } from "next";
import Link from "next/link";
import { Alert, Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { messages } from "@/common/messages";
import { formatDayLong, formatInstant } from "@/common/dates";
import { AbsenceReview } from "./absence-review";
import { storedFileUrl } from "@/common/files";

export const metadata: Metadata = { title: "Absences signalées" };

const tabs = [
  ["pending", "À examiner"],
  ["accepted", "Excusées"],
  ["rejected", "Refusées"],
] as const;
const tones = { pending: "warning", accepted: "success", rejected: "danger" } as const;

export default async function AdminAbsencesPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ statut?: string; revu?: string; enfant?: string; jour?: string }> }) {
  const { commune } = await params;
  const { statut, revu, enfant, jour } = await searchParams;
  const reviewed = (revu === "accepted" || revu === "rejected") && enfant && jour ? messages.absences.reviewed(revu, enfant, jour) : null;
  const status = tabs.find(([s]) => s === statut)?.[0] ?? "pending";
  const [access, reports] = await Promise.all([communeAccess(commune), load(commune, (api) => api.absences.list({ status }))]);
  return (
    <Main>
      <PageTitle lead="Absences signalées par les familles après le délai d'annulation. Excuser une absence la pointe « absence excusée ».">
        Absences signalées
      </PageTitle>
      {reviewed ? <Alert tone="success">{reviewed}</Alert> : null}
      <nav aria-label="Statut" className="mb-4 flex flex-wrap gap-2">
        {tabs.map(([s, label]) => (
          <Link
            key={s}
            href={`/${commune}/admin/absences?statut=${s}`}
            aria-current={s === status ? "page" : undefined}
            className="min-h-11 rounded-full border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
          >
            {label}
          </Link>
        ))}
      </nav>
      <Card>
        {reports.length === 0 ? <p className="text-sm text-slate-600">Aucun signalement.</p> : null}
        <ul className="divide-y divide-slate-100">
          {reports.map((r) => (
            <li key={r.id} className="grid gap-2 py-4 text-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <p>
                  <span className="font-semibold">
                    {r.childFirstName} {r.childLastName}
                  </span>{" "}
                  <span className="text-slate-600">
                    ({r.classLevel ?? "classe ?"}, dossier {r.householdReference})
                  </span>
                  <span className="block">
                    {r.activityName} · {r.siteName} · {formatDayLong(r.date)}
                  </span>
                </p>
                <Badge tone={tones[r.status]}>{messages.absences.statuses[r.status]}</Badge>
              </div>
              <p>
                <span className="font-medium">Motif : </span>
                {messages.absences.reasons[r.reason]}
                {r.comment ? <span className="block whitespace-pre-line text-slate-700">« {r.comment} »</span> : null}
              </p>
              <p className="text-xs text-slate-600">
                Signalée le {formatInstant(r.reportedAt, access.tenant.timeZone)}
                {r.reportedByName ? ` par ${r.reportedByName}` : ""}
                {r.reviewedAt ? ` · examinée le ${formatInstant(r.reviewedAt, access.tenant.timeZone)}` : ""}
              </p>
              {r.certificateFileId ? (
                <a href={storedFileUrl(commune, r.certificateFileId)} download className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4">
                  Télécharger le certificat ({r.certificateName ?? "certificat"})
                </a>
              ) : <p className="text-slate-600">Pas de justificatif joint.</p>}
              {r.status === "pending" ? <AbsenceReview reportId={r.id} childName={r.childFirstName} dayLabel={formatDayLong(r.date)} /> : null}
            </li>
          ))}
        </ul>
      </Card>
    </Main>
  );
}
