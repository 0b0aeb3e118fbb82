import { Badge } from "@/app/_components/ui";
import { formatMoney } from "@/server/lib/money";

/** Paid, partly paid or unpaid, as the front desk reads it; an invoice cleared by avoirs alone says so. */
export function InvoiceStatus({ invoice }: { invoice: { paid: boolean; paidCents: number; creditedCents: number; remainingCents: number } }) {
  if (invoice.paid) return <Badge tone="success">{invoice.paidCents === 0 && invoice.creditedCents > 0 ? "Soldée par avoir" : "Payée"}</Badge>;
  if (invoice.paidCents + invoice.creditedCents > 0) return <Badge tone="warning">Partiellement payée</Badge>;
  return <Badge tone="danger">Impayée</Badge>;
}

/** "− 2,50 €" for a credit, "—" for nothing. */
export const creditText = (cents: number) => (cents > 0 ? `−${formatMoney(cents)}` : "—");
