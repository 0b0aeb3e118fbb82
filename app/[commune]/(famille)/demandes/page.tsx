import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { statusTone } from "@/app/_components/requests/thread";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";
import { messages } from "@/common/messages";
import { RequestForm } from "./request-form";

export const metadata: Metadata = { title: "Mes demandes" };

/**
 * The family's requests and the form for a new one; `?categorie=<kind>&facture=<id>` preselects (the
 * invoice page's « Contester »), `&objet=<text>` prefills the category's first text (the allocation
 * result's « Contester »).
 */
export default async function RequestsPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ categorie?: string; facture?: string; objet?: string }> }) {
  const { commune } = await params;
  const query = await searchParams;
  const access = await communeAccess(commune);
  if (!access.isParent) redirect(`/${commune}/admin/demandes`);
  const [categories, mine, invoices] = await Promise.all([
    load(commune, (api) => api.requests.categories()),
    load(commune, (api) => api.requests.mine()),
    load(commune, (api) => api.invoices.mine({ includeHidden: true })),
  ]);
  const tz = access.tenant.timeZone;
  const preselected = categories.find((c) => c.kind === query.categorie || c.id === query.categorie);
  return (
    <Main>
      <PageTitle lead={`Écrivez à la mairie de ${access.tenant.name} : changement d'adresse, contestation de facture, attestation, question… Suivez la réponse ici.`}>
        Mes demandes
      </PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Demandes envoyées">
          {mine.length ? (
            <ul className="divide-y divide-slate-100">
              {mine.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link href={`/${commune}/demandes/${r.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-4">
                    {r.categoryName}
                    {r.invoiceNumber ? ` — facture ${r.invoiceNumber}` : ""}
                  </Link>
                  <span className="flex items-center gap-2 text-sm text-slate-600">
                    {formatInstant(r.createdAt, tz)} <Badge tone={statusTone(r.status)}>{messages.demandes.statuses[r.status]}</Badge>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">Aucune demande pour le moment.</p>
          )}
        </Card>
        <Card title="Nouvelle demande">
          <RequestForm
            commune={commune}
            categories={categories}
            invoices={[...invoices.toPay, ...invoices.paid].map((i) => ({ id: i.id, label: `${i.number} — ${i.periodLabel}` }))}
            initialCategoryId={preselected?.id}
            initialInvoiceId={query.facture}
            initialText={query.objet?.slice(0, 500)}
          />
        </Card>
      </div>
    </Main>
  );
}
