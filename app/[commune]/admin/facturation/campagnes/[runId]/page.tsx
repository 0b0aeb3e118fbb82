import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DownloadButton } from "@/app/_components/download-button";
import { TableScroll } from "@/app/_components/table-scroll";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant, formatMonth, ofMonth } from "@/common/dates";
import { formatMoney } from "@/common/money";

export const metadata: Metadata = { title: "Campagne de facturation" };

/** A past invoice run: its invoices, a CSV of them, and the paper ones in one PDF to print and post. */
export default async function RunPage({ params }: { params: Promise<{ commune: string; runId: string }> }) {
  const { commune, runId } = await params;
  const access = await communeAccess(commune);
  if (!access.staffRoles.includes("admin")) notFound();
  const { run, invoices } = await load(commune, (api) => api.invoices.runDetail({ runId }));
  const paper = invoices.filter((i) => i.paper).length;
  const month = formatMonth(run.period);
  return (
    <Main>
      <PageTitle lead={`${run.mode === "advance" ? "À l'avance" : "À terme échu"} · ${run.issuedAt ? `émise le ${formatInstant(run.issuedAt, access.tenant.timeZone)}` : "en cours d'émission"}`}>
        Factures {ofMonth(month)}
      </PageTitle>
      <p className="mb-4 text-sm">
        <Link href={`/${commune}/admin/facturation`} className="font-semibold text-brand-700 underline underline-offset-4">
          Retour à la facturation
        </Link>
      </p>
      <Card
        title={`${invoices.length} facture${invoices.length > 1 ? "s" : ""} · ${formatMoney(run.totalCents)}`}
        actions={
          <div className="flex flex-wrap gap-2">
            <DownloadButton variant="secondary" href={`/api/factures/${commune}/campagnes/${run.id}/csv`} fallbackName="factures.csv">
              Exporter en CSV
            </DownloadButton>
            {paper ? (
              <DownloadButton variant="secondary" href={`/api/factures/${commune}/campagnes/${run.id}/papier`} fallbackName="factures-papier.pdf">
                PDF des {paper} facture{paper > 1 ? "s" : ""} papier
              </DownloadButton>
            ) : null}
          </div>
        }
      >
        <p className="mb-3 text-sm text-slate-600">
          {paper
            ? `${paper} famille${paper > 1 ? "s" : ""} reçoi${paper > 1 ? "vent" : "t"} sa facture par courrier (choix du papier, ou aucune adresse e-mail) : le PDF les réunit dans l'ordre des références, prêtes à imprimer.`
            : "Toutes les familles de cette campagne reçoivent leur facture par e-mail."}
        </p>
        <TableScroll label={`Factures ${ofMonth(month)}`}>
          <table className="w-full min-w-[32rem] text-left text-sm">
            <caption className="sr-only">Factures {ofMonth(month)}</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Référence</th>
                <th scope="col" className="py-2 pr-3 font-medium">Famille</th>
                <th scope="col" className="py-2 pr-3 font-medium">Facture</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">Montant</th>
                <th scope="col" className="py-2 font-medium">Envoi</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invoices.map((i) => (
                <tr key={i.id}>
                  <td className="py-2 pr-3 tabular-nums">{i.reference}</td>
                  <td className="py-2 pr-3">
                    <Link href={`/${commune}/admin/familles/${i.householdId}`} className="font-medium text-brand-700 underline underline-offset-4">
                      {i.name}
                    </Link>
                  </td>
                  <td className="py-2 pr-3 tabular-nums">{i.number}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatMoney(i.totalCents)}</td>
                  <td className="py-2">{i.paper ? <Badge tone="warning">Papier</Badge> : <Badge>E-mail</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Card>
    </Main>
  );
}
