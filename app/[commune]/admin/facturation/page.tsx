import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { TableScroll } from "@/app/_components/table-scroll";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant, formatMonth } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import { InvoiceRunPanel } from "./invoice-run-panel";
import { BillingSettingsForm } from "./billing-settings-form";
import { ContactForm } from "./contact-form";
import { DebtBlockForm } from "./debt-block-form";
import { PaymentSettingsForm } from "./payment-settings-form";
import { LogoForm } from "./logo-form";
import { ScheduleForm } from "./schedule-form";
import { CollectionSettingsForm } from "./collection-settings-form";

export const metadata: Metadata = { title: "Facturation" };

export default async function BillingPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  if (!access.staffRoles.includes("admin")) notFound();
  const prepaid = !access.billingModes.invoice;
  const [runs, schedule, suggested] = prepaid
    ? [[], null, null]
    : await Promise.all([load(commune, (api) => api.invoices.runs()), load(commune, (api) => api.invoices.schedule()), load(commune, (api) => api.invoices.suggestedRun())]);
  const [settings, debtBlock, collection, paymentSettings] = await Promise.all([
    load(commune, (api) => api.commune.settings()),
    load(commune, (api) => api.payments.debtBlock()),
    load(commune, (api) => api.collection.settings()),
    load(commune, (api) => api.commune.paymentSettings()),
  ]);
  const settingsCards = (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Réglages de facturation">
        <BillingSettingsForm current={settings.billing} />
      </Card>
      <div className="grid content-start gap-6">
        {/* The dashboard's "Réservations bloquées pour impayés" links here. */}
        <div id="impayes" className="scroll-mt-4">
          <Card title="Impayés">
            <DebtBlockForm current={debtBlock.debtBlockCents} />
          </Card>
        </div>
        <Card title="Coordonnées sur les factures">
          <ContactForm current={settings.contact} />
        </Card>
        <Card title="Logo sur les factures">
          <LogoForm hasLogo={settings.hasLogo} />
        </Card>
        <div id="paiement-en-ligne" className="scroll-mt-4">
          <Card title="Paiement en ligne">
            <PaymentSettingsForm current={paymentSettings} />
          </Card>
        </div>
      </div>
      <div id="prelevement" className="scroll-mt-4 lg:col-span-2">
        <Card title="Prélèvement et relances">
          <CollectionSettingsForm current={collection} />
        </Card>
      </div>
    </div>
  );
  return (
    <Main>
      <PageTitle lead={prepaid ? "Réglages de facturation et coordonnées imprimées sur les factures." : "Émettez les factures de fin de mois : prévisualisez, vérifiez, puis émettez."}>
        Facturation
      </PageTitle>
      {prepaid ? (
        <div className="grid gap-6">
          <Card>
            <p className="text-sm">{messages.billing.notInvoiceMode}</p>
          </Card>
          {settingsCards}
        </div>
      ) : (
        <div className="grid gap-6">
          {suggested ? <InvoiceRunPanel defaultPeriod={suggested.period} defaultMode={suggested.mode} /> : null}
          {schedule ? (
            <Card title="Émission automatique">
              <ScheduleForm current={schedule} timings={schedule.timings} />
            </Card>
          ) : null}
          <Card title="Campagnes passées">
            {runs.length === 0 ? (
              <p className="text-sm text-slate-600">Aucune facture émise pour l&apos;instant.</p>
            ) : (
              <TableScroll label="Campagnes de facturation">
                <table className="w-full min-w-[32rem] text-left text-sm">
                  <caption className="sr-only">Campagnes de facturation</caption>
                  <thead className="border-b border-slate-200 text-slate-600">
                    <tr>
                      <th scope="col" className="py-2 pr-3 font-medium">Mois</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Mode</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Statut</th>
                      <th scope="col" className="py-2 pr-3 text-right font-medium">Factures</th>
                      <th scope="col" className="py-2 pr-3 text-right font-medium">Total</th>
                      <th scope="col" className="py-2 font-medium">Émise le</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {runs.map((r) => (
                      <tr key={r.id}>
                        <td className="py-2 pr-3 font-medium">
                          <Link href={`/${commune}/admin/facturation/campagnes/${r.id}`} className="text-brand-700 underline underline-offset-4">
                            <span className="capitalize">{formatMonth(r.period)}</span>
                            <span className="sr-only"> : ouvrir la campagne</span>
                          </Link>
                        </td>
                        <td className="py-2 pr-3">{r.mode === "advance" ? "À l'avance" : "À terme échu"}</td>
                        <td className="py-2 pr-3">
                          <Badge tone={r.status === "issued" ? "success" : "warning"}>{messages.billing.runStatuses[r.status]}</Badge>
                        </td>
                        <td className="py-2 pr-3 text-right tabular-nums">{r.invoiceCount}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{formatMoney(r.totalCents)}</td>
                        <td className="py-2">
                          {r.issuedAt ? formatInstant(r.issuedAt, access.tenant.timeZone) : "—"}
                          {r.createdBy === null ? <span className="block text-xs text-slate-600">automatiquement</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </Card>
          {settingsCards}
        </div>
      )}
    </Main>
  );
}
