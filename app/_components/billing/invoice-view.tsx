import type { ReactNode } from "react";
import { PreviousBalanceRow } from "@/app/_components/billing/previous-balance";
import { DownloadButton } from "@/app/_components/download-button";
import { TableScroll } from "@/app/_components/table-scroll";
import { Card } from "@/app/_components/ui";
import { formatDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import type { InvoiceDetail } from "@/server/domain/billing/invoices";

const shortDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

type Invoice = Pick<
  InvoiceDetail,
  "number" | "dueDate" | "paidCents" | "accountCreditCents" | "remainingCents" | "totalCents" | "creditedCents" | "previousBalanceCents" | "toPayCents" | "lines" | "creditNotes"
>;

/**
 * One invoice as the family and the front desk both read it: its state, its lines, the previous
 * balance and the totals. What each may do with it comes in through the slots.
 */
export function InvoiceView({
  invoice,
  status,
  staff = false,
  issuedOn,
  overdue = false,
  actions,
  beforeDetail,
  children,
}: {
  invoice: Invoice;
  /** The state badge, worded for who reads it. */
  status: ReactNode;
  /** The front desk also sees the issue date, the total and the avoirs in the summary; its avoirs get their own table (in `children`). */
  staff?: boolean;
  issuedOn?: string;
  overdue?: boolean;
  /** Buttons under the summary (download, hide…). */
  actions?: ReactNode;
  /** Between the summary and the lines (the family's « Payer cette facture »). */
  beforeDetail?: ReactNode;
  /** After the lines. */
  children?: ReactNode;
}) {
  return (
    <div className="grid gap-6">
      <Card>
        <dl className={`grid gap-x-6 gap-y-3 text-sm ${staff ? "grid-cols-2 sm:grid-cols-4" : "sm:grid-cols-3"}`}>
          <Fact label="État">{status}</Fact>
          {issuedOn ? <Fact label="Émise le">{issuedOn}</Fact> : null}
          <Fact label="À régler avant le">
            {formatDate(invoice.dueDate)}
            {overdue ? <span className="block text-red-800">Échéance dépassée</span> : null}
          </Fact>
          {staff ? <Fact label="Total de la facture" amount={invoice.totalCents} /> : null}
          <Fact label="Déjà réglé" amount={invoice.paidCents} />
          {staff ? <Fact label="Avoirs">{invoice.creditedCents > 0 ? `−${formatMoney(invoice.creditedCents)}` : "—"}</Fact> : null}
          {invoice.accountCreditCents ? <Fact label="Crédit du compte famille utilisé" amount={invoice.accountCreditCents} /> : null}
          <Fact label="Reste à payer" amount={invoice.remainingCents} strong={staff} />
        </dl>
        {actions ? <div className="mt-4 flex flex-wrap items-start gap-3">{actions}</div> : null}
      </Card>
      {beforeDetail}
      <Card title="Détail">
        <InvoiceLines invoice={invoice} />
        <dl className="mt-4 grid gap-1 text-sm sm:ml-auto sm:max-w-sm">
          <PreviousBalanceRow cents={invoice.previousBalanceCents} className="flex justify-between gap-6" />
          <div className="flex justify-between gap-6">
            <dt>Total de la facture</dt>
            <dd className="tabular-nums">{formatMoney(invoice.totalCents)}</dd>
          </div>
          <div className="flex justify-between gap-6 text-base font-bold">
            {/* Staff read it beside later payments and avoirs: the figure is the one printed at issue. */}
            <dt>{staff ? "Total à payer (à l'émission)" : "Total à payer"}</dt>
            <dd className="tabular-nums">{formatMoney(invoice.toPayCents)}</dd>
          </div>
        </dl>
        {!staff && invoice.creditNotes.length ? (
          <ul className="mt-4 text-sm text-slate-700">
            {invoice.creditNotes.map((c) => (
              <li key={c.id}>
                Avoir {c.number} : −{formatMoney(c.amountCents)} ({c.reason})
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      {children}
    </div>
  );
}

function Fact({ label, amount, strong = false, children }: { label: string; amount?: number; strong?: boolean; children?: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className={`${strong ? "font-semibold" : "font-medium"} ${amount === undefined ? "" : "tabular-nums"}`}>{amount === undefined ? children : formatMoney(amount)}</dd>
    </div>
  );
}

/** The lines; on a phone the days go under the label, so the amounts fit without scrolling. */
function InvoiceLines({ invoice }: { invoice: Pick<Invoice, "number" | "lines"> }) {
  if (!invoice.lines.length) return <p className="text-sm text-slate-600">Aucune ligne sur cette facture.</p>;
  const label = `Lignes de la facture ${invoice.number}`;
  return (
    <TableScroll label={label}>
      <table className="w-full text-left text-sm sm:min-w-[34rem]">
        <caption className="sr-only">{label}</caption>
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
                {l.childName ? <span className="block text-xs text-slate-600">{l.childName}</span> : null}
                {l.label}
                <span className="block text-xs text-slate-600 sm:hidden">{l.dates.map(shortDate).join(", ")}</span>
              </td>
              <td className="hidden py-2 pr-3 text-xs sm:table-cell">{l.dates.map(shortDate).join(", ")}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{l.quantity}</td>
              <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">{formatMoney(l.unitPriceCents)}</td>
              <td className="py-2 text-right whitespace-nowrap tabular-nums">{formatMoney(l.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export const invoicePdfHref = (commune: string, invoiceId: string) => `/api/factures/${encodeURIComponent(commune)}/${encodeURIComponent(invoiceId)}/pdf`;

/** « Télécharger la facture (PDF) », for the family and the front desk alike (the route checks who asks). */
export function InvoicePdfButton({ commune, invoiceId, number }: { commune: string; invoiceId: string; number: string }) {
  return (
    <DownloadButton href={invoicePdfHref(commune, invoiceId)} fallbackName={`facture-${number}.pdf`} errorText="Le PDF n'a pas pu être préparé.">
      Télécharger la facture (PDF)
    </DownloadButton>
  );
}
