import type { Metadata } from "next";
import { DownloadButton } from "@/app/_components/download-button";
import { TableScroll } from "@/app/_components/table-scroll";
import { Badge, ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { formatDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { ExportRunButton, RejectionForm } from "./run-actions";

export const metadata: Metadata = { title: "Campagne de prélèvement" };

const statusLabel = { planned: "Prévu", collected: "Transmis", skipped: "Retiré (réglé entre-temps)", rejected: "Rejeté" } as const;
const statusTone = { planned: "warning", collected: "success", skipped: "neutral", rejected: "danger" } as const;

export default async function DebitRunPage({ params }: { params: Promise<{ commune: string; runId: string }> }) {
  const { commune, runId } = await params;
  const { run, transactions } = await load(commune, (api) => api.collection.debitRun({ runId }));
  const exported = run.status === "exported";
  return (
    <Main>
      <PageTitle lead={exported ? "Fichier généré : transmettez-le à votre banque ou au Trésor public. Enregistrez ici les prélèvements rejetés." : "Les familles ont été prévenues. Générez le fichier quelques jours avant la date de prélèvement."}>
        Prélèvement du {formatDate(run.collectionDate)}
      </PageTitle>
      <div className="mb-6 flex flex-wrap gap-3">
        {exported ? (
          <DownloadButton href={`/api/prelevements/${commune}/${run.id}/xml`} fallbackName={`prelevements-${run.collectionDate}.xml`}>
            Télécharger le fichier SEPA (XML)
          </DownloadButton>
        ) : (
          <ExportRunButton runId={run.id} />
        )}
        <ButtonLink href={`/${commune}/admin/prelevements`} variant="secondary">
          Toutes les campagnes
        </ButtonLink>
      </div>
      <Card title="Prélèvements">
        <TableScroll label="Prélèvements de la campagne">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">Prélèvements de la campagne</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Famille</th>
                <th scope="col" className="py-2 pr-3 font-medium">Mandat</th>
                <th scope="col" className="py-2 pr-3 font-medium">Factures</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">Montant</th>
                <th scope="col" className="py-2 pr-3 font-medium">État</th>
                {exported ? <th scope="col" className="py-2 font-medium">Rejet</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {transactions.map((t) => (
                <tr key={t.mandateId} className="align-top">
                  <td className="py-2 pr-3">
                    <span className="font-medium">{t.household}</span>
                    <span className="block text-xs text-slate-600">{t.reference}</span>
                  </td>
                  <td className="py-2 pr-3">
                    {t.rum} <Badge>{t.sequenceType}</Badge>
                    <span className="block text-xs text-slate-600">{t.ibanMasked}</span>
                  </td>
                  <td className="py-2 pr-3">{t.invoices.map((i) => i.number).join(", ")}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatMoney(t.amountCents)}</td>
                  <td className="py-2 pr-3">
                    <Badge tone={statusTone[t.status]}>{statusLabel[t.status]}</Badge>
                    {t.rejectReason ? <span className="block text-xs text-slate-600">{messages.collection.rejectReasons[t.rejectReason]}</span> : null}
                  </td>
                  {exported ? <td className="py-2">{t.status === "collected" ? <RejectionForm runId={run.id} mandateId={t.mandateId} /> : null}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Card>
    </Main>
  );
}
