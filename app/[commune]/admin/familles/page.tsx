import type { Metadata } from "next";
import Link from "next/link";
import { DownloadButton } from "@/app/_components/download-button";
import { Badge, ButtonLink, Card, Main, PageTitle, inputClass } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatMoney } from "@/common/money";

type Filters = { q?: string; resident?: string; owing?: string; pending?: string; page?: string };

export const metadata: Metadata = { title: "Familles" };

/** The query string of the list with these filters (and a page). */
function query(f: Filters, page?: number) {
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  if (f.resident === "yes" || f.resident === "no") params.set("resident", f.resident);
  if (f.owing === "1") params.set("owing", "1");
  if (f.pending === "1") params.set("pending", "1");
  if (page && page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function HouseholdsPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<Filters> }) {
  const { commune } = await params;
  const f = await searchParams;
  const resident = f.resident === "yes" || f.resident === "no" ? f.resident : "all";
  const page = Math.max(1, Math.min(100_000, Number.parseInt(f.page ?? "1", 10) || 1));
  const [result, access] = await Promise.all([
    load(commune, (api) => api.households.search({ search: (f.q ?? "").slice(0, 100), resident, owing: f.owing === "1", pendingApplications: f.pending === "1", page })),
    communeAccess(commune),
  ]);
  const csv = new URLSearchParams({ search: (f.q ?? "").slice(0, 100), resident, ...(f.owing === "1" ? { owing: "1" } : {}), ...(f.pending === "1" ? { pendingApplications: "1" } : {}) });
  return (
    <Main>
      <PageTitle lead={`${result.total} dossier${result.total > 1 ? "s" : ""} famille${f.q || resident !== "all" || f.owing || f.pending ? " pour cette recherche" : ""}`}>Familles</PageTitle>
      <p className="mb-4 flex flex-wrap gap-2">
        <ButtonLink href={`/${commune}/admin/familles/nouvelle`}>Nouvelle famille</ButtonLink>
        {access.staffRoles.includes("admin") ? (
          <ButtonLink href={`/${commune}/admin/familles/import`} variant="secondary">
            Importer un fichier CSV
          </ButtonLink>
        ) : null}
        <DownloadButton href={`/api/familles/${commune}/csv?${csv}`} fallbackName={`familles-${commune}.csv`} variant="secondary">
          Exporter cette liste (CSV)
        </DownloadButton>
      </p>
      <Card className="mb-4">
        <form method="get" role="search" aria-label="Rechercher une famille" className="grid grid-cols-1 items-end gap-3 sm:grid-cols-[1fr_auto_auto]">
          <div>
            <label htmlFor="recherche" className="mb-1 block text-sm font-medium text-slate-800">
              Nom, référence, enfant ou e-mail
            </label>
            <input id="recherche" name="q" type="search" maxLength={100} defaultValue={f.q ?? ""} className={inputClass()} />
          </div>
          <div>
            <label htmlFor="resident" className="mb-1 block text-sm font-medium text-slate-800">
              Résidence
            </label>
            <select id="resident" name="resident" defaultValue={resident} className={inputClass()}>
              <option value="all">Toutes</option>
              <option value="yes">Résidents</option>
              <option value="no">Non-résidents</option>
            </select>
          </div>
          <button type="submit" className="min-h-11 rounded-lg bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800">
            Rechercher
          </button>
          <div className="flex flex-wrap gap-4 sm:col-span-3">
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="owing" value="1" defaultChecked={f.owing === "1"} className="size-4" />
              Avec un solde dû
            </label>
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="pending" value="1" defaultChecked={f.pending === "1"} className="size-4" />
              Avec une préinscription en attente
            </label>
          </div>
        </form>
      </Card>
      <Card>
        {result.rows.length === 0 ? <p className="text-sm text-slate-600">Aucune famille ne correspond.</p> : null}
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Dossiers famille de la commune</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Référence</th>
                <th scope="col" className="py-2 pr-4 font-medium">Famille</th>
                <th scope="col" className="py-2 pr-4 font-medium">Responsables</th>
                <th scope="col" className="py-2 pr-4 font-medium">Enfants</th>
                <th scope="col" className="py-2 font-medium">Solde dû</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.rows.map((h) => (
                <tr key={h.id}>
                  <td className="py-3 pr-4 font-mono text-xs">{h.reference}</td>
                  <td className="py-3 pr-4">
                    <Link href={`/${commune}/admin/familles/${h.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                      {h.name}
                    </Link>
                    {!h.isResident ? <Badge>non-résident</Badge> : null}
                    {h.pendingApplication ? <Badge tone="warning">préinscription</Badge> : null}
                  </td>
                  <td className="py-3 pr-4">{h.guardianNames.join(", ")}</td>
                  <td className="py-3 pr-4">{h.childNames.join(", ")}</td>
                  <td className="py-3">{h.balanceCents > 0 ? formatMoney(h.balanceCents) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {result.pages > 1 ? (
          <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
            {result.page > 1 ? (
              <Link href={`/${commune}/admin/familles${query(f, result.page - 1)}`} className="min-h-11 rounded-lg border border-slate-300 px-4 py-2.5 font-semibold">
                ← Page précédente
              </Link>
            ) : (
              <span />
            )}
            <span aria-current="page">
              Page {result.page} sur {result.pages}
            </span>
            {result.page < result.pages ? (
              <Link href={`/${commune}/admin/familles${query(f, result.page + 1)}`} className="min-h-11 rounded-lg border border-slate-300 px-4 py-2.5 font-semibold">
                Page suivante →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </Card>
    </Main>
  );
}
