import Link from "next/link";
import { ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";

export default async function HouseholdsPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [households, access] = await Promise.all([load(commune, (api) => api.households.list()), load(commune, (api) => api.commune.access())]);
  return (
    <Main>
      <PageTitle lead={`${households.length} dossiers famille`}>Familles</PageTitle>
      <p className="mb-4 flex flex-wrap gap-2">
        <ButtonLink href={`/${commune}/admin/familles/nouvelle`}>Nouvelle famille</ButtonLink>
        {access.staffRoles.includes("admin") ? (
          <ButtonLink href={`/${commune}/admin/familles/import`} variant="secondary">
            Importer un fichier CSV
          </ButtonLink>
        ) : null}
      </p>
      <Card>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Dossiers famille de la commune</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Référence</th>
                <th scope="col" className="py-2 pr-4 font-medium">Famille</th>
                <th scope="col" className="py-2 pr-4 font-medium">Responsables</th>
                <th scope="col" className="py-2 font-medium">Enfants</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {households.map((h) => (
                <tr key={h.id}>
                  <td className="py-3 pr-4 font-mono text-xs">{h.reference}</td>
                  <td className="py-3 pr-4">
                    <Link href={`/${commune}/admin/familles/${h.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                      {h.name}
                    </Link>
                  </td>
                  <td className="py-3 pr-4">{h.guardianNames.join(", ")}</td>
                  <td className="py-3">{h.childCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </Main>
  );
}
