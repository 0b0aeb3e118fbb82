import type { Metadata } from "next";
import Link from "next/link";
import { Alert, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { TableScroll } from "@/app/_components/table-scroll";
import { formatDate, formatDayLong, todayIn } from "@/common/dates";
import { ImportForm, PeriodForm, PeriodsTable } from "./calendar-forms";
import { RegionForm } from "./region-form";
import { EditSchoolYearForm, NewSchoolYearForm } from "./school-year-form";

export const metadata: Metadata = { title: "Calendrier" };

const zoneLabel = (zone: string) => (zone.length === 1 ? `zone ${zone}` : zone);

/** The next school year to create: 1 September to the first Saturday of July. */
function suggestYear(latestEnd: string | undefined, today: string) {
  const startYear = latestEnd ? Number(latestEnd.slice(0, 4)) : Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 8 ? 1 : 0);
  const july = new Date(Date.UTC(startYear + 1, 6, 1));
  const firstSaturday = new Date(july.getTime() + ((6 - july.getUTCDay() + 7) % 7) * 86_400_000);
  // Classes end on the Friday before the first Saturday of July at the latest.
  const end = new Date(firstSaturday.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { label: `${startYear}-${startYear + 1}`, startDate: `${startYear}-09-01`, endDate: end };
}

export default async function CalendarPage({
  params,
  searchParams,
}: {
  params: Promise<{ commune: string }>;
  searchParams: Promise<{ annee?: string | string[] }>;
}) {
  const { commune } = await params;
  const { annee } = await searchParams;
  const access = await communeAccess(commune);
  const isAdmin = access.staffRoles.includes("admin");
  const settings = await load(commune, (api) => api.calendar.settings());
  const years = await load(commune, (api) => api.calendar.schoolYears());
  const today = todayIn(settings.timeZone);
  const wanted = typeof annee === "string" ? annee : undefined;
  const selected =
    years.find((y) => y.id === wanted) ?? years.find((y) => y.startDate <= today && today <= y.endDate) ?? years[0] ?? null;
  const year = selected ? await load(commune, (api) => api.calendar.schoolYear({ schoolYearId: selected.id })) : null;
  const holidays = year?.periods.filter((p) => p.kind === "holiday") ?? [];
  const base = `/${commune}/admin/calendrier`;
  // A new closure is most often ahead: today while the year runs, else the year's first day.
  const closureDefault = year && year.startDate <= today && today <= year.endDate ? today : (year?.startDate ?? today);

  return (
    <Main>
      <PageTitle lead={`Vacances de la ${zoneLabel(settings.holidayZone)} · jours fériés : ${settings.regionLabel}`}>Calendrier scolaire</PageTitle>
      <div className="grid grid-cols-1 gap-6">
        <Card title="Zone, fuseau horaire et jours fériés">
          <dl className="mb-4 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-600">Zone de vacances scolaires</dt>
              <dd className="font-medium text-slate-900">{settings.holidayZone.length === 1 ? `Zone ${settings.holidayZone}` : settings.holidayZone}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Fuseau horaire</dt>
              <dd className="font-medium text-slate-900">{settings.timeZone}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Jours fériés</dt>
              <dd className="font-medium text-slate-900">{settings.regionLabel}</dd>
            </div>
          </dl>
          {isAdmin ? (
            <>
              <p className="mb-4 text-sm text-slate-600">
                La zone et le fuseau horaire sont fixés à l&apos;ouverture de la commune par l&apos;opérateur de la plateforme : écrivez-lui pour les
                changer.
              </p>
              <RegionForm current={settings.publicHolidayRegion} regions={settings.regions} />
            </>
          ) : null}
        </Card>

        <Card title="Années scolaires">
          {years.length ? (
            <nav aria-label="Années scolaires">
              <ul className="flex flex-wrap gap-2">
                {years.map((y) => {
                  const current = y.id === selected?.id;
                  return (
                    <li key={y.id}>
                      <Link
                        href={`${base}?annee=${y.id}`}
                        aria-current={current ? "page" : undefined}
                        className={`inline-flex min-h-11 flex-col justify-center rounded-lg border px-4 py-1 text-sm ${
                          current ? "border-brand-700 bg-brand-50 font-semibold text-brand-800" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"
                        }`}
                      >
                        <span>{y.label}</span>
                        <span className="text-xs font-normal text-slate-600">
                          {formatDate(y.startDate)} → {formatDate(y.endDate)}
                        </span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
          ) : (
            <p className="text-sm text-slate-600">Aucune année scolaire pour l&apos;instant.</p>
          )}
          {year ? (
            <p className="mt-4 text-sm text-slate-700">
              {year.label} : du {formatDate(year.startDate)} au {formatDate(year.endDate)} (dernier jour de classe). Les activités de vacances de
              cette année continuent l&apos;été suivant, jusqu&apos;au {formatDate(year.summerEnd)}.
            </p>
          ) : null}
          {isAdmin && year ? (
            <details className="mt-4 rounded-lg border border-slate-200 p-4">
              <summary className="cursor-pointer text-base font-semibold text-slate-900">Modifier l&apos;année {year.label}</summary>
              <div className="mt-4">
                <EditSchoolYearForm year={year} />
              </div>
            </details>
          ) : null}
          {isAdmin ? (
            <details className="mt-4 rounded-lg border border-slate-200 p-4" open={years.length === 0}>
              <summary className="cursor-pointer text-base font-semibold text-slate-900">Nouvelle année scolaire</summary>
              <p className="mt-2 mb-4 text-sm text-slate-600">
                {settings.datasetZone
                  ? `Les vacances de la ${zoneLabel(settings.holidayZone)} sont ajoutées d'après le calendrier officiel fourni, qui va jusqu'au ${formatDate(settings.officialDataEnd)}. Au-delà, importez le fichier du ministère.`
                  : `Le calendrier officiel fourni ne couvre que les zones A, B et C : pour ${settings.holidayZone}, importez le fichier du ministère ou saisissez les vacances.`}
              </p>
              <NewSchoolYearForm suggestion={suggestYear(years[0]?.endDate, today)} />
            </details>
          ) : null}
        </Card>

        {year ? (
          <>
            <Card title={`Vacances et fermetures — ${year.label}`}>
              {holidays.length === 0 ? (
                <Alert tone="warning">
                  {year.officialDataAvailable
                    ? "Aucune période de vacances pour cette année."
                    : `Le calendrier officiel fourni ne couvre pas l'année ${year.label} pour la ${zoneLabel(settings.holidayZone)}.`}{" "}
                  {isAdmin ? "Importez le fichier du ministère ou saisissez les vacances ci-dessous." : "Un administrateur doit les importer ou les saisir."}
                </Alert>
              ) : null}
              {year.periods.length ? (
                <PeriodsTable periods={year.periods} canEdit={isAdmin} caption={`Vacances scolaires et jours de fermeture, ${year.label}`} />
              ) : (
                <p className="text-sm text-slate-600">Aucune période enregistrée.</p>
              )}
            </Card>

            {isAdmin ? (
              <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
                <Card title="Ajouter une période / un jour de fermeture">
                  <PeriodForm defaults={{ startDate: closureDefault, endDate: closureDefault }} />
                </Card>
                <Card title="Importer le calendrier officiel">
                  <p className="mb-4 text-sm text-slate-600">
                    Téléchargez le jeu de données{" "}
                    <a
                      href="https://data.education.gouv.fr/explore/dataset/fr-en-calendrier-scolaire/export/"
                      className="font-semibold text-brand-700 underline underline-offset-4"
                      target="_blank"
                      rel="noreferrer"
                    >
                      « Calendrier scolaire » sur data.education.gouv.fr
                      <span className="sr-only"> (nouvelle fenêtre)</span>
                    </a>{" "}
                    au format CSV ou JSON, puis choisissez-le ici : seules les vacances de la {zoneLabel(settings.holidayZone)} sont retenues.
                  </p>
                  <ImportForm />
                </Card>
              </div>
            ) : null}

            <Card title={`Jours fériés — ${year.label}`}>
              <p className="mb-3 text-sm text-slate-600">
                Calculés automatiquement ({settings.regionLabel}), l&apos;été qui suit compris
                {isAdmin ? " ; pour l'Alsace-Moselle ou l'outre-mer, changez les jours fériés appliqués plus haut." : "."}
              </p>
              {year.publicHolidays.length ? (
                <TableScroll label={`Jours fériés de l'année scolaire ${year.label}`}>
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">Jours fériés de l&apos;année scolaire {year.label}</caption>
                    <thead className="border-b border-slate-200 text-slate-600">
                      <tr>
                        <th scope="col" className="py-2 pr-4 font-medium">
                          Date
                        </th>
                        <th scope="col" className="py-2 font-medium">
                          Jour férié
                        </th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {year.publicHolidays.map((h) => (
                        <tr key={h.date}>
                          <td className="py-2 pr-4 whitespace-nowrap">
                            {formatDayLong(h.date)} {h.date.slice(0, 4)}
                          </td>
                          <th scope="row" className="py-2 font-normal">
                            {h.name}
                          </th>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              ) : (
                <p className="text-sm text-slate-600">Aucun jour férié sur cette période.</p>
              )}
            </Card>
          </>
        ) : null}
      </div>
    </Main>
  );
}
