import Link from "next/link";
import { notFound } from "next/navigation";
import { PreviousBalanceRow } from "@/app/_components/billing/previous-balance";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { civilDateIn, formatDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { creditText, InvoiceStatus } from "../../invoice-status";
import { TableScroll } from "@/app/_components/table-scroll";
import { CreditNoteForm } from "./credit-note-form";
import { StaffPdfButton } from "./staff-pdf-button";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const shortDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

/** Front desk: one invoice of a family, its PDF, its avoirs, and "Émettre un avoir". */
export default async function StaffInvoicePage({ params }: { params: Promise<{ commune: string; householdId: string; invoiceId: string }> }) {
  const { commune, householdId, invoiceId } = await params;
  if (!UUID.test(householdId) || !UUID.test(invoiceId)) notFound();
  const [invoice, access] = await Promise.all([
    load(commune, (api) => api.invoices.staffDetail({ invoiceId })),
    load(commune, (api) => api.commune.access()),
  ]);
  // An invoice is only shown under its own family's address.
  if (invoice.householdId !== householdId) notFound();
  const timeZone = access.tenant.timeZone;
  const day = (at: Date) => formatDate(civilDateIn(new Date(at), timeZone));
  const familyHref = `/${commune}/admin/familles/${householdId}`;
  const creditableCents = Math.max(0, invoice.totalCents - invoice.creditedCents);
  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={familyHref} className="text-brand-700 underline underline-offset-4">
          ← {invoice.household.name}
        </Link>
      </p>
      <PageTitle lead={`${invoice.household.name} · référence ${invoice.household.reference}`}>
        Facture {invoice.number} — {invoice.periodLabel}
      </PageTitle>
      <div className="grid gap-6">
        <Card>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-slate-600">État</dt>
              <dd>
                <InvoiceStatus invoice={invoice} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Émise le</dt>
              <dd className="font-medium">{day(invoice.issuedAt)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">À régler avant le</dt>
              <dd className="font-medium">{formatDate(invoice.dueDate)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Total de la facture</dt>
              <dd className="font-medium tabular-nums">{formatMoney(invoice.totalCents)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Déjà réglé</dt>
              <dd className="font-medium tabular-nums">{formatMoney(invoice.paidCents)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Avoirs</dt>
              <dd className="font-medium tabular-nums">{creditText(invoice.creditedCents)}</dd>
            </div>
            {invoice.accountCreditCents ? (
              <div>
                <dt className="text-slate-600">Crédit du compte utilisé</dt>
                <dd className="font-medium tabular-nums">{formatMoney(invoice.accountCreditCents)}</dd>
              </div>
            ) : null}
            <div>
              <dt className="text-slate-600">Reste à payer</dt>
              <dd className="font-semibold tabular-nums">{formatMoney(invoice.remainingCents)}</dd>
            </div>
          </dl>
          <div className="mt-4">
            <StaffPdfButton invoiceId={invoice.id} />
          </div>
        </Card>
        <Card title="Détail">
          {invoice.lines.length ? (
            <TableScroll label={`Lignes de la facture ${invoice.number}`}>
              <table className="w-full min-w-[34rem] text-left text-sm">
                <caption className="sr-only">Lignes de la facture {invoice.number}</caption>
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">Prestation</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Jours</th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">Qté</th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">Prix unitaire</th>
                    <th scope="col" className="py-2 text-right font-medium">Montant</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {invoice.lines.map((l) => (
                    <tr key={l.id}>
                      <td className="py-2 pr-3">
                        {l.childName ? <span className="block text-xs text-slate-600">{l.childName}</span> : null}
                        {l.label}
                      </td>
                      <td className="py-2 pr-3 text-xs">{l.dates.map(shortDate).join(", ")}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{l.quantity}</td>
                      <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">{formatMoney(l.unitPriceCents)}</td>
                      <td className="py-2 text-right whitespace-nowrap tabular-nums">{formatMoney(l.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p className="text-sm text-slate-600">Aucune ligne sur cette facture.</p>
          )}
          <dl className="mt-4 grid gap-1 text-sm sm:ml-auto sm:max-w-sm">
            <PreviousBalanceRow cents={invoice.previousBalanceCents} className="flex justify-between gap-6" />
            <div className="flex justify-between gap-6">
              <dt>Total de la facture</dt>
              <dd className="tabular-nums">{formatMoney(invoice.totalCents)}</dd>
            </div>
            <div className="flex justify-between gap-6 text-base font-bold">
              <dt>Total à payer (à l&apos;émission)</dt>
              <dd className="tabular-nums">{formatMoney(invoice.toPayCents)}</dd>
            </div>
          </dl>
        </Card>
        <Card title="Avoirs sur cette facture">
          {invoice.creditNotes.length ? (
            <TableScroll label={`Avoirs émis sur la facture ${invoice.number}`}>
              <table className="w-full min-w-[28rem] text-left text-sm">
                <caption className="sr-only">Avoirs émis sur la facture {invoice.number}</caption>
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">Avoir</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Émis le</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Motif</th>
                    <th scope="col" className="py-2 text-right font-medium">Montant</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {invoice.creditNotes.map((c) => (
                    <tr key={c.id}>
                      <td className="py-2 pr-3 font-medium whitespace-nowrap">{c.number}</td>
                      <td className="py-2 pr-3 whitespace-nowrap">{day(c.issuedAt)}</td>
                      <td className="py-2 pr-3">{c.reason}</td>
                      <td className="py-2 text-right whitespace-nowrap tabular-nums">{formatMoney(c.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p className="text-sm text-slate-600">Aucun avoir sur cette facture.</p>
          )}
        </Card>
        <Card title="Émettre un avoir">
          {invoice.kind === "monthly" ? (
            <>
              <p className="mb-4 text-sm text-slate-700">
                Un avoir corrige cette facture (jour non dû, erreur de tarif…) : il réduit ce qui reste à payer, ou crédite le compte de la famille si la
                facture est déjà réglée. Il apparaît sur le relevé de compte et ne peut plus être annulé.
              </p>
              <CreditNoteForm invoiceId={invoice.id} invoiceNumber={invoice.number} creditableCents={creditableCents} statementHref={`${familyHref}#releve`} />
            </>
          ) : (
            <p className="text-sm text-slate-700">{messages.billing.creditNote.notMonthly}</p>
          )}
        </Card>
      </div>
    </Main>
  );
}
