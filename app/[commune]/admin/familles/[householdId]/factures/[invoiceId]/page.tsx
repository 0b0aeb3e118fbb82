import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InvoicePdfButton, InvoiceView } from "@/app/_components/billing/invoice-view";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { civilDateIn, formatDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { InvoiceStatus } from "../../invoice-status";
import { TableScroll } from "@/app/_components/table-scroll";
import { CreditNoteForm } from "./credit-note-form";

export const metadata: Metadata = { title: "Facture" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Front desk: one invoice of a family, its PDF, its avoirs, and "Émettre un avoir". */
export default async function StaffInvoicePage({ params }: { params: Promise<{ commune: string; householdId: string; invoiceId: string }> }) {
  const { commune, householdId, invoiceId } = await params;
  if (!UUID.test(householdId) || !UUID.test(invoiceId)) notFound();
  const [invoice, access] = await Promise.all([
    load(commune, (api) => api.invoices.staffDetail({ invoiceId })),
    communeAccess(commune),
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
      <InvoiceView
        invoice={invoice}
        status={<InvoiceStatus invoice={invoice} />}
        staff
        issuedOn={day(invoice.issuedAt)}
        actions={<InvoicePdfButton commune={commune} invoiceId={invoice.id} number={invoice.number} />}
      >
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
      </InvoiceView>
    </Main>
  );
}
