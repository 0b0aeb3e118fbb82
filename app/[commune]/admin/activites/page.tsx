import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { describeAge, describeCapacity, describeWeekdays, runsOnLabels, serviceLabels, unitLabels } from "@/common/activity-labels";
import { todayIn } from "@/common/dates";
import { ActivityForm } from "./activity-form";

export const metadata: Metadata = { title: "Activités" };

export default async function ActivitiesPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, activities, sites, years] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.activities.list()),
    load(commune, (api) => api.activities.sites()),
    load(commune, (api) => api.calendar.schoolYears()),
  ]);
  const isAdmin = access.staffRoles.includes("admin");
  const today = todayIn(access.tenant.timeZone);
  const currentYear = years.find((y) => y.startDate <= today && today <= y.endDate) ?? years[0];

  // Grouped by school year, latest first (the list comes sorted that way).
  const groups = new Map<string, { label: string; items: typeof activities }>();
  for (const a of activities) {
    const group = groups.get(a.schoolYearId) ?? { label: a.yearLabel, items: [] };
    group.items.push(a);
    groups.set(a.schoolYearId, group);
  }

  return (
    <Main>
      <PageTitle lead="Prestations proposées sur chaque site pour une année scolaire : jours, capacité, délais de réservation et d'annulation.">
        Activités
      </PageTitle>
      <div className="grid grid-cols-1 gap-6">
        {isAdmin ? (
          <Card>
            <details open={activities.length === 0}>
              <summary className="cursor-pointer text-lg font-semibold text-slate-900">Nouvelle activité</summary>
              <div className="mt-4">
                <ActivityForm commune={commune} communeBillingMode={access.tenant.billingMode} sites={sites} years={years} defaultYearId={currentYear?.id} />
              </div>
            </details>
          </Card>
        ) : null}

        {groups.size === 0 ? (
          <Card>
            <p className="text-sm text-slate-600">Aucune activité pour l&apos;instant.</p>
          </Card>
        ) : null}

        {[...groups.entries()].map(([yearId, group]) => (
          <Card key={yearId} title={`Année scolaire ${group.label}`}>
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Activités de l&apos;année scolaire {group.label}</caption>
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="w-2/5 py-2 pr-4 font-medium">
                      Activité
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      Réglages
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 align-top">
                  {group.items.map((a) => {
                    const age = describeAge(a.minAgeMonths, a.maxAgeMonths);
                    return (
                      <tr key={a.id} className={a.archived ? "text-slate-500" : undefined}>
                        <th scope="row" className="py-3 pr-4 font-normal">
                          <Link href={`/${commune}/admin/activites/${a.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                            {a.name}
                          </Link>
                          {a.archived ? (
                            <span className="ml-2">
                              <Badge>Archivée</Badge>
                            </span>
                          ) : null}
                          <span className="block text-slate-700">{serviceLabels[a.service]}</span>
                          <span className="block text-slate-600">{a.siteName}</span>
                        </th>
                        <td className="py-3">
                          <div className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
                            <div>
                              <span className="block first-letter:uppercase">{describeWeekdays(a.weekdays)}</span>
                              <span className="block text-slate-600">{runsOnLabels[a.runsOn]}</span>
                              <span className="block text-slate-600">À l&apos;unité : {unitLabels[a.unit]}</span>
                              {a.classLevels.length ? <span className="block text-slate-600">Classes : {a.classLevels.join(", ")}</span> : null}
                              {age ? <span className="block text-slate-600">Âge : {age}</span> : null}
                            </div>
                            <div>
                              <span className="block">
                                <span className="text-slate-600">Capacité : </span>
                                {describeCapacity(a.capacity)}
                              </span>
                              <span className="block">
                                <span className="text-slate-600">Réservation : </span>
                                {a.bookingRuleText}
                              </span>
                              <span className="block">
                                <span className="text-slate-600">Annulation : </span>
                                {a.cancelRuleText}
                              </span>
                            </div>
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </Card>
        ))}
      </div>
    </Main>
  );
}
