import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";
import { DeleteNewsButton, DocumentForm, NewsForm, ProfileForm, WithdrawDocumentButton } from "./publication-forms";

export const metadata: Metadata = { title: "Actualités et documents" };

const stateLabel = { published: ["En ligne", "success"], scheduled: ["Programmée", "warning"], ended: ["Terminée", "neutral"] } as const;

export default async function PublicationsPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, data] = await Promise.all([communeAccess(commune), load(commune, (api) => api.publications.staff())]);
  const tz = access.tenant.timeZone;
  return (
    <Main>
      <PageTitle
        lead={
          <>
            Ce que voient les familles dans leur espace et les visiteurs sur{" "}
            <Link href={`/${commune}/presentation`} className="text-brand-700 underline underline-offset-4">
              la page publique de la commune
            </Link>
            .
          </>
        }
      >
        Actualités et documents
      </PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Publier une actualité">
          <NewsForm />
        </Card>
        <Card title="Actualités">
          {data.news.length ? (
            <ul className="divide-y divide-slate-100">
              {data.news.map((n) => (
                <li key={n.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <span className="block font-medium text-slate-900">{n.title}</span>
                    <span className="text-sm text-slate-600">
                      du {formatInstant(n.publishFrom, tz)}
                      {n.publishUntil ? ` au ${formatInstant(n.publishUntil, tz)}` : ""}
                    </span>{" "}
                    <Badge tone={stateLabel[n.state][1]}>{stateLabel[n.state][0]}</Badge>
                  </span>
                  <DeleteNewsButton newsId={n.id} title={n.title} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">Aucune actualité.</p>
          )}
        </Card>
        <Card title="Publier un document">
          <DocumentForm />
        </Card>
        <Card title="Documents publiés">
          {data.documents.length ? (
            <ul className="divide-y divide-slate-100">
              {data.documents.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <a href={d.url} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4">
                    {d.title}
                  </a>
                  <span className="flex items-center gap-2 text-sm text-slate-600">
                    {d.categoryLabel}
                    <WithdrawDocumentButton documentId={d.id} title={d.title} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">Aucun document.</p>
          )}
        </Card>
        <Card title="Page publique : présentation et horaires" className="lg:col-span-2">
          <p className="mb-4 text-sm text-slate-600">Les coordonnées de la mairie viennent de Facturation → coordonnées ; les tarifs, des activités.</p>
          <ProfileForm presentation={data.profile.presentation} openingHours={data.profile.openingHours} />
        </Card>
      </div>
    </Main>
  );
}
