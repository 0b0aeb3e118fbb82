import type { Metadata } from "next";
import { SiteHeader } from "@/app/_components/site-header";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { load, requireSession } from "@/app/_lib/server";
import { CreateTenantForm } from "./create-tenant-form";
import { TenantStatusButton } from "./tenant-status-button";
import { Badge } from "@/app/_components/ui";
import { PUBLIC_HOLIDAY_REGIONS } from "@/server/domain/calendar/public-holidays";

const regionOptions = Object.entries(PUBLIC_HOLIDAY_REGIONS) as [string, string][];
const regionLabel = (region: string) => (PUBLIC_HOLIDAY_REGIONS as Record<string, string>)[region] ?? region;

export const metadata: Metadata = { title: "Plateforme" };

export default async function PlatformPage() {
  await requireSession("/plateforme");
  const tenants = await load(undefined, (api) => api.platform.tenants());
  return (
    <>
      <SiteHeader title="Console plateforme" titleHref="/plateforme" nav={[{ href: "/plateforme", label: "Collectivités" }, { href: "/compte", label: "Mon compte" }]} />
      <Main>
        <PageTitle lead={`${tenants.length} collectivités`}>Collectivités</PageTitle>
        <Card className="mb-6">
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Collectivités de la plateforme</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Collectivité</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Calendrier</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Familles</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Administrateurs</th>
                  <th scope="col" className="py-2 pr-4 font-medium">État</th>
                  <th scope="col" className="py-2 font-medium"><span className="sr-only">Action</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tenants.map((t) => (
                  <tr key={t.id}>
                    <td className="py-3 pr-4">
                      <span className="font-medium">{t.name}</span>
                      <span className="block font-mono text-xs text-slate-600">/{t.slug}</span>
                    </td>
                    <td className="py-3 pr-4">
                      {t.holidayZone.length === 1 ? `Zone ${t.holidayZone}` : t.holidayZone}
                      <span className="block text-xs whitespace-nowrap text-slate-600">Fériés : {regionLabel(t.publicHolidayRegion)}</span>
                      <span className="block text-xs whitespace-nowrap text-slate-600">{t.timeZone}</span>
                    </td>
                    <td className="py-3 pr-4">{t.households}</td>
                    <td className="py-3 pr-4">{t.admins.join(", ") || "—"}</td>
                    <td className="py-3 pr-4">
                      {t.status === "active" ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Suspendue</Badge>}
                    </td>
                    <td className="py-3">
                      <TenantStatusButton tenantId={t.id} name={t.name} status={t.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card title="Ouvrir une nouvelle collectivité">
          <CreateTenantForm regions={regionOptions} />
        </Card>
      </Main>
    </>
  );
}
