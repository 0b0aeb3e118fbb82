import { Card } from "../ui";

/** The household's legal guardians with how to reach them, as families and staff both see it. */
export function GuardiansCard({ guardians }: { guardians: { id: string; firstName: string; lastName: string; email: string | null; phone: string | null }[] }) {
  return (
    <Card title="Responsables légaux">
      <ul className="divide-y divide-slate-100 text-sm">
        {guardians.map((g) => (
          <li key={g.id} className="flex flex-wrap justify-between gap-2 py-2">
            <span className="font-medium">
              {g.firstName} {g.lastName}
            </span>
            <span className="text-slate-600">{[g.email, g.phone].filter(Boolean).join(" · ")}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
