import Link from "next/link";
import { formatDayLong } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { TableScroll } from "../table-scroll";
import { Badge, Card } from "../ui";

export interface Outcome {
  childId: string;
  activityId: string;
  date: string;
  action: "book" | "cancel" | "waitlist";
  result: "confirmed" | "waitlisted" | "cancelled" | "unchanged" | "full" | "refused";
  message: string;
  /** Price snapshot of a booking made now (cents), before any sibling reduction; null when none was made or the activity has no tariff. */
  unitPriceCents?: number | null;
  /** What the day costs, reduction taken off. */
  amountCents?: number | null;
  /** How the server priced it ("QF 400 à moins de 700, résident"). */
  pricingLabel?: string | null;
  /** In the basket, to be paid. */
  held?: true;
  /** Refused for a debt: where to pay it online. */
  payHref?: string;
}

const tones = { confirmed: "success", waitlisted: "warning", cancelled: "neutral", unchanged: "neutral", full: "warning", refused: "danger" } as const;
const labels = { confirmed: "Réservé", waitlisted: "Liste d'attente", cancelled: "Annulé", unchanged: "Inchangé", full: "Complet", refused: "Refusé" } as const;

const money = (cents: number | null | undefined) => (cents === null || cents === undefined ? "—" : formatMoney(cents));

/** What the server did with each change, day by day, with the price fixed for each day booked ("—" without a tariff). */
export function Recap({ outcomes, names }: { outcomes: Outcome[]; names: Record<string, string> }) {
  const sorted = [...outcomes].sort((a, b) => a.date.localeCompare(b.date) || (names[a.childId] ?? "").localeCompare(names[b.childId] ?? ""));
  const summary = messages.booking.recapSummary({
    booked: outcomes.filter((o) => o.result === "confirmed" && !o.held).length,
    held: outcomes.filter((o) => o.result === "confirmed" && o.held).length,
    waitlisted: outcomes.filter((o) => o.result === "waitlisted").length,
    cancelled: outcomes.filter((o) => o.result === "cancelled").length,
    refused: outcomes.filter((o) => o.result === "refused" || o.result === "full").length,
  });
  // One day booked = one unit, its reduction taken off by the server; waiting-list days are not charged.
  const lineTotal = (o: Outcome) => (o.result === "confirmed" ? (o.amountCents ?? null) : null);
  const grandTotal = sorted.reduce((sum, o) => sum + (lineTotal(o) ?? 0), 0);
  const anyPrice = sorted.some((o) => lineTotal(o) !== null);
  const payHref = outcomes.find((o) => o.payHref)?.payHref;
  const totalLabel = outcomes.some((o) => o.held) ? "Total des jours ajoutés au panier" : "Total des jours réservés";
  return (
    <Card title="Récapitulatif">
      {payHref ? (
        <p className="mb-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {outcomes.find((o) => o.payHref)!.message}{" "}
          <Link href={payHref} className="font-semibold underline underline-offset-4">
            Régler mes factures en ligne
          </Link>
        </p>
      ) : null}
      <p className="mb-3 text-sm text-slate-700">{summary}</p>
      {sorted.length ? (
        <TableScroll label="Récapitulatif des réservations validées">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Récapitulatif des réservations validées</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Date</th>
                <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">Enfant</th>
                <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">Activité</th>
                <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">Tarification</th>
                <th scope="col" className="hidden py-2 pr-3 text-right font-medium sm:table-cell">Prix unitaire</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">Montant</th>
                <th scope="col" className="py-2 font-medium">Résultat</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sorted.map((o) => (
                <tr key={`${o.childId}-${o.activityId}-${o.date}`}>
                  <td className="py-2 pr-3">
                    <span className="block first-letter:uppercase">{formatDayLong(o.date)}</span>
                    {/* On a phone the child, the activity and the pricing go under the date: the line fits without scrolling. */}
                    <span className="block text-xs text-slate-600 sm:hidden">
                      {names[o.childId] ?? ""} · {names[o.activityId] ?? ""}
                      {(o.result === "confirmed" || o.result === "waitlisted") && o.pricingLabel ? ` · ${o.pricingLabel}` : ""}
                    </span>
                  </td>
                  <td className="hidden py-2 pr-3 sm:table-cell">{names[o.childId] ?? ""}</td>
                  <td className="hidden py-2 pr-3 sm:table-cell">{names[o.activityId] ?? ""}</td>
                  <td className="hidden py-2 pr-3 sm:table-cell">{o.result === "confirmed" || o.result === "waitlisted" ? (o.pricingLabel ?? "—") : "—"}</td>
                  <td className="hidden py-2 pr-3 text-right tabular-nums sm:table-cell">
                    {o.result === "confirmed" || o.result === "waitlisted" ? money(o.unitPriceCents) : "—"}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">{money(lineTotal(o))}</td>
                  <td className="py-2">
                    <Badge tone={o.held ? "warning" : tones[o.result]}>{o.held ? "Dans le panier" : labels[o.result]}</Badge>
                    {o.result === "refused" || o.result === "full" ? <span className="block text-xs text-slate-600">{o.payHref ? "Solde dû à régler (voir ci-dessus)" : o.message}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-slate-200 font-semibold">
              <tr>
                <th scope="row" colSpan={5} className="hidden py-2 pr-3 text-right sm:table-cell">
                  {totalLabel}
                </th>
                <th scope="row" className="py-2 pr-3 text-right sm:hidden">
                  {totalLabel}
                </th>
                <td className="py-2 pr-3 text-right tabular-nums">{anyPrice ? formatMoney(grandTotal) : "—"}</td>
                <td className="py-2" />
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      ) : (
        <p className="text-sm text-slate-600">Aucune modification.</p>
      )}
    </Card>
  );
}
