import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge, ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { storedFileUrl } from "@/common/files";
import { communeAccess, load } from "@/app/_lib/server";
import { StatementTable } from "@/app/_components/billing/statement-table";
import { formatMoney } from "@/common/money";
import { CounterPaymentForm } from "./counter-payment-form";
import { RefundForm } from "./refund-form";
import { formatDate, formatInstant, todayIn } from "@/common/dates";
import { QuotientForm, QuotientHistory } from "./quotients";
import { ChildPhoto } from "@/app/_components/family/child-photo";
import { GuardiansCard } from "@/app/_components/family/guardians-card";
import { HouseholdInvoices } from "./household-invoices";
import { ActivationCode } from "./portal-access";
import { ResidentForm } from "./resident-form";
import { OverridesList } from "./overrides-list";
import { HouseholdCollection } from "./household-collection";

export const metadata: Metadata = { title: "Famille" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function HouseholdPage({ params }: { params: Promise<{ commune: string; householdId: string }> }) {
  const { commune, householdId } = await params;
  if (!UUID.test(householdId)) notFound();
  const [h, qf, access] = await Promise.all([
    load(commune, (api) => api.households.get({ householdId })),
    load(commune, (api) => api.quotients.ofHousehold({ householdId })),
    communeAccess(commune),
  ]);
  const [statement, unpaid, invoices, portal, overrides, refundable] = await Promise.all([
    load(commune, (api) => api.payments.statement({ householdId })),
    load(commune, (api) => api.payments.unpaidInvoices({ householdId })),
    load(commune, (api) => api.invoices.householdInvoices({ householdId })),
    load(commune, (api) => api.households.access({ householdId })),
    load(commune, (api) => api.households.overrides({ householdId })),
    load(commune, (api) => api.payments.refundable({ householdId })),
  ]);
  const timeZone = access.tenant.timeZone;
  const withoutAccount = h.guardians.filter((g) => !g.hasAccount);
  return (
    <Main>
      <PageTitle lead={`Dossier ${h.reference} · ${h.isResident ? "résident" : "non résident"}`}>{h.name}</PageTitle>
      <div className="mb-6 flex flex-wrap gap-3">
        <ButtonLink href={`/${commune}/admin/familles/${h.id}/planning`}>Réserver pour cette famille</ButtonLink>
        <ButtonLink href={`/${commune}/admin/familles/${h.id}/dossier`} variant="secondary">
          Modifier le dossier (santé, autorisations, contacts)
        </ButtonLink>
      </div>
      <div className="grid gap-6">
        <div className="grid gap-6 md:grid-cols-2">
          <Card title="Adresse">
            <p className="mb-4 text-sm">
              {h.addressLine}, {h.postalCode} {h.city}
            </p>
            <ResidentForm householdId={h.id} isResident={h.isResident} />
          </Card>
          <Card title="Accès au portail famille">
            <p className="mb-3 text-sm text-slate-700">
              {withoutAccount.length
                ? `Sans compte : ${withoutAccount.map((g) => `${g.firstName} ${g.lastName}`).join(", ")}. `
                : "Chaque responsable a un compte. "}
              Un parent crée son compte puis, sur « Mon compte », choisit « Ajouter un dossier famille » avec la référence {h.reference} et ce code (imprimé
              aussi sur les factures). Il ne sert qu&apos;une fois : un nouveau code le remplace ensuite.
            </p>
            <ActivationCode householdId={h.id} code={portal.activation.code} issuedOn={formatInstant(portal.activation.issuedAt, timeZone).split(" à ")[0]!} />
          </Card>
        </div>
        <GuardiansCard guardians={h.guardians} showAccounts />
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
                <ChildPhoto mode="staff" childId={c.id} name={`${c.firstName} ${c.lastName}`} photo={c.photoFileId ? storedFileUrl(commune, c.photoFileId) : null} />
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
            <StatementTable lines={statement.lines} balanceCents={statement.balanceCents} timeZone={access.tenant.timeZone} />
          </Card>
        </div>
        <HouseholdCollection commune={commune} householdId={h.id} timeZone={access.tenant.timeZone} />
        <Card title="Enregistrer un règlement">
          {unpaid.length ? (
            <p className="mb-3 text-sm text-slate-700">
              {unpaid.length > 1
                ? "Factures dues, réglées de la plus ancienne à la plus récente sauf si vous répartissez le règlement vous-même : "
                : "Facture due : "}
              {unpaid.map((i) => `${i.number} — ${formatMoney(i.remainingCents)}`).join(" · ")}. Ce qui dépasse reste au crédit du compte famille.
            </p>
          ) : (
            <p className="mb-3 text-sm text-slate-700">Aucune facture due : un règlement sera porté au crédit du compte famille.</p>
          )}
          <CounterPaymentForm householdId={h.id} openInvoices={unpaid} />
        </Card>
        {refundable.creditCents > 0 ? (
          <Card title="Rembourser le crédit">
            <RefundForm householdId={h.id} creditCents={refundable.creditCents} payments={refundable.payments} timeZone={access.tenant.timeZone} />
          </Card>
        ) : null}
        {portal.history.length ? (
          <Card title="Historique du dossier">
            <ul className="divide-y divide-slate-100 text-sm">
              {portal.history.map((e) => (
                <li key={e.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span>{e.label}</span>
                  <span className="text-slate-600">
                    {formatInstant(e.at, timeZone)}
                    {e.byName ? ` · ${e.byName}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </Main>
  );
}
