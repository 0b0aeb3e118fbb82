import type { Metadata } from "next";
import Link from "next/link";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";
import { DecideChange } from "@/app/_components/family-file/decide-change";

export const metadata: Metadata = { title: "Modifications des dossiers" };

/** The front desk's queue of changes families made to their files that wait for a decision. */
export default async function PendingChangesPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, pending] = await Promise.all([communeAccess(commune), load(commune, (api) => api.familyFiles.pending())]);
  return (
    <Main>
      <PageTitle lead="Ce que les familles ont modifié dans leur dossier et qui attend votre accord. La famille reçoit un e-mail à chaque décision.">Modifications à valider</PageTitle>
      {access.staffRoles.includes("admin") ? (
        <p className="mb-4 text-sm">
          <Link href={`/${commune}/admin/modifications/reglages`} className="text-brand-800 underline">
            Réglages des dossiers : modifications à valider, régimes proposés, vérification avant la rentrée
          </Link>
        </p>
      ) : null}
      {pending.length === 0 ? <p className="text-slate-700">Aucune modification en attente.</p> : null}
      <ul className="grid gap-4">
        {pending.map((c) => (
          <li key={c.id}>
            <Card
              title={`${c.sectionLabel} · ${c.household?.name ?? ""}`}
              actions={
                c.household ? (
                  <Link href={`/${commune}/admin/familles/${c.householdId}/dossier`} className="text-sm text-brand-800 underline">
                    Dossier {c.household.reference}
                  </Link>
                ) : null
              }
            >
              <dl className="mb-3 grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
                <dt className="text-slate-600">Actuellement</dt>
                <dd className="break-words">{c.before}</dd>
                <dt className="text-slate-600">Demandé</dt>
                <dd className="break-words font-medium">{c.after}</dd>
                <dt className="text-slate-600">Par</dt>
                <dd>
                  {c.requestedByName ?? "la famille"}, le {formatInstant(c.requestedAt, access.tenant.timeZone)}
                </dd>
              </dl>
              <DecideChange changeId={c.id} />
            </Card>
          </li>
        ))}
      </ul>
    </Main>
  );
}
