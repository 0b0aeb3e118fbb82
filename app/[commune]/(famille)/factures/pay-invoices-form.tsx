"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button } from "@/app/_components/ui";
import { formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { DueInvoiceSummary } from "@/app/_components/billing/counter-payment";
import { formatMoney } from "@/common/money";

export interface PayableInvoice {
  id: string;
  number: string;
  periodLabel: string;
  /** What paying it online now asks; 0: an open basket payment already includes it. */
  remainingCents: number;
  dueDate?: string;
  /** The due date is behind the commune's today. */
  overdue?: boolean;
  /** The provider's page of an online payment already open for it, to go back to. */
  openPaymentUrl?: string | null;
}

/** Said next to an invoice that an online payment still open already pays. */
function OpenPaymentNote({ invoice, className = "" }: { invoice: PayableInvoice; className?: string }) {
  if (!invoice.openPaymentUrl) return null;
  return (
    <p className={`text-sm text-slate-700 ${className}`}>
      {invoice.remainingCents === 0 ? "Comprise dans le paiement de votre panier en cours. " : "Un paiement en ligne est déjà ouvert pour cette facture. "}
      <Link href={invoice.openPaymentUrl} className="font-semibold text-brand-700 underline underline-offset-4">
        Reprendre ce paiement
      </Link>
    </p>
  );
}

/**
 * "Factures à payer" of one family file: every invoice ticked by default, one online payment for
 * those ticked. The amounts shown are the server's; it computes them again when the payment opens.
 */
export function PayInvoicesForm({
  commune,
  invoices,
  title,
  single,
}: {
  commune: string;
  invoices: PayableInvoice[];
  title?: string;
  /** On an invoice's own page: that invoice only, and whether others are due too. */
  single?: { othersDue: boolean };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  // An invoice an open basket payment already includes is not offered again.
  const tickable = invoices.filter((i) => i.remainingCents > 0);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(tickable.map((i) => i.id)));
  const pay = useMutation({ ...trpc.payments.payInvoicesOnline.mutationOptions(), onSuccess: (start) => router.push(start.url) });
  const total = invoices.filter((i) => selected.has(i.id)).reduce((s, i) => s + i.remainingCents, 0);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const all = selected.size === tickable.length;
  if (single) {
    // One invoice's page: no list to tick, just what is left on it and the button.
    const only = invoices[0]!;
    if (only.remainingCents === 0) return <OpenPaymentNote invoice={only} />;
    return (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          pay.mutate({ invoiceIds: [only.id] });
        }}
      >
        {pay.error ? <Alert tone="error">{formError(pay.error) ?? pay.error.message}</Alert> : null}
        <OpenPaymentNote invoice={only} className="mb-3" />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-700">
            Reste à payer sur cette facture : <span className="font-semibold tabular-nums text-slate-900">{formatMoney(only.remainingCents)}</span>
          </p>
          <Button type="submit" disabled={pay.isPending}>
            Payer {formatMoney(only.remainingCents)} en ligne
          </Button>
        </div>
        {single.othersDue ? (
          <p className="mt-3 text-sm text-slate-600">
            D&apos;autres factures restent dues (dont le solde antérieur) :{" "}
            <Link href={`/${commune}/factures`} className="font-semibold text-brand-700 underline underline-offset-4">
              les régler en une fois depuis « Factures »
            </Link>
            .
          </p>
        ) : null}
      </form>
    );
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        pay.mutate({ invoiceIds: invoices.filter((i) => selected.has(i.id)).map((i) => i.id) });
      }}
    >
      {pay.error ? <Alert tone="error">{formError(pay.error) ?? pay.error.message}</Alert> : null}
      <fieldset>
        <legend className={title ? "mb-1 text-base font-semibold text-slate-900" : "sr-only"}>{title ?? "Factures à régler en ligne"}</legend>
        {tickable.length > 1 ? (
          <label className="flex min-h-11 items-center gap-3 border-b border-slate-100 pl-3 text-sm font-medium">
            <input type="checkbox" className="size-5" checked={all} onChange={(e) => setSelected(e.target.checked ? new Set(tickable.map((i) => i.id)) : new Set())} />
            Tout sélectionner
          </label>
        ) : null}
        <ul className="divide-y divide-slate-100">
          {invoices.map((i) => (
            <li key={i.id} className="flex items-center gap-3 py-3">
              {i.remainingCents > 0 ? (
                <label className="flex size-11 shrink-0 cursor-pointer items-center justify-center">
                  <input type="checkbox" className="size-5" checked={selected.has(i.id)} onChange={(e) => toggle(i.id, e.target.checked)} />
                  <span className="sr-only">
                    Payer la facture {i.number} ({formatMoney(i.remainingCents)})
                  </span>
                </label>
              ) : (
                <span className="size-11 shrink-0" aria-hidden="true" />
              )}
              <DueInvoiceSummary commune={commune} invoice={i} className="min-w-0 flex-1">
                <OpenPaymentNote invoice={i} />
              </DueInvoiceSummary>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
        <p className="text-sm text-slate-700" aria-live="polite">
          {selected.size} facture{selected.size > 1 ? "s" : ""} sélectionnée{selected.size > 1 ? "s" : ""} · total{" "}
          <span className="font-semibold tabular-nums text-slate-900">{formatMoney(total)}</span>
        </p>
        <Button type="submit" disabled={pay.isPending || selected.size === 0}>
          {selected.size ? `Payer ${formatMoney(total)} en ligne` : "Cochez une facture à payer"}
        </Button>
      </div>
    </form>
  );
}
