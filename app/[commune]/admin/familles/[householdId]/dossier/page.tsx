import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { DownloadButton } from "@/app/_components/download-button";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";
import { ChildSections } from "@/app/_components/family-file/child-forms";
import { AddChildForm, AddGuardianForm, AddressForm, CafForm, GuardianForm, InsuranceForm } from "@/app/_components/family-file/household-forms";
import { PendingList } from "@/app/_components/family-file/pending-list";
import { DecideChange } from "@/app/_components/family-file/decide-change";

export const metadata: Metadata = { title: "Dossier de la famille" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const statusLabel = { applied: "", pending: " (en attente)", accepted: " (acceptée)", refused: " (refusée)" } as const;

/** The front desk edits the whole family file (applied at once); history, pending changes, fiches enfant, health views. */
export default async function StaffFamilyFilePage({ params }: { params: Promise<{ commune: string; householdId: string }> }) {
  const { commune, householdId } = await params;
  if (!UUID.test(householdId)) notFound();
  const access = await communeAccess(commune);
  const [file, history] = await Promise.all([load(commune, (api) => api.familyFiles.get({ householdId })), load(commune, (api) => api.familyFiles.history({ householdId }))]);
  const isAdmin = access.staffRoles.includes("admin");
  const views = isAdmin ? await load(commune, (api) => api.familyFiles.healthViews({ householdId })) : [];
  const tz = access.tenant.timeZone;
  const h = file.household;
  const names = Object.fromEntries([...file.children.map((c) => [c.id, c.firstName]), ...file.guardians.map((g) => [g.id, `${g.firstName} ${g.lastName}`])]);
  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/admin/familles/${h.id}`} className="text-brand-800 underline">
          ← {h.name} ({h.reference})
        </Link>
      </p>
      <PageTitle lead="Vos modifications s'appliquent tout de suite et restent dans l'historique du dossier. Chaque ouverture de cette page est enregistrée comme une consultation des données de santé.">
        Dossier de la {h.name.replace(/^Famille /, "famille ")}
      </PageTitle>
      <div className="grid gap-6">
        {file.pending.length ? (
          <Card title="Modifications demandées par la famille" className="border-amber-300 bg-amber-50">
            <ul className="grid gap-4">
              {file.pending.map((c) => (
                <li key={c.id} className="grid gap-2">
                  <PendingList pending={[c]} timeZone={tz} names={names} />
                  <DecideChange changeId={c.id} />
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        {file.children.map((child) => (
          <Card
            key={child.id}
            title={`${child.firstName} ${child.lastName}`}
            actions={
              <DownloadButton href={`/api/fiche-enfant/${commune}/${child.id}`} fallbackName={`fiche-enfant-${child.firstName}.pdf`} variant="secondary">
                Fiche enfant (PDF)
              </DownloadButton>
            }
          >
            <ChildSections mode="staff" householdId={h.id} child={child} offeredDiets={file.settings.offeredDiets} />
          </Card>
        ))}
        <Card>
          <AddChildForm mode="staff" householdId={h.id} lastName={h.name.replace(/^Famille /, "")} />
        </Card>
        <Card title="Responsables légaux">
          <div className="grid gap-4">
            {file.guardians.map((g) => (
              <GuardianForm key={g.id} mode="staff" householdId={h.id} guardian={g} removable={file.guardians.length > 1} />
            ))}
            {file.guardians.length < 2 ? <AddGuardianForm mode="staff" householdId={h.id} /> : null}
          </div>
        </Card>
        <div className="grid gap-6 md:grid-cols-2">
          <Card>
            <AddressForm mode="staff" household={h} />
          </Card>
          <Card>
            <InsuranceForm mode="staff" household={h} />
          </Card>
          <Card>
            <CafForm mode="staff" household={h} />
          </Card>
        </div>
        <Card title="Historique des modifications">
          {history.length === 0 ? <p className="text-sm text-slate-700">Aucune modification enregistrée.</p> : null}
          <ul className="divide-y divide-slate-100 text-sm">
            {history.map((c) => (
              <li key={c.id} className="grid gap-1 py-2">
                <p className="font-medium">
                  {c.sectionLabel}
                  {c.childId && names[c.childId] ? ` · ${names[c.childId]}` : ""}
                  {statusLabel[c.status]}
                </p>
                <p className="break-words text-slate-700">
                  Avant : {c.before} → Après : {c.after}
                </p>
                {c.reason ? <p className="text-slate-700">Motif du refus : {c.reason}</p> : null}
                <p className="text-xs text-slate-600">
                  {formatInstant(c.requestedAt, tz)} · {c.requestedByName ?? (c.requestedByRole === "parent" ? "la famille" : "un agent")}
                </p>
              </li>
            ))}
          </ul>
        </Card>
        {isAdmin ? (
          <Card title="Consultations des données de santé">
            {views.length === 0 ? <p className="text-sm text-slate-700">Aucune consultation enregistrée.</p> : null}
            <ul className="divide-y divide-slate-100 text-sm">
              {views.map((v) => (
                <li key={v.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span>
                    {v.childName ?? "Enfant retiré"} · {v.actorName ?? v.actorEmail ?? "—"}
                  </span>
                  <span className="text-slate-600">
                    {formatInstant(v.at, tz)} · {viaLabel[v.via ?? ""] ?? v.via}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </Main>
  );
}

const viaLabel: Record<string, string> = {
  family_file: "dossier famille",
  history: "historique",
  pending_changes: "modifications à valider",
  daily_list: "liste du jour",
  child_sheet: "fiche enfant (PDF)",
};
