import { load } from "@/app/_lib/server";
import { formatDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { Card } from "../ui";

/**
 * « À facturer »: the months not invoiced yet, as the next invoice will bill them (days booked,
 * amount, around when). Shown on Factures and Relevé in communes that invoice; nothing otherwise.
 */
export async function MonthInProgress({ commune }: { commune: string }) {
  const months = await load(commune, (api) => api.home.monthsInProgress());
  if (!months.length) return null;
  return (
    <Card title="À facturer">
      <p className="mb-3 text-sm text-slate-600">Ce que vos prochaines factures reprendront, d&apos;après vos réservations à ce jour.</p>
      <ul className="divide-y divide-slate-100">
        {months.map((m) => (
          <li key={`${m.period}-${m.mode}`} className="py-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p>
                <span className="font-semibold">{m.periodLabel}</span>
                <span className="text-sm text-slate-700">
                  {" · "}
                  {m.days} jour{m.days > 1 ? "s" : ""} {m.mode === "advance" ? `réservé${m.days > 1 ? "s" : ""}` : "de présence"}
                </span>
              </p>
              <p className="font-semibold tabular-nums">{formatMoney(m.amountCents)}</p>
            </div>
            <p className="text-sm text-slate-600">{m.invoiceAround ? `Facture prévue vers le ${formatDate(m.invoiceAround)}` : "Sur la prochaine facture"}</p>
            <details className="mt-1 text-sm">
              <summary className="cursor-pointer font-medium text-brand-700 underline underline-offset-4">Détail de {m.periodLabel.toLowerCase()}</summary>
              <ul className="mt-2 grid gap-1 text-slate-700">
                {m.lines.map((l, i) => (
                  <li key={i} className="flex justify-between gap-3">
                    <span>
                      {l.childName} · {l.label} × {l.quantity}
                    </span>
                    <span className="tabular-nums">{formatMoney(l.amountCents)}</span>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </Card>
  );
}
