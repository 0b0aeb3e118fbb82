import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { DemoButtons } from "./demo-buttons";

export const metadata: Metadata = { title: "Paiement de démonstration" };

/** Stands in for a card provider's page (Stripe, PayFiP later): nothing is charged. */
export default async function DemoPaymentPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ ref?: string; montant?: string; exp?: string; sig?: string }> }) {
  const { commune } = await params;
  const { ref, montant, exp, sig } = await searchParams;
  if (!ref || !montant || !exp || !sig) notFound();
  // Only where the demonstration provider is configured (the server refuses its answers elsewhere).
  const access = await communeAccess(commune);
  if (!access.onlinePayments) notFound();
  const payment = await load(commune, (api) => api.basket.paymentStatus({ ref }));
  return (
    <Main narrow>
      <PageTitle>Paiement de démonstration</PageTitle>
      <Alert tone="warning">
        Page de démonstration : aucune carte n&apos;est demandée et aucune somme n&apos;est prélevée. Elle remplace le site de paiement
        de la commune.
      </Alert>
      <Card>
        <p className="text-sm text-slate-600">Montant à payer</p>
        <p className="mb-4 text-3xl font-bold tabular-nums">{formatMoney(payment.amountCents)}</p>
        <ul className="mb-6 list-disc pl-5 text-sm text-slate-700">
          {payment.lines.map((l) => (
            <li key={`${l.date}-${l.childName}-${l.activityName}`}>
              {l.activityName} — {l.childName}, {l.date.split("-").reverse().join("/")}
            </li>
          ))}
          {payment.invoices.map((i) => (
            <li key={i.invoiceId}>
              {i.label} : {formatMoney(i.amountCents)}
            </li>
          ))}
        </ul>
        {payment.open ? (
          <DemoButtons signed={{ ref, montant, exp, sig }} />
        ) : payment.status === "succeeded" ? (
          <Alert>Ce paiement a déjà été traité.</Alert>
        ) : (
          <Alert tone="warning">{payment.status === "cancelled" ? messages.onlinePayment.superseded : messages.onlinePayment.expired}</Alert>
        )}
      </Card>
    </Main>
  );
}
