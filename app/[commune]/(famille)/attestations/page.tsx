import type { Metadata } from "next";
import { DownloadButton } from "@/app/_components/download-button";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstantDay } from "@/common/dates";
import { formatMoney } from "@/common/money";

export const metadata: Metadata = { title: "Attestations" };

/** Attestations fiscales: each January, last year's childcare paid for children under 6, ready to download. */
export default async function CertificatesPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, list] = await Promise.all([communeAccess(commune), load(commune, (api) => api.collection.certificates())]);
  return (
    <Main>
      <PageTitle lead="Pour le crédit d'impôt « frais de garde des enfants de moins de 6 ans » : les sommes payées dans l'année, hors repas. L'attestation de l'année écoulée est disponible chaque année en janvier.">
        Attestations fiscales
      </PageTitle>
      {list.certificates.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">
            Aucune attestation : rien n&apos;a été payé en {list.lastYear} pour la garde d&apos;un enfant de moins de 6 ans au 1er janvier {list.lastYear}.
          </p>
        </Card>
      ) : (
        <ul className="grid gap-4">
          {list.certificates.map((c) => (
            <li key={c.id}>
              <Card title={`Année ${c.year}`}>
                <p className="text-sm text-slate-700">
                  Attestation n° {c.number}, établie le {formatInstantDay(c.issuedAt, access.tenant.timeZone)} : <strong>{formatMoney(c.totalCents)}</strong>
                  {c.children.length ? ` (${c.children.map((k) => `${k.firstName} : ${formatMoney(k.amountCents)}`).join(", ")})` : ""}.
                </p>
                <div className="mt-3">
                  <DownloadButton href={`/api/attestations/${commune}/${c.id}/pdf`} fallbackName={`attestation-${c.year}.pdf`}>
                    Télécharger l&apos;attestation {c.year} (PDF)
                  </DownloadButton>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </Main>
  );
}
