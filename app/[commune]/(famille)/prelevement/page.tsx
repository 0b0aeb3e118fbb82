import type { Metadata } from "next";
import { Alert, Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { formatDate } from "@/common/dates";
import { MandateForm, RevokeMandateButton } from "./mandate-form";

export const metadata: Metadata = { title: "Prélèvement automatique" };

/** Prélèvement automatique: the family signs its SEPA mandate online, sees it, revokes it. */
export default async function DirectDebitPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const overview = await load(commune, (api) => api.collection.mandate());
  const { active } = overview;
  return (
    <Main>
      <PageTitle lead="Vos factures réglées automatiquement par prélèvement sur votre compte, après un e-mail au moins 14 jours avant chaque prélèvement.">
        Prélèvement automatique
      </PageTitle>
      {!overview.offered ? (
        <Alert>La commune ne propose pas le prélèvement automatique pour l&apos;instant. Vous pouvez régler vos factures en ligne ou au guichet.</Alert>
      ) : active ? (
        <div className="grid gap-6">
          <Card title="Votre mandat" actions={<Badge tone="success">Actif</Badge>}>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-600">Référence unique du mandat (RUM)</dt>
                <dd className="font-medium">{active.rum}</dd>
              </div>
              <div>
                <dt className="text-slate-600">Signé le</dt>
                <dd className="font-medium">{formatDate(active.signatureDate)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">Titulaire du compte</dt>
                <dd className="font-medium">{active.holderName}</dd>
              </div>
              <div>
                <dt className="text-slate-600">Compte</dt>
                <dd className="font-medium tabular-nums">
                  {active.ibanMasked} — {active.bic}
                </dd>
              </div>
            </dl>
            <p className="mt-3 text-sm text-slate-700">
              Vos factures sont prélevées vers le {overview.debitDay} du mois. Créancier : commune, identifiant {overview.creditorId}.
            </p>
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer font-medium text-brand-700">Lire le mandat signé</summary>
              <p className="mt-2 whitespace-pre-line text-slate-700">{active.mandateText}</p>
            </details>
            <div className="mt-4">
              <RevokeMandateButton />
            </div>
          </Card>
        </div>
      ) : (
        <Card title="Signer un mandat de prélèvement SEPA">
          <MandateForm mandateBody={overview.mandateBody} creditorId={overview.creditorId} />
        </Card>
      )}
      {overview.history.length ? (
        <Card title="Mandats précédents" className="mt-6">
          <ul className="divide-y divide-slate-100 text-sm">
            {overview.history.map((h) => (
              <li key={h.id} className="py-2">
                {h.rum} — {h.ibanMasked}, signé le {formatDate(h.signatureDate)}, <Badge>révoqué</Badge>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </Main>
  );
}
