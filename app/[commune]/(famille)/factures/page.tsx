import type { Metadata } from "next";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DueInvoiceList } from "@/app/_components/billing/counter-payment";
import { MonthInProgress } from "@/app/_components/billing/month-in-progress";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatDate } from "@/common/dates";
import { formatMoney } from "@/common/money";
import type { AppRouter } from "@/server/root";
import { DeliveryChoice } from "./delivery-choice";
import { FamilyStatus } from "./family-status";
import { MissingInvoiceHelp } from "./help";
import { PayInvoicesForm } from "./pay-invoices-form";

type Summary = inferRouterOutputs<AppRouter>["invoices"]["mine"]["toPay"][number];

export const metadata: Metadata = { title: "Factures" };

function InvoiceList({ commune, invoices, empty }: { commune: string; invoices: Summary[]; empty: string }) {
  if (!invoices.length) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {invoices.map((i) => (
        <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
          <div>
            <Link href={`/${commune}/factures/${i.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
              Facture {i.number} — {i.periodLabel}
            </Link>
            {/* Paid: the badge says « Payée », one word for it across the lists. */}
            {!i.paid || i.hiddenByFamily ? (
              <p className="text-sm text-slate-600">
                {[i.paid ? null : `À régler avant le ${formatDate(i.dueDate)}`, i.hiddenByFamily ? "masquée" : null].filter(Boolean).join(" · ")}
              </p>
            ) : null}
          </div>
          <div className="text-right">
            <p className="font-semibold tabular-nums">{formatMoney(i.totalCents)}</p>
            <FamilyStatus invoice={i} />
          </div>
        </li>
      ))}
    </ul>
  );
}

export default async function InvoicesPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ masquees?: string }> }) {
  const { commune } = await params;
  const showHidden = (await searchParams).masquees === "1";
  const access = await communeAccess(commune);
  if (!access.isParent) redirect(`/${commune}/admin`);
  const [invoices, deliveries, payable] = await Promise.all([
    load(commune, (api) => api.invoices.mine({ includeHidden: showHidden })),
    load(commune, (api) => api.invoices.deliveries()),
    load(commune, (api) => api.payments.myPayableInvoices()),
  ]);
  const toPay = new Map(invoices.toPay.map((i) => [i.id, i]));
  const groups = payable.filter((p) => p.invoices.length);
  const nameOf = (householdId: string) => deliveries.find((d) => d.householdId === householdId);
  return (
    <Main>
      <PageTitle lead={`Vos factures : consultez-les, téléchargez-les en PDF et réglez-les ${access.onlinePayments ? "en ligne" : "au guichet de la mairie"}.`}>Factures</PageTitle>
      <div className="grid gap-6">
        <Card title="Factures à payer">
          {groups.length ? (
            <div className="grid gap-6">
              {groups.map((g) => {
                const title = groups.length > 1 ? `${nameOf(g.householdId)?.name ?? ""} (${nameOf(g.householdId)?.reference ?? ""})` : undefined;
                const due = g.invoices.map((i) => ({ id: i.id, number: i.number, periodLabel: i.periodLabel, remainingCents: i.remainingCents, dueDate: toPay.get(i.id)?.dueDate, overdue: toPay.get(i.id)?.overdue ?? false, openPaymentUrl: i.openPaymentUrl }));
                return access.onlinePayments ? (
                  <PayInvoicesForm key={g.householdId} commune={commune} title={title} invoices={due} />
                ) : (
                  <section key={g.householdId} aria-label={title ?? "Factures à régler"}>
                    {title ? <h3 className="mb-1 text-base font-semibold text-slate-900">{title}</h3> : null}
                    <DueInvoiceList commune={commune} invoices={due} />
                  </section>
                );
              })}
              {access.onlinePayments ? (
                <p className="text-xs text-slate-600">
                  Un seul paiement pour les factures cochées. Vous pouvez aussi régler au guichet de la mairie (espèces, chèque, CESU, chèques vacances).
                </p>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-slate-600">Aucune facture à payer.</p>
          )}
        </Card>
        <MonthInProgress commune={commune} />
        <Card title="Factures payées">
          <InvoiceList commune={commune} invoices={invoices.paid} empty="Aucune facture payée pour l'instant." />
        </Card>
        <p className="text-sm">
          {showHidden ? (
            <Link href={`/${commune}/factures`} className="font-semibold text-brand-700 underline underline-offset-4">
              Ne plus afficher les factures masquées
            </Link>
          ) : (
            <Link href={`/${commune}/factures?masquees=1`} className="font-semibold text-brand-700 underline underline-offset-4">
              Afficher les factures masquées{invoices.hiddenCount ? ` (${invoices.hiddenCount})` : ""}
            </Link>
          )}
        </p>
        <DeliveryChoice households={deliveries} />
        <MissingInvoiceHelp commune={commune} billingModes={access.billingModes} />
      </div>
    </Main>
  );
}
