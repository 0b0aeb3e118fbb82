"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { BasketActions } from "@/app/_components/billing/counter-payment";
import { useConfirm } from "@/app/_components/confirm-dialog";
import { TableScroll } from "@/app/_components/table-scroll";
import { Alert, Button, ButtonLink, Card } from "@/app/_components/ui";
import { formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDayHeading } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";

const timeIn = (instant: Date, timeZone: string) => new Intl.DateTimeFormat("fr-FR", { timeStyle: "short", timeZone }).format(instant);

/** Minutes and seconds left, refreshed every second, counted from the server's figure (not the browser's clock). */
function Countdown({ ms }: { ms: number }) {
  const [left, setLeft] = useState(ms);
  useEffect(() => {
    const end = Date.now() + ms;
    setLeft(ms);
    const timer = setInterval(() => setLeft(end - Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ms]);
  if (left <= 0) return <span>(expiré)</span>;
  const m = Math.floor(left / 60_000);
  const s = Math.floor((left % 60_000) / 1000);
  return <span aria-hidden="true">({m} min {String(s).padStart(2, "0")} s)</span>;
}

export function BasketView({ commune, timeZone, onlinePayments }: { commune: string; timeZone: string; onlinePayments: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const basket = useQuery(trpc.basket.basket.queryOptions());
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.basket.basket.queryKey() });
    router.refresh();
  };
  const remove = useMutation({ ...trpc.basket.removeFromBasket.mutationOptions(), onSuccess: refresh });
  const empty = useMutation({ ...trpc.basket.emptyBasket.mutationOptions(), onSuccess: refresh });
  const pay = useMutation({ ...trpc.basket.startPayment.mutationOptions(), onSuccess: (start) => router.push(start.url) });
  const error = remove.error ?? empty.error ?? pay.error;
  const [confirm, dialog] = useConfirm();

  if (basket.isPending) return <p className="text-slate-600">Chargement du panier…</p>;
  if (basket.error) return <Alert tone="error">{basket.error.message}</Alert>;
  const b = basket.data;
  if (!b.lines.length) {
    return (
      <Card>
        {b.dueCents > 0 ? (
          <Alert tone="warning">
            Votre compte famille présente un solde dû de {formatMoney(b.dueCents)}.{" "}
            <Link href={`/${commune}/factures`} className="font-semibold underline underline-offset-4">
              {onlinePayments ? "Le régler en ligne" : "Voir mes factures (à régler au guichet de la mairie)"}
            </Link>
          </Alert>
        ) : null}
        <p className="mb-4 text-slate-700">Votre panier est vide.</p>
        {b.creditAvailableCents > 0 ? (
          <p className="mb-4 text-sm text-slate-700">{messages.basket.creditWaiting(formatMoney(b.creditAvailableCents))}</p>
        ) : null}
        <ButtonLink href={`/${commune}/planning`}>Réserver depuis le planning</ButtonLink>
      </Card>
    );
  }
  const busy = remove.isPending || empty.isPending || pay.isPending;
  return (
    <div className="grid gap-6">
      {error ? <Alert tone="error">{formError(error) ?? error.message}</Alert> : null}
      {b.expiresAt ? (
        <Alert tone="warning">
          Votre panier expire à {timeIn(new Date(b.expiresAt), timeZone)} <Countdown ms={b.expiresInMs ?? 0} /> : passé ce délai, les places
          sont libérées.
        </Alert>
      ) : null}
      <Card title="Récapitulatif">
        <TableScroll label="Réservations en attente de paiement">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Réservations en attente de paiement</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Date</th>
                <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">Enfant</th>
                <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">Activité</th>
                <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">Tarification</th>
                <th scope="col" className="hidden py-2 pr-3 text-right font-medium sm:table-cell">Prix unitaire</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">Montant</th>
                <th scope="col" className="py-2 font-medium"><span className="sr-only">Action</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {b.lines.map((l) => (
                <tr key={l.bookingId}>
                  <td className="py-2 pr-3">
                    <span className="block">{formatDayHeading(l.date)}</span>
                    {/* On a phone the child, the activity and the pricing go under the date: the line fits without scrolling. */}
                    <span className="block text-xs text-slate-600 sm:hidden">
                      {l.childName} · {l.activityName}
                      {l.pricing ? ` · ${l.pricing}` : ""}
                    </span>
                  </td>
                  <td className="hidden py-2 pr-3 sm:table-cell">{l.childName}</td>
                  <td className="hidden py-2 pr-3 sm:table-cell">{l.activityName}</td>
                  <td className="hidden py-2 pr-3 sm:table-cell">{l.pricing ?? "—"}</td>
                  <td className="hidden py-2 pr-3 text-right tabular-nums sm:table-cell">{formatMoney(l.unitPriceCents)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatMoney(l.amountCents)}</td>
                  <td className="py-2 text-right">
                    <Button
                      variant="secondary"
                      disabled={busy}
                      aria-label={`Retirer du panier : ${l.activityName}, ${l.childName}, ${formatDayHeading(l.date)}`}
                      onClick={() => remove.mutate({ bookingId: l.bookingId })}
                    >
                      Retirer
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <dl className="mt-4 ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
          <dt>Sous-total</dt>
          <dd className="text-right tabular-nums">{formatMoney(b.subtotalCents)}</dd>
          {b.creditCents > 0 ? (
            <>
              <dt>Crédit sur votre compte famille</dt>
              <dd className="text-right tabular-nums">− {formatMoney(b.creditCents)}</dd>
            </>
          ) : null}
          {b.dueCents > 0 ? (
            <>
              <dt>Restant dû</dt>
              <dd className="text-right tabular-nums">+ {formatMoney(b.dueCents)}</dd>
            </>
          ) : null}
          <dt className="border-t border-slate-200 pt-1 text-base font-semibold">Total à payer</dt>
          <dd className="border-t border-slate-200 pt-1 text-right text-base font-semibold tabular-nums">{formatMoney(b.totalCents)}</dd>
        </dl>
        {b.pendingCents > 0 ? (
          <p className="mt-3 text-right text-sm text-slate-600">
            {formatMoney(b.pendingCents)} de factures déjà en cours de paiement en ligne ne sont pas ajoutés ici.
          </p>
        ) : null}
        <BasketActions online={onlinePayments} totalCents={b.totalCents} busy={busy} onEmpty={async () => {
            const n = b.lines.length;
            const asked = { title: messages.basket.confirmEmpty.title(n), text: messages.basket.confirmEmpty.text(n), confirmLabel: messages.basket.confirmEmpty.confirm, danger: true };
            if (await confirm(asked)) empty.mutate(undefined);
          }} onPay={() => pay.mutate(undefined)} />
        {dialog}
      </Card>
      <p className="text-sm text-slate-600">
        <Link href={`/${commune}/planning`} className="font-semibold text-brand-700 underline underline-offset-4">
          Ajouter d&apos;autres jours depuis le planning
        </Link>
      </p>
    </div>
  );
}
