import { Badge, Card } from "../ui";

/** The household's legal guardians with how to reach them, as families and staff both see it (staff: who has an account). */
export function GuardiansCard({
  guardians,
  showAccounts = false,
}: {
  guardians: { id: string; firstName: string; lastName: string; email: string | null; phone: string | null; hasAccount?: boolean }[];
  showAccounts?: boolean;
}) {
  return (
    <Card title="Responsables légaux">
      <ul className="divide-y divide-slate-100 text-sm">
        {guardians.map((g) => (
          <li key={g.id} className="flex flex-wrap justify-between gap-2 py-2">
            <span className="font-medium">
              {g.firstName} {g.lastName}
              {showAccounts ? <> {g.hasAccount ? <Badge tone="success">Compte relié</Badge> : <Badge>Sans compte</Badge>}</> : null}
            </span>
            <span className="text-slate-600">{[g.email, g.phone].filter(Boolean).join(" · ")}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
