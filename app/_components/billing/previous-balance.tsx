import { messages } from "@/common/messages";
import { formatMoney } from "@/common/money";

/** The previous balance of an invoice: a credit the family had is said as one, deducted, not as « -3,60 € » still due. */
export function PreviousBalanceRow({ cents, className }: { cents: number; className: string }) {
  return (
    <div className={className}>
      <dt>{cents < 0 ? messages.billing.pdf.previousCredit : messages.billing.pdf.previousBalance}</dt>
      <dd className="tabular-nums">{cents < 0 ? `− ${formatMoney(-cents)}` : formatMoney(cents)}</dd>
    </div>
  );
}
