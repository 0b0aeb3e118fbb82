import Link from "next/link";
import type { ReactNode } from "react";
import { Alert, Button } from "@/app/_components/ui";
import { formatDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";

/** Said wherever an online payment would be offered while no provider takes them: pay at the counter. */
export function CounterPaymentNotice({ message = messages.onlinePayment.unavailable }: { message?: string }) {
  return <Alert tone="info">{message}</Alert>;
}

export interface DueInvoice {
  id: string;
  number: string;
  periodLabel: string;
  remainingCents: number;
  dueDate?: string;
  /** The due date is behind the commune's today. */
  overdue?: boolean;
}

/** « À régler avant le 15 décembre 2026 », or, once that day has passed, that it is overdue. */
export function DueDateLine({ dueDate, overdue = false }: { dueDate?: string; overdue?: boolean }) {
  if (!dueDate) return null;
  return <p className={`text-sm ${overdue ? "font-medium text-red-800" : "text-slate-600"}`}>{messages.billing.dueBy(formatDate(dueDate), overdue)}</p>;
}

/** One invoice due: its link, its due date (and what the caller adds under it), what remains to pay. */
export function DueInvoiceSummary({ commune, invoice: i, children, className = "min-w-0" }: { commune: string; invoice: DueInvoice; children?: ReactNode; className?: string }) {
  return (
    <>
      <div className={className}>
        <Link href={`/${commune}/factures/${i.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
          Facture {i.number} — {i.periodLabel}
        </Link>
        <DueDateLine dueDate={i.dueDate} overdue={i.overdue} />
        {children}
      </div>
      <p className="shrink-0 text-right font-semibold tabular-nums">
        <span className="sr-only">Reste à payer : </span>
        {formatMoney(i.remainingCents)}
      </p>
    </>
  );
}

/** "Factures à payer" without online payment: what is still due on each invoice, nothing to tick. */
export function DueInvoiceList({ commune, invoices }: { commune: string; invoices: DueInvoice[] }) {
  return (
    <div>
      <CounterPaymentNotice />
      <ul className="divide-y divide-slate-100">
        {invoices.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
            <DueInvoiceSummary commune={commune} invoice={i} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The basket's buttons: pay (or confirm when the account's credit covers it all), or, without an
 * online provider and something to pay, the counter instead of a button that could only fail.
 */
export function BasketActions({ online, totalCents, busy, onEmpty, onPay }: { online: boolean; totalCents: number; busy: boolean; onEmpty: () => void; onPay: () => void }) {
  const payable = online || totalCents === 0;
  return (
    <div className="mt-6">
      {payable ? null : <CounterPaymentNotice message={messages.onlinePayment.basketUnavailable} />}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" disabled={busy} onClick={onEmpty}>
          Tout supprimer
        </Button>
        {payable ? (
          <Button disabled={busy} onClick={onPay}>
            {totalCents > 0 ? `Payer ${formatMoney(totalCents)}` : "Confirmer (réglé par votre crédit)"}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
