import { Badge } from "@/app/_components/ui";
import type { InvoiceStatus } from "@/server/domain/billing/standing";
import { formatMoney } from "@/common/money";

/** The server's standing of an invoice (account credit included), in the family's words. */
export function FamilyStatus({ invoice }: { invoice: { status: InvoiceStatus; remainingCents: number } }) {
  if (invoice.status === "paid" || invoice.status === "credited") return <Badge tone="success">Payée</Badge>;
  if (invoice.status === "partly_paid") return <Badge tone="warning">Reste {formatMoney(invoice.remainingCents)}</Badge>;
  return <Badge tone="warning">À payer</Badge>;
}
