import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";

const roleLabels = { admin: "Administrateur", agent: "Guichet unique", site_agent: "Agent de site" } as const;

export default async function StaffPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const staff = await load(commune, (api) => api.staff.list());
  return (
    <Main>
      <PageTitle>Équipe</PageTitle>
      <Card>
        <ul className="divide-y divide-slate-100 text-sm">
          {staff.map((s) => (
            <li key={`${s.userId}-${s.role}`} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <span>
                <span className="font-medium">{s.name ?? s.email}</span> <span className="text-slate-600">{s.email}</span>
              </span>
              <Badge>{roleLabels[s.role]}</Badge>
            </li>
          ))}
        </ul>
      </Card>
    </Main>
  );
}
