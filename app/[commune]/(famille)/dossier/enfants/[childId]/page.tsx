import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { ChildSections } from "@/app/_components/family-file/child-forms";
import { PendingList } from "@/app/_components/family-file/pending-list";

export const metadata: Metadata = { title: "Fiche de l'enfant" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One child's part of the family file: allergies, health, diet, pickups, authorisations, school. */
export default async function ChildFilePage({ params }: { params: Promise<{ commune: string; childId: string }> }) {
  const { commune, childId } = await params;
  if (!UUID.test(childId)) notFound();
  const access = await communeAccess(commune);
  if (!access.isParent) redirect(`/${commune}/admin`);
  const families = await load(commune, (api) => api.family.myFamily());
  const household = families.find((f) => f.children.some((c) => c.id === childId));
  if (!household) notFound();
  const file = await load(commune, (api) => api.familyFile.get({ householdId: household.id }));
  const child = file.children.find((c) => c.id === childId)!;
  const pending = file.pending.filter((c) => c.childId === childId);
  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/dossier`} className="text-brand-800 underline">
          ← Mon dossier
        </Link>
      </p>
      <PageTitle lead="Ce que les animateurs et la cantine doivent savoir. Les données de santé sont chiffrées ; chaque consultation par un agent est enregistrée.">
        {child.firstName} {child.lastName}
      </PageTitle>
      {pending.length ? (
        <Card title="En attente de validation par la mairie" className="mb-6 border-amber-300 bg-amber-50">
          <PendingList pending={pending} timeZone={access.tenant.timeZone} names={{}} />
        </Card>
      ) : null}
      <ChildSections mode="parent" householdId={household.id} child={child} offeredDiets={file.settings.offeredDiets} />
    </Main>
  );
}
