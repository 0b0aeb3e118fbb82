import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/app/_components/site-header";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { load, requireSession } from "@/app/_lib/server";
import { formatMoney } from "@/common/money";
import { formatMonth } from "@/common/dates";
import { AddAdminForm, ReplaceAdminForm, TenantSettingsForm } from "./tenant-forms";

export const metadata: Metadata = { title: "Collectivité" };

/** One commune for the operator: settings, admins, usage. */
export default async function PlatformTenantPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  await requireSession(`/plateforme/${tenantId}`);
  const { tenant, usage, admins, month } = await load(undefined, (api) => api.platform.tenant({ tenantId }));
  const figures: [string, string][] = [
    ["Familles", `${usage.households} (${usage.children} enfants)`],
    [`Réservations en ${formatMonth(month)}`, String(usage.bookingsThisMonth)],
    ["Factures émises", `${usage.invoices} · ${formatMoney(usage.invoicedCents)}`],
    ["Paiements reçus", `${usage.payments} · ${formatMoney(usage.paidCents)}`],
    ["Préinscriptions en attente", String(usage.pendingApplications)],
  ];
  return (
    <>
      <SiteHeader title="Console plateforme" titleHref="/plateforme" nav={[{ href: "/plateforme", label: "Collectivités" }, { href: "/compte", label: "Mon compte" }]} />
      <Main>
        <p className="mb-2 text-sm">
          <Link href="/plateforme" className="text-brand-700 underline underline-offset-4">
            ← Collectivités
          </Link>
        </p>
        <PageTitle lead={`/${tenant.slug}`}>
          {tenant.name} {tenant.status === "active" ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Suspendue</Badge>}
        </PageTitle>
        <Card title="Utilisation" className="mb-6">
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            {figures.map(([label, value]) => (
              <div key={label}>
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="text-xl font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Réglages">
            <TenantSettingsForm tenant={tenant} />
          </Card>
          <Card title="Administrateurs">
            <ul className="mb-4 divide-y divide-slate-100">
              {admins.map((a) => (
                <li key={a.userId} className="py-3 text-sm">
                  <span className="font-medium break-all">{a.email}</span> {a.activated ? null : <Badge tone="warning">invitation en attente</Badge>}
                  <ReplaceAdminForm tenantId={tenant.id} former={a} />
                </li>
              ))}
            </ul>
            <AddAdminForm tenantId={tenant.id} />
          </Card>
        </div>
      </Main>
    </>
  );
}
