import Link from "next/link";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { DebtBlockForm } from "./debt-block-form";

const billingLabels = { prepaid: "Paiement immédiat (panier)", invoice: "Facture en fin de mois" } as const;

export default async function AdminHome({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await load(commune, (api) => api.commune.access());
  const households = await load(commune, (api) => api.admin.households());
  const childCount = households.reduce((sum, h) => sum + h.childCount, 0);
  return (
    <Main>
      <PageTitle
        lead={`Mode de facturation : ${billingLabels[access.tenant.billingMode]}${
          access.billingModes.prepaid && access.billingModes.invoice ? " (certaines activités ont leur propre mode)" : ""
        }`}
      >{access.tenant.name} — espace agents</PageTitle>
      <div className="grid gap-4 sm:grid-cols-2">
        <Card title="Familles">
          <p className="text-3xl font-bold">{households.length}</p>
          <p className="text-sm text-slate-600">dossiers famille · {childCount} enfants</p>
          <Link href={`/${commune}/admin/familles`} className="mt-3 inline-block text-sm font-semibold text-brand-700 underline underline-offset-4">
            Voir les familles
          </Link>
        </Card>
        {access.staffRoles.includes("admin") ? (
          <Card title="Impayés">
            <DebtBlockForm current={(await load(commune, (api) => api.payments.debtBlock())).debtBlockCents} />
          </Card>
        ) : null}
      </div>
    </Main>
  );
}
