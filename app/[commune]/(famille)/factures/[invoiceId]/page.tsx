import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CounterPaymentNotice } from "@/app/_components/billing/counter-payment";
import { PreviousBalanceRow } from "@/app/_components/billing/previous-balance";
import { TableScroll } from "@/app/_components/table-scroll";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { formatDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { FamilyStatus } from "../family-status";
import { MissingInvoiceHelp } from "../help";
import { InvoiceActions } from "../invoice-actions";
import { PayInvoicesForm } from "../pay-invoices-form";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const shortDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

export default async function InvoicePage({ params }: { params: Promise<{ commune: string; invoiceId: string }> }) {
  const { commune, invoiceId } = await params;
  if (!UUID.test(invoiceId)) notFound();
  const access = await load(commune, (api) => api.commune.access());
  if (!access.isParent) redirect(`/${commune}/admin`);
  const [invoice, payable] = await Promise.all([load(commune, (api) => api.invoices.detail({ invoiceId })), load(commune, (api) => api.payments.myPayableInvoices())]);
  const due = payable.flatMap((p) => p.invoices).find((i) => i.id === invoiceId);
  const c = access.contact;
  const { overdue } = invoice;
  const town = [c.postalCode, c.city].filter(Boolean).join(" ");
  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/factures`} className="text-brand-700 underline underline-offset-4">
          ← Toutes mes factures
        </Link>
      </p>
      <PageTitle lead={`${invoice.household.name} · référence ${invoice.household.reference}`}>
        Facture {invoice.number} — {invoice.periodLabel}
      </PageTitle>
      <div className="grid gap-6">
        <Card>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-600">État</dt>
              <dd>
                <FamilyStatus invoice={invoice} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">À régler avant le</dt>
              <dd className="font-medium">
                {formatDate(invoice.dueDate)}
                {overdue ? <span className="block text-red-800">Échéance dépassée</span> : null}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Déjà réglé</dt>
              <dd className="font-medium tabular-nums">{formatMoney(invoice.paidCents)}</dd>
            </div>
            {invoice.accountCreditCents ? (
              <div>
                <dt className="text-slate-600">Crédit du compte famille utilisé</dt>
                <dd className="font-medium tabular-nums">{formatMoney(invoice.accountCreditCents)}</dd>
              </div>
            ) : null}
            <div>
              <dt className="text-slate-600">Reste à payer</dt>
              <dd className="font-medium tabular-nums">{formatMoney(invoice.remainingCents)}</dd>
            </div>
          </dl>
          <div className="mt-4">
            <InvoiceActions invoiceId={invoice.id} hidden={invoice.hiddenByFamily} />
          </div>
        </Card>
        {due ? (
          <Card title={access.onlinePayments ? "Payer cette facture" : "Régler cette facture"}>
            {access.onlinePayments ? (
              <PayInvoicesForm
                commune={commune}
                invoices={[{ id: due.id, number: due.number, periodLabel: due.periodLabel, remainingCents: due.remainingCents, dueDate: invoice.dueDate, overdue, openPaymentUrl: due.openPaymentUrl }]}
                single={{ othersDue: payable.some((p) => p.invoices.some((i) => i.id !== invoiceId)) }}
              />
            ) : (
              <>
                <CounterPaymentNotice />
                <p className="text-sm text-slate-700">
                  Reste à payer sur cette facture : <span className="font-semibold tabular-nums text-slate-900">{formatMoney(due.remainingCents)}</span>
                </p>
              </>
            )}
          </Card>
        ) : null}
        <Card title="Détail">
          <TableScroll label="Lignes de la facture">
            <table className="w-full text-left text-sm sm:min-w-[34rem]">
              <caption className="sr-only">Lignes de la facture</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Prestation</th>
                  <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">Jours</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Qté</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Prix unitaire</th>
                  <th scope="col" className="py-2 text-right font-medium">Montant</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {invoice.lines.map((l) => (
                  <tr key={l.id}>
                    <td className="py-2 pr-3">
                      <span className="block text-xs text-slate-600">{l.childName}</span>
                      {l.label}
                      {/* On a phone the days go under the label: the amounts fit without scrolling. */}
                      <span className="block text-xs text-slate-600 sm:hidden">{l.dates.map(shortDate).join(", ")}</span>
                    </td>
                    <td className="hidden py-2 pr-3 text-xs sm:table-cell">{l.dates.map(shortDate).join(", ")}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{l.quantity}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatMoney(l.unitPriceCents)}</td>
                    <td className="py-2 text-right tabular-nums">{formatMoney(l.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <dl className="mt-4 grid justify-end gap-1 text-sm">
            <PreviousBalanceRow cents={invoice.previousBalanceCents} className="flex justify-between gap-8" />
            <div className="flex justify-between gap-8">
              <dt>Total de la facture</dt>
              <dd className="tabular-nums">{formatMoney(invoice.totalCents)}</dd>
            </div>
            <div className="flex justify-between gap-8 text-base font-bold">
              <dt>Total à payer</dt>
              <dd className="tabular-nums">{formatMoney(invoice.toPayCents)}</dd>
            </div>
          </dl>
          {invoice.creditNotes.length ? (
            <ul className="mt-4 text-sm text-slate-700">
              {invoice.creditNotes.map((c) => (
                <li key={c.id}>
                  Avoir {c.number} : −{formatMoney(c.amountCents)} ({c.reason})
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
        {c.addressLine || town || c.phone || c.email ? (
          <Card title={`Mairie de ${access.tenant.name}`}>
            <address className="text-sm not-italic text-slate-700">
              {c.addressLine ? <span className="block">{c.addressLine}</span> : null}
              {town ? <span className="block">{town}</span> : null}
              {c.phone ? (
                <span className="block">
                  Téléphone :{" "}
                  <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`} className="text-brand-700 underline underline-offset-4">
                    {c.phone}
                  </a>
                </span>
              ) : null}
              {c.email ? (
                <span className="block">
                  E-mail :{" "}
                  <a href={`mailto:${c.email}`} className="text-brand-700 underline underline-offset-4">
                    {c.email}
                  </a>
                </span>
              ) : null}
              {c.siret ? <span className="block text-xs text-slate-600">SIRET {c.siret}</span> : null}
            </address>
          </Card>
        ) : null}
        <details className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <summary className="min-h-11 cursor-pointer font-semibold text-slate-900">Contester cette facture</summary>
          <p className="mt-3 text-sm text-slate-700">
            Une erreur sur un jour, un tarif ou une absence ? Contactez le service enfance de la mairie de {access.tenant.name} (accueil ou guichet unique)
            en indiquant le numéro de facture {invoice.number} et votre référence famille {invoice.household.reference}. Une correction prend la forme
            d&apos;un avoir ou d&apos;une régularisation sur la facture suivante. Un formulaire de demande en ligne arrivera prochainement sur le portail.
          </p>
        </details>
        <MissingInvoiceHelp commune={commune} billingModes={access.billingModes} />
      </div>
    </Main>
  );
}
