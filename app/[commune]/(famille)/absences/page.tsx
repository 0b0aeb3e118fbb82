import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { messages } from "@/common/messages";
import { formatDayLong, formatInstant, formatDayHeading } from "@/common/dates";
import { AbsenceReportForm } from "./absence-report-form";

export const metadata: Metadata = { title: "Absences" };

const tones = { pending: "warning", accepted: "success", rejected: "danger" } as const;

export default async function FamilyAbsencesPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, data] = await Promise.all([communeAccess(commune), load(commune, (api) => api.absences.mine())]);
  const open = data.days.filter((d) => !d.report);
  return (
    <Main>
      <PageTitle
        lead={
          <>
            Avant la date limite, annulez le jour depuis le{" "}
            <Link href={`/${commune}/planning`} className="font-semibold text-brand-700 underline underline-offset-4">
              planning
            </Link>
            . Passé ce délai, signalez ici l&apos;absence de votre enfant (jusqu&apos;à 30 jours après) : la mairie l&apos;examine.
          </>
        }
      >
        Absences
      </PageTitle>
      <div className="grid gap-6">
        <Card title="Jours qui ne peuvent plus être annulés">
          {open.length === 0 ? <p className="text-sm text-slate-600">Aucun jour réservé à signaler pour le moment.</p> : null}
          <ul className="divide-y divide-slate-100">
            {open.map((day) => {
              const label = `${day.childFirstName}, ${day.activityName}, ${formatDayLong(day.date)}`;
              return (
                <li key={day.bookingId} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
                  <span>
                    <span className="font-semibold">{day.childFirstName}</span> · {day.activityName}
                    <span className="block text-slate-600">
                      {formatDayHeading(day.date)} · {day.siteName}
                      {day.past ? " · passé" : ""}
                    </span>
                  </span>
                  <AbsenceReportForm bookingId={day.bookingId} label={label} />
                </li>
              );
            })}
          </ul>
        </Card>
        <Card title="Mes signalements">
          {data.reports.length === 0 ? <p className="text-sm text-slate-600">Aucun signalement.</p> : null}
          <ul className="divide-y divide-slate-100">
            {data.reports.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                <span>
                  <span className="font-semibold">{r.childFirstName}</span> · {r.activityName} · {formatDayLong(r.date)}
                  <span className="block text-slate-600">
                    {messages.absences.reasons[r.reason]}
                    {r.hasCertificate ? " · certificat joint" : ""} · signalée le {formatInstant(r.reportedAt, access.tenant.timeZone)}
                  </span>
                </span>
                <Badge tone={tones[r.status]}>{messages.absences.statuses[r.status]}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </Main>
  );
}
