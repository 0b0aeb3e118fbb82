import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert, ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { messages } from "@/common/messages";
import { formatMoney } from "@/common/money";

export const metadata: Metadata = { title: "Résultat du paiement" };

export default async function PaymentResultPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ ref?: string }> }) {
  const { commune } = await params;
  const { ref } = await searchParams;
  if (!ref) notFound();
  const payment = await load(commune, (api) => api.basket.paymentStatus({ ref }));
  // Neither paid nor refused: replaced by a newer payment, or its page closed without an answer.
  const closed = payment.status === "cancelled" ? messages.onlinePayment.superseded : payment.status === "pending" && !payment.open ? messages.onlinePayment.expired : null;
  const credited = payment.lines.filter((l) => l.creditedCents !== null && l.status === "cancelled");
  if (payment.purpose === "invoices") {
    return (
      <Main narrow>
        <PageTitle>Paiement</PageTitle>
        {payment.status === "succeeded" ? (
          <>
            <Alert tone="success">{messages.onlinePayment.accepted}</Alert>
            <Card>
              <p className="mb-2 text-sm text-slate-700">Montant payé : {formatMoney(payment.amountCents)}</p>
              <ul className="mb-4 list-disc pl-5 text-sm text-slate-700">
                {payment.invoices.map((i) => (
                  <li key={i.invoiceId}>{i.label}</li>
                ))}
              </ul>
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
            <Alert tone={closed ? "warning" : "info"}>{closed ?? "Paiement en attente de la réponse de la banque."}</Alert>
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
            <p className="mb-4 text-sm text-slate-700">Montant payé : {formatMoney(payment.amountCents)}</p>
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
          <Alert tone={closed ? "warning" : "info"}>{closed ?? "Paiement en attente de la réponse de la banque."}</Alert>
          <ButtonLink href={`/${commune}/panier`}>Revenir au panier</ButtonLink>
        </>
      )}
    </Main>
  );
}
