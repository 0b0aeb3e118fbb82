"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_lib/trpc";
import { formatMoney } from "@/common/money";

/**
 * Under the recap of days put in the basket: what the basket will ask, the credit on the family
 * account taken off (and any balance still owed added), so the recap's total and the basket's agree.
 */
export function BasketSummary() {
  const trpc = useTRPC();
  const basket = useQuery(trpc.basket.basket.queryOptions());
  const b = basket.data;
  if (!b || !b.lines.length) return null;
  const rows: [string, number][] = [[`Panier : ${b.lines.length} jour${b.lines.length > 1 ? "s" : ""}`, b.subtotalCents]];
  if (b.creditCents) rows.push(["Crédit sur votre compte famille déduit", -b.creditCents]);
  if (b.dueCents) rows.push(["Solde restant dû ajouté", b.dueCents]);
  return (
    <dl className="mt-4 grid max-w-md grid-cols-[1fr_auto] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm">
      {rows.map(([label, cents]) => (
        <div key={label} className="contents">
          <dt className="text-slate-700">{label}</dt>
          <dd className="text-right tabular-nums">{cents < 0 ? `−${formatMoney(-cents)}` : formatMoney(cents)}</dd>
        </div>
      ))}
      <div className="contents font-semibold">
        <dt>À payer dans le panier</dt>
        <dd className="text-right tabular-nums">{formatMoney(b.totalCents)}</dd>
      </div>
    </dl>
  );
}
