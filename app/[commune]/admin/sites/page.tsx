import type { Metadata } from "next";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { SiteForm, SitesTable } from "./site-forms";

export const metadata: Metadata = { title: "Sites" };

export default async function SitesPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, sites] = await Promise.all([communeAccess(commune), load(commune, (api) => api.activities.sites())]);
  const isAdmin = access.staffRoles.includes("admin");
  return (
    <Main>
      <PageTitle lead="Restaurants scolaires, accueils périscolaires, centres de loisirs, multi-accueils : les lieux où se déroulent les activités.">
        Sites
      </PageTitle>
      <div className="grid grid-cols-1 gap-6">
        <Card title="Sites de la commune">
          {sites.length ? <SitesTable sites={sites} canEdit={isAdmin} /> : <p className="text-sm text-slate-600">Aucun site pour l&apos;instant.</p>}
          {isAdmin ? (
            <p className="mt-3 text-xs text-slate-600">
              Un site archivé n&apos;est plus proposé pour de nouvelles activités ; archivez d&apos;abord ses activités en cours.
            </p>
          ) : null}
        </Card>
        {isAdmin ? (
          <Card title="Nouveau site">
            <SiteForm />
          </Card>
        ) : null}
      </div>
    </Main>
  );
}
