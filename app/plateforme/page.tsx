import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/app/_components/site-header";
import { TableScroll } from "@/app/_components/table-scroll";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { load, requireSession } from "@/app/_lib/server";
import { CreateTenantForm } from "./create-tenant-form";
import { TenantStatusButton } from "./tenant-status-button";
import { PUBLIC_HOLIDAY_REGIONS } from "@/server/domain/calendar/public-holidays";

const regionOptions = Object.entries(PUBLIC_HOLIDAY_REGIONS) as [string, string][];
const zoneLabel = (zone: string) => (zone.length === 1 ? `Zone ${zone}` : zone);
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
          <TableScroll label="Collectivités de la plateforme">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Collectivités de la plateforme</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Collectivité</th>
                  <th scope="col" className="hidden py-2 pr-4 font-medium sm:table-cell">Calendrier</th>
                  <th scope="col" className="hidden py-2 pr-4 font-medium sm:table-cell">Familles</th>
                  <th scope="col" className="hidden py-2 pr-4 font-medium sm:table-cell">Administrateurs</th>
                  <th scope="col" className="py-2 pr-4 font-medium">État</th>
                  <th scope="col" className="hidden py-2 font-medium sm:table-cell"><span className="sr-only">Action</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tenants.map((t) => (
                  <tr key={t.id}>
                    <td className="py-3 pr-4">
                      <Link href={`/plateforme/${t.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                        {t.name}
                      </Link>
                      <span className="block font-mono text-xs text-slate-600">/{t.slug}</span>
                      {/* On a phone the other columns fold in here, so the state and its button stay in view. */}
                      <span className="block text-xs text-slate-600 sm:hidden">
                        {zoneLabel(t.holidayZone)} · {t.households} famille{t.households > 1 ? "s" : ""} · {t.admins.join(", ") || "aucun administrateur"}
                      </span>
                    </td>
                    <td className="hidden py-3 pr-4 sm:table-cell">
                      {zoneLabel(t.holidayZone)}
                      <span className="block text-xs whitespace-nowrap text-slate-600">Fériés : {regionLabel(t.publicHolidayRegion)}</span>
                      <span className="block text-xs whitespace-nowrap text-slate-600">{t.timeZone}</span>
                    </td>
                    <td className="hidden py-3 pr-4 sm:table-cell">{t.households}</td>
                    <td className="hidden py-3 pr-4 sm:table-cell">{t.admins.join(", ") || "—"}</td>
                    <td className="py-3 pr-4">
                      {t.status === "active" ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Suspendue</Badge>}
                      <div className="mt-2 sm:hidden">
                        <TenantStatusButton tenantId={t.id} name={t.name} status={t.status} />
                      </div>
                    </td>
                    <td className="hidden py-3 sm:table-cell">
                      <TenantStatusButton tenantId={t.id} name={t.name} status={t.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Card>
        <Card title="Ouvrir une nouvelle collectivité">
          <CreateTenantForm regions={regionOptions} />
        </Card>
      </Main>
    </>
  );
}
