import { Badge } from "@/app/_components/ui";
import type { InvoiceStatus as Status } from "@/server/domain/billing/standing";
import { formatMoney } from "@/common/money";

const badges: Record<Status, { tone: "success" | "warning" | "danger"; label: string }> = {
  paid: { tone: "success", label: "Payée" },
  credited: { tone: "success", label: "Soldée par avoir" },
  partly_paid: { tone: "warning", label: "Partiellement payée" },
  unpaid: { tone: "danger", label: "Impayée" },
};

/** Paid, partly paid or unpaid, as the server's standing of the invoice says (account credit included). */
export function InvoiceStatus({ invoice }: { invoice: { status: Status } }) {
  const badge = badges[invoice.status];
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}

/** "− 2,50 €" for a credit, "—" for nothing. */
export const creditText = (cents: number) => (cents > 0 ? `−${formatMoney(cents)}` : "—");
