import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert, ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { messages } from "@/common/messages";
import { formatMoney } from "@/common/money";
import { formatInstant } from "@/common/dates";
import type { PaymentReceipt } from "@/server/domain/billing/receipts";

export const metadata: Metadata = { title: "Résultat du paiement" };

export default async function PaymentResultPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ ref?: string; annule?: string }> }) {
  const { commune } = await params;
  const { ref, annule } = await searchParams;
  if (!ref) notFound();
  const [payment, access] = await Promise.all([load(commune, (api) => api.basket.paymentStatus({ ref })), communeAccess(commune)]);
  const timeZone = access.tenant.timeZone;
  // Neither paid nor refused: replaced by a newer payment, or its page closed without an answer.
  const closed = payment.status === "cancelled" ? messages.onlinePayment.superseded : payment.status === "pending" && !payment.open ? messages.onlinePayment.expired : null;
  // Back from the provider's « Retour »: the parent left, the bank has nothing to answer.
  const left = !closed && payment.status === "pending" && annule === "1" && payment.expiresAt ? messages.onlinePayment.leftByParent(formatInstant(payment.expiresAt, timeZone)) : null;
  const credited = payment.lines.filter((l) => l.creditedCents !== null && l.status === "cancelled");
  if (payment.purpose === "invoices") {
    return (
      <Main narrow>
        <PageTitle>Paiement</PageTitle>
        {payment.status === "succeeded" ? (
          <>
            <Alert tone="success">{messages.onlinePayment.accepted}</Alert>
            <Card>
              <ReceiptDetails receipt={payment.receipt} amountCents={payment.amountCents} timeZone={timeZone} />
              <div className="flex flex-wrap gap-2">
                <ButtonLink href={`/${commune}/factures`}>Voir mes factures</ButtonLink>
                <ButtonLink variant="secondary" href={`/${commune}/releve`}>
                  Voir mon relevé de compte
                </ButtonLink>
              </div>
            </Card>
          </>
        ) : payment.status === "failed" ? (
          <>
            <Alert tone="error">{messages.onlinePayment.refused}</Alert>
            <ButtonLink href={`/${commune}/factures`}>Revenir à mes factures</ButtonLink>
          </>
        ) : (
          <>
            <Alert tone={closed || left ? "warning" : "info"}>{closed ?? left ?? "Paiement en attente de la réponse de la banque."}</Alert>
            <ButtonLink href={`/${commune}/factures`}>Revenir à mes factures</ButtonLink>
          </>
        )}
      </Main>
    );
  }
  return (
    <Main narrow>
      <PageTitle>Paiement</PageTitle>
      {payment.status === "succeeded" ? (
        <>
          <Alert tone="success">{messages.basket.accepted}</Alert>
          {credited.length ? <Alert tone="warning">{messages.basket.lateCredited(credited.length)}</Alert> : null}
          <Card>
            <ReceiptDetails receipt={payment.receipt} amountCents={payment.amountCents} timeZone={timeZone} />
            <div className="flex flex-wrap gap-2">
              <ButtonLink href={`/${commune}/planning`}>Voir le planning</ButtonLink>
              <ButtonLink variant="secondary" href={`/${commune}/releve`}>
                Voir mon relevé de compte
              </ButtonLink>
            </div>
          </Card>
        </>
      ) : payment.status === "failed" ? (
        <>
          <Alert tone="error">{messages.basket.refused}</Alert>
          <ButtonLink href={`/${commune}/panier`}>Réessayer le paiement</ButtonLink>
        </>
      ) : (
        <>
          <Alert tone={closed || left ? "warning" : "info"}>{closed ?? left ?? "Paiement en attente de la réponse de la banque."}</Alert>
          <ButtonLink href={`/${commune}/panier`}>Revenir au panier</ButtonLink>
        </>
      )}
    </Main>
  );
}

/** The receipt, as the e-mail sends it: amount, date, means, the provider's reference, what it paid. */
function ReceiptDetails({ receipt, amountCents, timeZone }: { receipt: PaymentReceipt | null; amountCents: number; timeZone: string }) {
  return (
    <div className="mb-4 text-sm text-slate-700">
      <dl className="mb-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="font-medium">Montant payé</dt>
        <dd>{formatMoney(amountCents)}</dd>
        {receipt?.settledAt ? (
          <>
            <dt className="font-medium">Date</dt>
            <dd>{formatInstant(receipt.settledAt, timeZone)}</dd>
          </>
        ) : null}
        {receipt ? (
          <>
            <dt className="font-medium">Moyen</dt>
            <dd>{receipt.methodLabel}</dd>
          </>
        ) : null}
        {receipt?.providerReference ? (
          <>
            <dt className="font-medium">Référence</dt>
            <dd className="break-all">{receipt.providerReference}</dd>
          </>
        ) : null}
      </dl>
      {receipt?.items.length ? (
        <>
          <p className="font-medium">Ce paiement règle :</p>
          <ul className="list-disc pl-5">
            {receipt.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="mt-2 text-xs text-slate-600">Un reçu vous a été envoyé par e-mail.</p>
    </div>
  );
}
