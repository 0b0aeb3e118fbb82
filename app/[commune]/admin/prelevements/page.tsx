import type { Metadata } from "next";
import Link from "next/link";
import { TableScroll } from "@/app/_components/table-scroll";
import { Alert, Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatDate, formatInstant } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { CreateDebitRunForm } from "./create-run-form";

export const metadata: Metadata = { title: "Prélèvements" };

/** Debit runs: create one for a date (families told 14 days ahead), then open it to generate the bank file. */
export default async function DebitRunsPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, list] = await Promise.all([communeAccess(commune), load(commune, (api) => api.collection.debitRuns())]);
  return (
    <Main>
      <PageTitle lead="Les factures dues des familles ayant signé un mandat sont prélevées à la date choisie ; chaque famille est prévenue par e-mail au moins 14 jours avant.">
        Prélèvements
      </PageTitle>
      {!list.offered ? (
        <Alert tone="warning">
          Renseignez d&apos;abord l&apos;identifiant créancier (ICS), l&apos;IBAN et le BIC de la régie dans{" "}
          <Link className="underline" href={`/${commune}/admin/facturation#prelevement`}>
            Facturation → Prélèvement
          </Link>
          .
        </Alert>
      ) : (
        <Card title="Nouvelle campagne" className="mb-6">
          <CreateDebitRunForm commune={commune} suggestedDate={list.suggestedDate} earliestDate={list.earliestDate} />
        </Card>
      )}
      <Card title="Campagnes">
        {list.runs.length === 0 ? (
          <p className="text-sm text-slate-600">Aucune campagne de prélèvement pour l&apos;instant.</p>
        ) : (
          <TableScroll label="Campagnes de prélèvement">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <caption className="sr-only">Campagnes de prélèvement</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Date de prélèvement</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Statut</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Factures</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Total</th>
                  <th scope="col" className="py-2 font-medium">Créée le</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.runs.map((r) => (
                  <tr key={r.id}>
                    <td className="py-2 pr-3 font-medium">
                      <Link className="text-brand-700 underline" href={`/${commune}/admin/prelevements/${r.id}`}>
                        {formatDate(r.collectionDate)}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">
                      <Badge tone={r.status === "exported" ? "success" : "warning"}>{r.status === "exported" ? "Fichier généré" : "Familles prévenues"}</Badge>
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">{r.invoiceCount}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatMoney(r.totalCents)}</td>
                    <td className="py-2">{formatInstant(r.createdAt, access.tenant.timeZone)}</td>
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
