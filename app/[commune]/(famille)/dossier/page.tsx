import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatDate } from "@/common/dates";
import { AddChildForm, AddGuardianForm, AddressForm, CafForm, GuardianForm, InsuranceForm } from "@/app/_components/family-file/household-forms";
import { PendingList } from "@/app/_components/family-file/pending-list";
import { ReviewBanner } from "@/app/_components/family-file/review-banner";
import { allergiesLine } from "@/common/family-file";

export const metadata: Metadata = { title: "Mon dossier" };

/** The family edits its file: contacts, second guardian, insurance, CAF number, children (each on its own page). */
export default async function FamilyFilePage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  if (!access.isParent) redirect(`/${commune}/admin`);
  const families = await load(commune, (api) => api.family.myFamily());
  const files = await Promise.all(
    families.map(async (f) => ({
      file: await load(commune, (api) => api.familyFile.get({ householdId: f.id })),
      review: await load(commune, (api) => api.familyFile.review({ householdId: f.id })),
    })),
  );
  return (
    <Main>
      <PageTitle lead="Vos coordonnées, vos enfants, leur santé et qui peut venir les chercher. Certaines modifications sont vérifiées par la mairie avant d'être prises en compte.">
        Mon dossier
      </PageTitle>
      {files.map(({ file, review }) => {
        const h = file.household;
        const names = Object.fromEntries([...file.children.map((c) => [c.id, c.firstName]), ...file.guardians.map((g) => [g.id, `${g.firstName} ${g.lastName}`])]);
        return (
          <div key={h.id} className="grid gap-6">
            <ReviewBanner householdId={h.id} review={review} />
            {file.pending.length ? (
              <Card title="En attente de validation par la mairie" className="border-amber-300 bg-amber-50">
                <PendingList pending={file.pending} timeZone={access.tenant.timeZone} names={names} />
              </Card>
            ) : null}
            <Card title="Enfants">
              <ul className="grid gap-3 sm:grid-cols-2">
                {file.children.map((c) => (
                  <li key={c.id}>
                    <Link href={`/${commune}/dossier/enfants/${c.id}`} className="block min-h-11 rounded-lg border border-slate-200 p-4 hover:border-brand-700 hover:bg-brand-50">
                      <span className="block font-semibold text-brand-800 underline">
                        {c.firstName} {c.lastName}
                      </span>
                      <span className="block text-sm text-slate-700">
                        Né(e) le {formatDate(c.birthDate)} · {c.classLevel || "classe non renseignée"}
                      </span>
                      <span className="mt-2 flex flex-wrap gap-2">
                        {c.health.allergies.length ? <Badge tone="danger">Allergies : {allergiesLine(c.health.allergies)}</Badge> : <Badge>Aucune allergie</Badge>}
                        {c.hasPai ? <Badge tone="warning">PAI</Badge> : null}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
              <div className="mt-6 border-t border-slate-200 pt-4">
                <AddChildForm mode="parent" householdId={h.id} lastName={h.name.replace(/^Famille /, "")} />
              </div>
            </Card>
            <Card title="Responsables légaux">
              <div className="grid gap-4">
                {file.guardians.map((g) => (
                  <GuardianForm key={g.id} mode="parent" householdId={h.id} guardian={g} removable={file.guardians.length > 1} />
                ))}
                {file.guardians.length < 2 ? <AddGuardianForm mode="parent" householdId={h.id} /> : null}
              </div>
            </Card>
            <div className="grid gap-6 md:grid-cols-2">
              <Card>
                <AddressForm mode="parent" household={h} />
              </Card>
              <Card>
                <InsuranceForm mode="parent" household={h} />
              </Card>
              <Card>
                <CafForm mode="parent" household={h} />
              </Card>
            </div>
          </div>
        );
      })}
    </Main>
  );
}
