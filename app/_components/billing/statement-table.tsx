import { TableScroll } from "@/app/_components/table-scroll";
import { formatInstantDay } from "@/common/dates";
import { formatMoney } from "@/common/money";

export interface StatementRow {
  id: string;
  at: Date;
  label: string;
  amountCents: number;
  balanceAfterCents: number;
}

/** Relevé de compte: one line per document, debit or credit, and the balance after each; days in the commune's time zone. */
export function StatementTable({ lines, balanceCents, timeZone }: { lines: StatementRow[]; balanceCents: number; timeZone: string }) {
  return (
    <div>
      {lines.length ? (
        <TableScroll label="Relevé de compte">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Relevé de compte</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="hidden py-2 pr-2 sm:pr-3 font-medium sm:table-cell">Date</th>
                <th scope="col" className="py-2 pr-2 sm:pr-3 font-medium">Libellé</th>
                <th scope="col" className="py-2 pr-2 sm:pr-3 text-right font-medium">Débit</th>
                <th scope="col" className="py-2 pr-2 sm:pr-3 text-right font-medium">Crédit</th>
                <th scope="col" className="py-2 text-right font-medium">Solde</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {lines.map((l) => (
                <tr key={`${l.id}-${l.label}`}>
                  <td className="hidden py-2 pr-2 sm:pr-3 whitespace-nowrap sm:table-cell">{formatInstantDay(new Date(l.at), timeZone)}</td>
                  <td className="py-2 pr-3">
                    {/* On a phone the date goes above the label: the amounts and the balance fit without scrolling. */}
                    <span className="block text-xs text-slate-600 sm:hidden">{formatInstantDay(new Date(l.at), timeZone)}</span>
                    {l.label}
                  </td>
                  <td className="py-2 pr-2 sm:pr-3 text-right tabular-nums">{l.amountCents > 0 ? formatMoney(l.amountCents) : ""}</td>
                  <td className="py-2 pr-2 sm:pr-3 text-right tabular-nums">{l.amountCents < 0 ? formatMoney(-l.amountCents) : ""}</td>
                  <td className="py-2 text-right tabular-nums">{formatMoney(l.balanceAfterCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="text-sm text-slate-600">Aucune facture, aucun avoir ni paiement pour l&apos;instant.</p>
      )}
      <p className="mt-3 text-right font-semibold">
        {balanceCents > 0 ? "Solde dû" : balanceCents < 0 ? "Crédit sur le compte famille" : "Solde"} :{" "}
        <span className="tabular-nums">{formatMoney(Math.abs(balanceCents))}</span>
      </p>
    </div>
  );
}
