import type { Metadata } from "next";
import { DocumentList, NewsList } from "@/app/_components/requests/publications";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";

export const metadata: Metadata = { title: "Actualités et documents" };

export default async function FamilyNewsPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, data] = await Promise.all([communeAccess(commune), load(commune, (api) => api.publications.forFamily())]);
  return (
    <Main>
      <PageTitle lead={`Les informations de la mairie de ${access.tenant.name} : actualités, menus, règlement, tarifs.`}>Actualités et documents</PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Actualités">
          <NewsList news={data.news} timeZone={access.tenant.timeZone} />
        </Card>
        <Card title="Documents">
          <DocumentList documents={data.documents} />
        </Card>
      </div>
    </Main>
  );
}
