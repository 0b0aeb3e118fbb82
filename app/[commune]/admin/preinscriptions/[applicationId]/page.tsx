import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert, Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatDate, formatInstant, isCivilDate } from "@/common/dates";
import { storedApplicationDocumentUrl } from "@/common/files";
import { messages } from "@/common/messages";
import { ApplicationDecision } from "./decision";

export const metadata: Metadata = { title: "Préinscription" };

const row = (label: string, value: ReactNode) => (
  <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-[11rem_1fr]">
    <dt className="text-sm text-slate-600">{label}</dt>
    <dd className="min-w-0 break-words text-sm">{value}</dd>
  </div>
);

/** One application: what the family typed, its documents, possible duplicates, and the decision. */
export default async function ApplicationPage({ params }: { params: Promise<{ commune: string; applicationId: string }> }) {
  const { commune, applicationId } = await params;
  const [access, application, activities] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.preregistration.get({ applicationId })),
    load(commune, (api) => api.activities.list()),
  ]);
  const { form } = application;
  const activityName = new Map(activities.map((a) => [a.id, a.name]));
  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/admin/preinscriptions`} className="text-brand-700 underline underline-offset-4">
          ← Préinscriptions
        </Link>
      </p>
      <PageTitle lead={`Demandée par ${application.applicant.email}${application.submittedAt ? `, envoyée le ${formatInstant(application.submittedAt, access.tenant.timeZone)}` : ""}`}>
        {form.household.name || "Préinscription"} <Badge>{messages.preregistration.statusLabels[application.status]}</Badge>
      </PageTitle>
      {application.staffMessage ? <Alert tone="info">Message envoyé à la famille : « {application.staffMessage} »</Alert> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Foyer et responsables">
          <dl className="divide-y divide-slate-100">
            {row("Adresse", `${form.household.addressLine}, ${form.household.postalCode} ${form.household.city}`)}
            {row("Résident", form.household.isResident ? "oui" : "non")}
            {form.guardians.map((g, i) => row(`Responsable ${i + 1}`, `${g.firstName} ${g.lastName} · ${g.email || "sans e-mail"}${g.phone ? ` · ${g.phone}` : ""}`))}
          </dl>
        </Card>
        <Card title="Enfants et prestations souhaitées">
          <ul className="divide-y divide-slate-100">
            {form.children.map((c, i) => (
              <li key={i} className="py-2 text-sm">
                <span className="font-semibold">
                  {c.firstName} {c.lastName}
                </span>
                , né(e) le {isCivilDate(c.birthDate) ? formatDate(c.birthDate) : c.birthDate} · {c.classLevel || "classe non renseignée"} · {c.school || "école non renseignée"}
                <span className="block text-slate-600">{c.activityIds.map((id) => activityName.get(id) ?? "activité retirée").join(", ") || "aucune prestation demandée"}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Pièces justificatives">
          {application.documents.length === 0 ? <p className="text-sm text-slate-600">Aucune pièce envoyée.</p> : null}
          <ul className="divide-y divide-slate-100">
            {application.documents.map((d) => (
              <li key={d.id} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
                <span>{d.label}</span>
                <a href={storedApplicationDocumentUrl(commune, d.id)} className="font-semibold text-brand-700 underline underline-offset-4">
                  {d.name} ({Math.max(1, Math.round(d.sizeBytes / 1024))} Ko)
                </a>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Dossiers existants proches">
          {application.duplicates.length === 0 ? <p className="text-sm text-slate-600">Aucun dossier de la commune ne semble correspondre.</p> : null}
          <ul className="divide-y divide-slate-100">
            {application.duplicates.map((h) => (
              <li key={h.id} className="py-2 text-sm">
                <Link href={`/${commune}/admin/familles/${h.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                  {h.name} ({h.reference})
                </Link>
                <span className="block text-slate-600">{h.reasons.join(" ; ")}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {application.status === "submitted" ? (
        <ApplicationDecision applicationId={application.id} duplicates={application.duplicates.map((d) => ({ id: d.id, label: `${d.name} (${d.reference})` }))} />
      ) : (
        // Once decided, the decision form gives way to what was decided (its own message would vanish with it).
        <div className="mt-6 space-y-3">
          {messages.preregistration.decisionDone[application.status] ? <Alert tone="success">{messages.preregistration.decisionDone[application.status]}</Alert> : null}
          {application.householdId ? (
            <p className="text-sm">
              <Link href={`/${commune}/admin/familles/${application.householdId}`} className="font-semibold text-brand-700 underline underline-offset-4">
                Ouvrir le dossier famille
              </Link>
            </p>
          ) : null}
        </div>
      )}
    </Main>
  );
}
