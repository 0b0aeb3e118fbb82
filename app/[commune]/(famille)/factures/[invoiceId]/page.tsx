import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CounterPaymentNotice } from "@/app/_components/billing/counter-payment";
import { InvoicePdfButton, InvoiceView } from "@/app/_components/billing/invoice-view";
import { ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatMoney } from "@/common/money";
import { FamilyStatus } from "../family-status";
import { MissingInvoiceHelp } from "../help";
import { HideInvoiceButton } from "../invoice-actions";
import { PayInvoicesForm } from "../pay-invoices-form";

export const metadata: Metadata = { title: "Facture" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function InvoicePage({ params }: { params: Promise<{ commune: string; invoiceId: string }> }) {
  const { commune, invoiceId } = await params;
  if (!UUID.test(invoiceId)) notFound();
  const access = await communeAccess(commune);
  if (!access.isParent) redirect(`/${commune}/admin`);
  const [invoice, payable] = await Promise.all([load(commune, (api) => api.invoices.detail({ invoiceId })), load(commune, (api) => api.payments.myPayableInvoices())]);
  const due = payable.flatMap((p) => p.invoices).find((i) => i.id === invoiceId);
  const c = access.contact;
  const { overdue } = invoice;
  const town = [c.postalCode, c.city].filter(Boolean).join(" ");
  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/factures`} className="text-brand-700 underline underline-offset-4">
          ← Toutes mes factures
        </Link>
      </p>
      <PageTitle lead={`${invoice.household.name} · référence ${invoice.household.reference}`}>
        Facture {invoice.number} — {invoice.periodLabel}
      </PageTitle>
      <InvoiceView
        invoice={invoice}
        status={<FamilyStatus invoice={invoice} />}
        overdue={overdue}
        actions={
          <>
            <InvoicePdfButton commune={commune} invoiceId={invoice.id} number={invoice.number} />
            <HideInvoiceButton invoiceId={invoice.id} hidden={invoice.hiddenByFamily} />
          </>
        }
        beforeDetail={
          due ? (
            <Card title={access.onlinePayments ? "Payer cette facture" : "Régler cette facture"}>
              {access.onlinePayments ? (
                <PayInvoicesForm
                  commune={commune}
                  invoices={[{ id: due.id, number: due.number, periodLabel: due.periodLabel, remainingCents: due.remainingCents, dueDate: invoice.dueDate, overdue, openPaymentUrl: due.openPaymentUrl }]}
                  single={{ othersDue: payable.some((p) => p.invoices.some((i) => i.id !== invoiceId)) }}
                />
              ) : (
                <>
                  <CounterPaymentNotice />
                  <p className="text-sm text-slate-700">
                    Reste à payer sur cette facture : <span className="font-semibold tabular-nums text-slate-900">{formatMoney(due.remainingCents)}</span>
                  </p>
                </>
              )}
            </Card>
          ) : null
        }
      >
        {c.addressLine || town || c.phone || c.email ? (
          <Card title={`Mairie de ${access.tenant.name}`}>
            <address className="text-sm not-italic text-slate-700">
              {c.addressLine ? <span className="block">{c.addressLine}</span> : null}
              {town ? <span className="block">{town}</span> : null}
              {c.phone ? (
                <span className="block">
                  Téléphone :{" "}
                  <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`} className="text-brand-700 underline underline-offset-4">
                    {c.phone}
                  </a>
                </span>
              ) : null}
              {c.email ? (
                <span className="block">
                  E-mail :{" "}
                  <a href={`mailto:${c.email}`} className="text-brand-700 underline underline-offset-4">
                    {c.email}
                  </a>
                </span>
              ) : null}
              {c.siret ? <span className="block text-xs text-slate-600">SIRET {c.siret}</span> : null}
            </address>
          </Card>
        ) : null}
        <details className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <summary className="min-h-11 cursor-pointer font-semibold text-slate-900">Contester cette facture</summary>
          <p className="mt-3 text-sm text-slate-700">
            Une erreur sur un jour, un tarif ou une absence ? Envoyez une demande au service enfance de la mairie de {access.tenant.name}, avec un
            justificatif si vous en avez un : vous suivez sa réponse sur le portail. Une correction prend la forme d&apos;un avoir ou d&apos;une
            régularisation sur la facture suivante.
          </p>
          <ButtonLink href={`/${commune}/demandes?categorie=invoice_dispute&facture=${invoice.id}`} variant="secondary" className="mt-3">
            Contester la facture {invoice.number}
          </ButtonLink>
        </details>
        <MissingInvoiceHelp commune={commune} billingModes={access.billingModes} />
      </InvoiceView>
    </Main>
  );
}
