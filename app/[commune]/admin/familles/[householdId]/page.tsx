import { notFound } from "next/navigation";
import { Badge, ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { StatementTable } from "@/app/_components/billing/statement-table";
import { formatMoney } from "@/server/lib/money";
import { CounterPaymentForm } from "./counter-payment-form";
import { formatDate, todayIn } from "@/server/lib/dates";
import { QuotientForm, QuotientHistory } from "./quotients";
import { ChildPhoto } from "@/app/_components/family/child-photo";
import { GuardiansCard } from "@/app/_components/family/guardians-card";
import { HouseholdInvoices } from "./household-invoices";
import { OverridesList } from "./overrides-list";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function HouseholdPage({ params }: { params: Promise<{ commune: string; householdId: string }> }) {
  const { commune, householdId } = await params;
  if (!UUID.test(householdId)) notFound();
  const [h, qf, access] = await Promise.all([
    load(commune, (api) => api.admin.household({ householdId })),
    load(commune, (api) => api.tariffs.quotients({ householdId })),
    load(commune, (api) => api.commune.access()),
  ]);
  const [statement, unpaid, invoices, overrides] = await Promise.all([
    load(commune, (api) => api.payments.statement({ householdId })),
    load(commune, (api) => api.payments.unpaidInvoices({ householdId })),
    load(commune, (api) => api.invoices.householdInvoices({ householdId })),
    load(commune, (api) => api.admin.householdOverrides({ householdId })),
  ]);
  return (
    <Main>
      <PageTitle lead={`Dossier ${h.reference} · ${h.isResident ? "résident" : "non résident"}`}>{h.name}</PageTitle>
      <ButtonLink href={`/${commune}/admin/familles/${h.id}/planning`} className="mb-6">
        Réserver pour cette famille
      </ButtonLink>
      <div className="grid gap-6">
        <Card title="Adresse">
          <p className="text-sm">
            {h.addressLine}, {h.postalCode} {h.city}
          </p>
        </Card>
        <GuardiansCard guardians={h.guardians} />
        <Card title="Quotient familial">
          <p className="mb-3 text-sm text-slate-600">
            Le prix d&apos;une réservation suit la tranche du quotient en vigueur le jour réservé, fixée au moment de la réservation.
          </p>
          <QuotientHistory history={qf.history} />
          <div className="rounded-lg border border-slate-200 p-4">
            <h3 className="mb-3 text-base font-semibold text-slate-900">Enregistrer un quotient familial</h3>
            <QuotientForm householdId={h.id} partsRule={qf.partsRule} today={todayIn(access.tenant.timeZone)} />
          </div>
        </Card>
        <Card title="Enfants">
          <ul className="divide-y divide-slate-100 text-sm">
            {h.children.map((c) => (
              <li key={c.id} className="grid gap-3 py-3 sm:grid-cols-[1fr_auto] sm:items-center">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">
                    {c.firstName} {c.lastName}
                  </span>
                  <span className="text-slate-600">
                    {formatDate(c.birthDate)} · {c.classLevel ?? "—"}
                  </span>
                  {c.allergies ? <Badge tone="danger">Allergie : {c.allergies}</Badge> : null}
                  {c.hasPai ? <Badge tone="warning">PAI</Badge> : null}
                </div>
                <ChildPhoto mode="staff" childId={c.id} name={`${c.firstName} ${c.lastName}`} photo={c.photo} />
              </li>
            ))}
          </ul>
        </Card>
        <div id="derogations" className="min-w-0 scroll-mt-4">
          <Card title="Dérogations">
            <OverridesList events={overrides} timeZone={access.tenant.timeZone} />
          </Card>
        </div>
        <Card title="Factures et avoirs">
          <HouseholdInvoices commune={commune} householdId={h.id} invoices={invoices} statementLines={statement.lines} timeZone={access.tenant.timeZone} />
        </Card>
        <div id="releve" className="min-w-0 scroll-mt-4">
          <Card title="Relevé de compte">
            <StatementTable lines={statement.lines} balanceCents={statement.balanceCents} />
          </Card>
        </div>
        <Card title="Enregistrer un règlement">
          {unpaid.length ? (
            <p className="mb-3 text-sm text-slate-700">
              Factures dues (réglées de la plus ancienne à la plus récente) :{" "}
              {unpaid.map((i) => `${i.number} — ${formatMoney(i.remainingCents)}`).join(" · ")}
            </p>
          ) : (
            <p className="mb-3 text-sm text-slate-700">Aucune facture due : un règlement sera porté au crédit du compte famille.</p>
          )}
          <CounterPaymentForm householdId={h.id} />
        </Card>
      </div>
    </Main>
  );
}
