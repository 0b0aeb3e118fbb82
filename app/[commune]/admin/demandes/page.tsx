import type { Metadata } from "next";
import Link from "next/link";
import { statusTone } from "@/app/_components/requests/thread";
import { TableScroll } from "@/app/_components/table-scroll";
import { Badge, Button, Main, PageTitle, SelectField } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";
import { messages } from "@/common/messages";

export const metadata: Metadata = { title: "Demandes des familles" };

const STATUSES = ["open", "sent", "in_progress", "awaiting_family", "accepted", "refused"] as const;
type Status = (typeof STATUSES)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The inbox: filters in the URL (a plain GET form), so a filtered view can be bookmarked and shared. */
export default async function StaffRequestsPage({
  params,
  searchParams,
}: {
  params: Promise<{ commune: string }>;
  searchParams: Promise<{ categorie?: string; statut?: string; agent?: string; retard?: string }>;
}) {
  const { commune } = await params;
  const q = await searchParams;
  const status: Status = STATUSES.includes(q.statut as Status) ? (q.statut as Status) : "open";
  const categoryId = q.categorie && UUID.test(q.categorie) ? q.categorie : null;
  const assignee = q.agent === "me" || q.agent === "none" || (q.agent && UUID.test(q.agent)) ? q.agent : null;
  const late = q.retard === "1";
  const [access, rows, categories, staff, counts] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.requests.inbox({ status, categoryId, assignee, late })),
    load(commune, (api) => api.requests.staffCategories()),
    load(commune, (api) => api.requests.assignable()),
    load(commune, (api) => api.requests.counts()),
  ]);
  const tz = access.tenant.timeZone;
  return (
    <Main>
      <PageTitle lead={`${counts.waiting} en attente de la mairie, dont ${counts.late} en retard sur le délai visé.`}>Demandes des familles</PageTitle>
      {access.staffRoles.includes("admin") ? (
        <p className="-mt-4 mb-6 text-sm">
          <Link href={`/${commune}/admin/demandes/categories`} className="text-brand-700 underline underline-offset-4">
            Configurer les catégories de demandes
          </Link>
        </p>
      ) : null}
      <form method="get" className="mb-6 grid gap-x-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" aria-label="Filtrer les demandes">
        <SelectField
          id="filtre-statut"
          name="statut"
          label="Statut"
          defaultValue={status}
          options={[["open", "À traiter"], ...STATUSES.filter((s) => s !== "open").map((s) => [s, messages.demandes.staffStatuses[s]] as const)]}
        />
        <SelectField id="filtre-categorie" name="categorie" label="Catégorie" defaultValue={categoryId ?? ""} options={[["", "Toutes"], ...categories.map((c) => [c.id, c.name] as const)]} />
        <SelectField
          id="filtre-agent"
          name="agent"
          label="Confiée à"
          defaultValue={assignee ?? ""}
          options={[["", "Tout le monde"], ["me", "Moi"], ["none", "Personne"], ...staff.map((s) => [s.userId, s.name ?? s.email] as const)]}
        />
        <SelectField id="filtre-retard" name="retard" label="Délai" defaultValue={late ? "1" : ""} options={[["", "Toutes"], ["1", "En retard seulement"]]} />
        <div className="mb-4">
          <Button type="submit" variant="secondary" className="w-full">
            Filtrer
          </Button>
        </div>
      </form>
      {rows.length ? (
        <TableScroll label="Demandes">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Demande</th>
                <th scope="col" className="py-2 pr-3 font-medium">Famille</th>
                <th scope="col" className="py-2 pr-3 font-medium">Statut</th>
                <th scope="col" className="py-2 pr-3 font-medium">Confiée à</th>
                <th scope="col" className="py-2 font-medium">Reçue</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="py-2 pr-3">
                    <Link href={`/${commune}/admin/demandes/${r.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-4">
                      {r.categoryName}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">
                    {r.householdName} <span className="text-slate-500">({r.householdReference})</span>
                  </td>
                  <td className="py-2 pr-3">
                    <span className="flex flex-wrap gap-1">
                      <Badge tone={statusTone(r.status)}>{r.statusLabel}</Badge>
                      {r.late ? <Badge tone="danger">En retard</Badge> : null}
                    </span>
                  </td>
                  <td className="py-2 pr-3">{r.assigneeName ?? "—"}</td>
                  <td className="py-2 whitespace-nowrap">{formatInstant(r.createdAt, tz)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="text-slate-600">Aucune demande ne correspond à ces filtres.</p>
      )}
    </Main>
  );
}
