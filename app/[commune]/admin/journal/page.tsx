import type { Metadata } from "next";
import Link from "next/link";
import { Button, ButtonLink, Card, Main, PageTitle, SelectField } from "@/app/_components/ui";
import { TableScroll } from "@/app/_components/table-scroll";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";

export const metadata: Metadata = { title: "Journal des actions" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Admins: who viewed or changed which family file, exported or erased it — newest first, by family, 50 a page. */
export default async function JournalPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ famille?: string; page?: string }> }) {
  const { commune } = await params;
  const query = await searchParams;
  const householdId = query.famille && UUID.test(query.famille) ? query.famille : undefined;
  const page = Math.min(100_000, Math.max(0, Number.parseInt(query.page ?? "0", 10) || 0));
  const [access, families, journal] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.rgpd.journalFamilies()),
    load(commune, (api) => api.rgpd.journal({ householdId, page })),
  ]);
  const tz = access.tenant.timeZone;
  const pageHref = (n: number) => `/${commune}/admin/journal?${new URLSearchParams({ ...(householdId ? { famille: householdId } : {}), page: String(n) })}`;
  return (
    <Main>
      <PageTitle lead={`Les consultations des données de santé, les modifications, les exports et les effacements des dossiers famille de ${access.tenant.name}.`}>
        Journal des actions
      </PageTitle>
      <Card>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
          <SelectField
            id="famille"
            name="famille"
            label="Famille"
            className="min-w-64"
            defaultValue={householdId ?? ""}
            options={[["", "Toutes les familles"], ...families.map((f) => [f.id, `${f.reference} — ${f.name}`] as const)]}
          />
          <Button type="submit" variant="secondary">
            Filtrer
          </Button>
        </form>
        {journal.entries.length === 0 ? (
          <p className="text-sm text-slate-700">Aucune action enregistrée{householdId ? " pour cette famille" : ""}.</p>
        ) : (
          <TableScroll label="Actions enregistrées">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Actions sur les dossiers famille, les plus récentes d&apos;abord</caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-4">Date</th>
                  <th scope="col" className="py-2 pr-4">Action</th>
                  <th scope="col" className="py-2 pr-4">Famille</th>
                  <th scope="col" className="py-2 pr-4">Par</th>
                </tr>
              </thead>
              <tbody>
                {journal.entries.map((e) => (
                  <tr key={e.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-4 whitespace-nowrap">{formatInstant(e.at, tz)}</td>
                    <td className="py-2 pr-4">{e.label}</td>
                    <td className="py-2 pr-4">
                      {e.household ? (
                        <Link className="underline" href={`/${commune}/admin/familles/${e.household.id}`}>
                          {e.household.reference}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="py-2 pr-4">{e.who}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <nav aria-label="Pages du journal" className="mt-4 flex flex-wrap gap-3">
          {page > 0 ? (
            <ButtonLink variant="secondary" href={pageHref(page - 1)}>
              Actions plus récentes
            </ButtonLink>
          ) : null}
          {journal.hasMore ? (
            <ButtonLink variant="secondary" href={pageHref(page + 1)}>
              Actions plus anciennes
            </ButtonLink>
          ) : null}
        </nav>
      </Card>
    </Main>
  );
}
