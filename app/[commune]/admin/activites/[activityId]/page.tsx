import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, Card, inputClass, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { describeAge, describeCapacity, describeWeekdays, runsOnLabels, serviceLabels, unitLabels } from "@/common/activity-labels";
import { addDays, formatDate, formatMonth, monthRange, todayIn } from "@/common/dates";
import { ActivityForm } from "../activity-form";
import { ArchiveActivityButton } from "./archive-button";
import { CapacityTable } from "./capacity-table";
import { AddOpeningForm, OpeningsTable } from "./openings";
import { AddTariffForm, TariffsList } from "./tariffs";

export const metadata: Metadata = { title: "Activité" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ commune: string; activityId: string }>;
  searchParams: Promise<{ mois?: string | string[] }>;
}) {
  const { commune, activityId } = await params;
  const { mois } = await searchParams;
  if (!UUID.test(activityId)) notFound();
  const [access, activity] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.activities.get({ activityId })),
  ]);
  const isAdmin = access.staffRoles.includes("admin");
  const timeZone = access.tenant.timeZone;
  const today = todayIn(timeZone);
  const thisMonth = today.slice(0, 7);
  const month =
    typeof mois === "string" && MONTH.test(mois)
      ? mois
      : activity.yearStart.slice(0, 7) <= thisMonth && thisMonth <= activity.lastDay.slice(0, 7)
        ? thisMonth
        : activity.yearStart.slice(0, 7);
  const [capacity, openings, tariffs, sites, years] = await Promise.all([
    load(commune, (api) => api.activities.capacityByDay({ activityId, month })),
    load(commune, (api) => api.activities.openings({ activityId })),
    load(commune, (api) => api.tariffs.list({ activityId })),
    isAdmin ? load(commune, (api) => api.activities.sites()) : Promise.resolve([]),
    isAdmin ? load(commune, (api) => api.calendar.schoolYears()) : Promise.resolve([]),
  ]);
  const previous = addDays(`${month}-01`, -1).slice(0, 7);
  const next = addDays(monthRange(month).to, 1).slice(0, 7);
  const base = `/${commune}/admin/activites/${activityId}`;
  const age = describeAge(activity.minAgeMonths, activity.maxAgeMonths);

  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/admin/activites`} className="font-semibold text-brand-700 underline underline-offset-4">
          ← Toutes les activités
        </Link>
      </p>
      <PageTitle
        lead={`${serviceLabels[activity.service]} · ${activity.siteName} · année ${activity.yearLabel} · ${activity.enrolled} enfant${activity.enrolled > 1 ? "s" : ""} inscrit${activity.enrolled > 1 ? "s" : ""}`}
      >
        {activity.name} {activity.archived ? <Badge>Archivée</Badge> : null}
      </PageTitle>

      <div className="grid grid-cols-1 gap-6">
        <Card title="Réglages">
          {isAdmin ? (
            <>
              <ActivityForm commune={commune} communeBillingMode={access.tenant.billingMode} activity={activity} sites={sites} years={years} />
              <div className="mt-6 border-t border-slate-200 pt-4">
                <ArchiveActivityButton activityId={activity.id} name={activity.name} archived={activity.archived} />
              </div>
            </>
          ) : (
            <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              {(
                [
                  ["Jours", describeWeekdays(activity.weekdays)],
                  ["Fonctionne", runsOnLabels[activity.runsOn]],
                  ["Unité", unitLabels[activity.unit]],
                  ["Capacité", describeCapacity(activity.capacity)],
                  ["Réservation", activity.bookingRuleText],
                  ["Annulation", activity.cancelRuleText],
                  ["Classes admises", activity.classLevels.length ? activity.classLevels.join(", ") : "toutes"],
                  ["Âge", age ?? "tous âges"],
                ] as const
              ).map(([term, value]) => (
                <div key={term}>
                  <dt className="text-slate-600">{term}</dt>
                  <dd className="font-medium first-letter:uppercase">{value}</dd>
                </div>
              ))}
            </dl>
          )}
        </Card>

        <Card title="Capacité par jour">
          <p className="mb-3 text-sm text-slate-600">
            Capacité de l&apos;activité : {describeCapacity(activity.capacity)}. Les places prises comptent les réservations confirmées et les paniers
            en cours. Elle fonctionne du {formatDate(activity.yearStart)} au {formatDate(activity.lastDay)}
            {activity.lastDay > activity.yearEnd ? " (l'été qui suit l'année scolaire compris)" : ""}.
          </p>
          <nav aria-label="Choisir le mois" className="mb-4 flex flex-wrap items-end gap-2">
            <Link
              href={`${base}?mois=${previous}`}
              className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:bg-slate-50"
            >
              ‹ <span className="ml-1 first-letter:uppercase">{formatMonth(previous)}</span>
            </Link>
            <form method="get" action={base} className="flex flex-wrap items-end gap-2">
              <div>
                <label htmlFor="capacite-mois" className="mb-1 block text-sm font-medium text-slate-800">
                  Mois
                </label>
                <input
                  id="capacite-mois"
                  type="month"
                  name="mois"
                  defaultValue={month}
                  className={`${inputClass()} sm:w-56`}
                />
              </div>
              <button
                type="submit"
                className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:bg-slate-50"
              >
                Afficher
              </button>
            </form>
            <Link
              href={`${base}?mois=${next}`}
              className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:bg-slate-50"
            >
              <span className="mr-1 first-letter:uppercase">{formatMonth(next)}</span> ›
            </Link>
          </nav>
          <h3 className="mb-2 text-base font-semibold text-slate-900 first-letter:uppercase">{formatMonth(month)}</h3>
          <CapacityTable
            activityId={activity.id}
            days={capacity.days}
            defaultCapacity={activity.capacity}
            canEdit={isAdmin}
            caption={`Places prises et capacité par jour, ${formatMonth(month)}`}
          />
        </Card>

        <Card title="Tarifs">
          <p className="mb-3 text-sm text-slate-600">
            Le prix d&apos;une réservation est fixé quand elle est faite : tarif en vigueur le jour réservé, tranche du quotient familial de la famille
            à cette date (sans quotient connu : la tranche la plus haute), résident ou non. Un nouveau tarif ne change jamais le prix des réservations
            déjà faites.
          </p>
          <TariffsList tariffs={tariffs} canEdit={isAdmin} />
          {isAdmin ? (
            <div className="rounded-lg border border-slate-200 p-4">
              <h3 className="mb-3 text-base font-semibold text-slate-900">Ajouter un tarif à partir d&apos;une date</h3>
              <AddTariffForm activityId={activity.id} today={today} />
            </div>
          ) : null}
        </Card>

        <Card title="Ouverture des réservations">
          <p className="mb-3 text-sm text-slate-600">
            Pour une période dont les réservations ouvrent plus tard (par exemple l&apos;été, ouvert après les vacances d&apos;hiver), indiquez les
            jours concernés et le moment de l&apos;ouverture. Avant ce moment, les familles voient la date d&apos;ouverture sur leur planning.
          </p>
          <OpeningsTable openings={openings} canEdit={isAdmin} timeZone={timeZone} />
          {isAdmin ? (
            <div className="rounded-lg border border-slate-200 p-4">
              <h3 className="mb-3 text-base font-semibold text-slate-900">Ajouter une ouverture différée</h3>
              <AddOpeningForm activityId={activity.id} timeZone={timeZone} />
            </div>
          ) : null}
        </Card>
      </div>
    </Main>
  );
}
