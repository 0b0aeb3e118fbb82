import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { civilDateIn, formatDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import type { AppRouter } from "@/server/root";
import { creditText, InvoiceStatus } from "./invoice-status";
import { TableScroll } from "@/app/_components/table-scroll";

type Outputs = inferRouterOutputs<AppRouter>;
type Invoice = Outputs["invoices"]["householdInvoices"][number];
type StatementLine = Outputs["payments"]["statement"]["lines"][number];

const th = "py-2 pr-3 font-medium";

/**
 * "Factures et avoirs" on a family's page: every invoice with what is left to pay (each opens its
 * detail, where an avoir is issued), then every avoir of the household, against an invoice or not.
 */
export function HouseholdInvoices({
  commune,
  householdId,
  invoices,
  statementLines,
  timeZone,
}: {
  commune: string;
  householdId: string;
  invoices: Invoice[];
  statementLines: StatementLine[];
  timeZone: string;
}) {
  const creditNotes = statementLines.filter((l) => l.kind === "credit_note");
  const day = (at: Date) => formatDate(civilDateIn(new Date(at), timeZone));
  return (
    <div className="grid grid-cols-1 gap-6">
      {invoices.length ? (
        <TableScroll label="Factures de la famille">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="mb-2 text-left text-sm text-slate-600">
              Factures de la famille, de la plus récente à la plus ancienne. Ouvrez une facture pour voir son détail, la télécharger ou émettre un avoir.
            </caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className={th}>Facture</th>
                <th scope="col" className={th}>Période</th>
                <th scope="col" className={th}>Émise le</th>
                <th scope="col" className={`${th} text-right`}>Total</th>
                <th scope="col" className={`${th} text-right`}>Avoirs</th>
                <th scope="col" className={`${th} text-right`}>Reste à payer</th>
                <th scope="col" className="py-2 font-medium">État</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invoices.map((i) => (
                <tr key={i.id}>
                  <th scope="row" className="py-2 pr-3 font-normal whitespace-nowrap">
                    <Link
                      href={`/${commune}/admin/familles/${householdId}/factures/${i.id}`}
                      className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4"
                    >
                      <span className="sr-only">Facture </span>
                      {i.number}
                    </Link>
                  </th>
                  <td className="py-2 pr-3">{i.periodLabel}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">{day(i.issuedAt)}</td>
                  <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">{formatMoney(i.totalCents)}</td>
                  <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">{creditText(i.creditedCents)}</td>
                  <td className="py-2 pr-3 text-right font-semibold whitespace-nowrap tabular-nums">{formatMoney(i.remainingCents)}</td>
                  <td className="py-2 whitespace-nowrap">
                    <InvoiceStatus invoice={i} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="text-sm text-slate-600">Aucune facture émise pour cette famille.</p>
      )}
      <div>
        <h3 className="mb-2 text-base font-semibold text-slate-900">Avoirs</h3>
        {creditNotes.length ? (
          <TableScroll label="Avoirs de la famille">
            <table className="w-full min-w-[28rem] text-left text-sm">
              <caption className="sr-only">Avoirs de la famille</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className={th}>Date</th>
                  <th scope="col" className={th}>Avoir</th>
                  <th scope="col" className="py-2 text-right font-medium">Montant</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {creditNotes.map((c) => (
                  <tr key={c.id}>
                    <td className="py-2 pr-3 whitespace-nowrap">{day(c.at)}</td>
                    <td className="py-2 pr-3">{c.label}</td>
                    <td className="py-2 text-right whitespace-nowrap tabular-nums">{formatMoney(-c.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="text-sm text-slate-600">Aucun avoir émis pour cette famille.</p>
        )}
      </div>
    </div>
  );
}
