import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DownloadButton } from "@/app/_components/download-button";
import { Alert, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";
import { ErasureRequest } from "./erasure-request";

export const metadata: Metadata = { title: "Mes données" };

/** The family's RGPD rights: download everything held on the household, ask for erasure. */
export default async function MyDataPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  if (!access.isParent) redirect(`/${commune}/admin`);
  const families = await load(commune, (api) => api.family.myFamily());
  const statuses = await Promise.all(families.map((f) => load(commune, (api) => api.rgpd.erasureStatus({ householdId: f.id }))));
  return (
    <Main>
      <PageTitle lead={`Ce que ${access.tenant.name} détient sur votre famille, et vos droits sur ces données.`}>Mes données</PageTitle>
      {families.map((family, index) => {
        const pendingSince = statuses[index]?.pendingSince;
        return (
          <div key={family.id} className="grid gap-6">
            <Card title={`Télécharger mes données — ${family.reference}`}>
              <p className="mb-4 text-sm text-slate-700">
                Une archive ZIP avec tout votre dossier au format JSON (foyer, responsables, enfants et données de santé, inscriptions, réservations,
                absences, factures, paiements, historique et journal des consultations par la mairie), vos factures en PDF et les fichiers que vous
                avez déposés.
              </p>
              <DownloadButton href={`/api/donnees/${commune}/${family.id}`} fallbackName={`recre-donnees-${family.reference}.zip`}>
                Télécharger mes données
              </DownloadButton>
            </Card>
            <Card title="Demander l'effacement de mes données">
              <p className="mb-4 text-sm text-slate-700">
                La mairie efface votre dossier dans un délai d&apos;un mois. Les factures, avoirs et paiements restent conservés 10 ans (obligation
                comptable), sans vos nom, adresse, e-mail ni téléphone. Pensez à télécharger vos données avant.
              </p>
              {pendingSince ? (
                <Alert tone="info">Votre demande d&apos;effacement du {formatInstant(pendingSince, access.tenant.timeZone)} est en cours de traitement.</Alert>
              ) : (
                <ErasureRequest householdId={family.id} reference={family.reference} />
              )}
            </Card>
          </div>
        );
      })}
      <p className="mt-6 text-sm">
        <Link className="underline" href={`/${commune}/confidentialite`}>
          Politique de confidentialité de la commune
        </Link>
      </p>
    </Main>
  );
}
