import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { TableScroll } from "@/app/_components/table-scroll";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";
import { ProcessErasureButton, RetentionSettingsForm } from "./rgpd-forms";

export const metadata: Metadata = { title: "Données personnelles" };

/** Admins: families' erasure requests, the retention periods and what the last daily run did. */
export default async function PersonalDataPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, requests, retention] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.rgpd.erasureRequests()),
    load(commune, (api) => api.rgpd.retention()),
  ]);
  const tz = access.tenant.timeZone;
  const report = retention.lastReport?.report;
  return (
    <Main>
      <PageTitle lead="Demandes d'effacement des familles, durées de conservation et traitement automatique quotidien (RGPD).">Données personnelles</PageTitle>
      <div className="grid grid-cols-1 gap-6">
        <Card title="Demandes d'effacement">
          {requests.length === 0 ? (
            <p className="text-sm text-slate-700">Aucune demande.</p>
          ) : (
            <TableScroll label="Demandes d'effacement">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="border-b border-slate-200">
                    <th scope="col" className="py-2 pr-4">Famille</th>
                    <th scope="col" className="py-2 pr-4">Demandée le</th>
                    <th scope="col" className="py-2 pr-4">Origine</th>
                    <th scope="col" className="py-2 pr-4">État</th>
                  </tr>
                </thead>
                <tbody>
                  {requests.map((r) => (
                    <tr key={r.id} className="border-b border-slate-100 align-top">
                      <td className="py-2 pr-4">
                        {r.reference ?? "—"}
                        <span className="block text-slate-600">{r.name}</span>
                      </td>
                      <td className="py-2 pr-4">{formatInstant(r.requestedAt, tz)}</td>
                      <td className="py-2 pr-4">{r.source === "family" ? "La famille" : "Durée de conservation"}</td>
                      <td className="py-2 pr-4">
                        {r.status === "pending" ? (
                          <ProcessErasureButton requestId={r.id} reference={r.reference ?? ""} />
                        ) : (
                          <Badge tone="success">Effacée le {r.processedAt ? formatInstant(r.processedAt, tz) : ""}</Badge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </Card>
        <Card title="Durées de conservation">
          <RetentionSettingsForm current={retention.settings} />
        </Card>
        <Card title="Dernier traitement automatique">
          {report && retention.lastReport ? (
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
              <li>Le {formatInstant(retention.lastReport.ranAt, tz)}.</li>
              <li>
                Familles sans activité effacées : {report.erasedFamilies.length}
                {report.erasedFamilies.length ? ` (${report.erasedFamilies.map((f) => f.reference).join(", ")})` : ""}.
              </li>
              <li>Enfants partis dont les données de santé ont été effacées : {report.healthErasedChildren}.</li>
              <li>Entrées du journal purgées : {report.auditEventsPurged}.</li>
              <li>Fichiers supprimés du stockage : {report.filesDeleted}.</li>
            </ul>
          ) : (
            <p className="text-sm text-slate-700">Le traitement n&apos;a pas encore tourné : il passe une fois par jour.</p>
          )}
          <p className="mt-3 text-sm">
            <Link className="underline" href={`/${commune}/admin/journal`}>
              Voir le journal des actions sur les dossiers
            </Link>
          </p>
        </Card>
      </div>
    </Main>
  );
}
