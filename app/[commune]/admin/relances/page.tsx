import type { Metadata } from "next";
import { DownloadButton } from "@/app/_components/download-button";
import { TableScroll } from "@/app/_components/table-scroll";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatDate, formatInstant } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { RunRemindersButton } from "./run-reminders-button";

export const metadata: Metadata = { title: "Relances" };

/** Reminders sent for unpaid invoices, and the invoices flagged for the Trésor public after the last one. */
export default async function RemindersPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, reminders, treasury] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.collection.reminders()),
    load(commune, (api) => api.collection.treasury()),
  ]);
  const zone = access.tenant.timeZone;
  const stillDue = treasury.filter((t) => t.remainingNowCents > 0);
  return (
    <Main>
      <PageTitle lead="Les relances partent automatiquement selon le calendrier réglé dans Facturation ; un règlement les arrête. Après la dernière, la facture est signalée au Trésor public.">
        Relances
      </PageTitle>
      {access.staffRoles.includes("admin") ? (
        <div className="mb-6">
          <RunRemindersButton />
        </div>
      ) : null}
      <Card title={`À transmettre au Trésor public (${stillDue.length})`} className="mb-6" actions={stillDue.length ? <DownloadButton href={`/api/relances/${commune}/titres-executoires`} fallbackName="titres-executoires.csv" variant="secondary">Exporter (CSV)</DownloadButton> : null}>
        {treasury.length === 0 ? (
          <p className="text-sm text-slate-600">Aucune facture signalée.</p>
        ) : (
          <TableScroll label="Factures signalées au Trésor public">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">Factures signalées au Trésor public</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Facture</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Famille</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Échéance</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Reste dû</th>
                  <th scope="col" className="py-2 font-medium">Signalée le</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {treasury.map((t) => (
                  <tr key={t.invoiceId}>
                    <td className="py-2 pr-3 font-medium">{t.number}</td>
                    <td className="py-2 pr-3">
                      {t.household.name} <span className="text-xs text-slate-600">{t.household.reference}</span>
                    </td>
                    <td className="py-2 pr-3">{formatDate(t.dueDate)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{t.remainingNowCents > 0 ? formatMoney(t.remainingNowCents) : <Badge tone="success">Payée depuis</Badge>}</td>
                    <td className="py-2">{formatInstant(t.flaggedAt, zone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
      <Card title="Relances envoyées">
        {reminders.length === 0 ? (
          <p className="text-sm text-slate-600">Aucune relance envoyée.</p>
        ) : (
          <TableScroll label="Relances envoyées">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">Relances envoyées</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Envoyée le</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Facture</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Famille</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Relance</th>
                  <th scope="col" className="py-2 text-right font-medium">Reste dû</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {reminders.map((r) => (
                  <tr key={`${r.invoiceId}-${r.step}`}>
                    <td className="py-2 pr-3">{formatInstant(r.sentAt, zone)}</td>
                    <td className="py-2 pr-3 font-medium">{r.number}</td>
                    <td className="py-2 pr-3">
                      {r.household} <span className="text-xs text-slate-600">{r.reference}</span>
                      {r.recipients === 0 ? <span className="block text-xs text-amber-800">aucune adresse e-mail : à envoyer par courrier</span> : null}
                    </td>
                    <td className="py-2 pr-3">n° {r.step}</td>
                    <td className="py-2 text-right tabular-nums">{r.remainingNowCents > 0 ? formatMoney(r.remainingNowCents) : <Badge tone="success">Payée</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
    </Main>
  );
}
