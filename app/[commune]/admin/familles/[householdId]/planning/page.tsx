import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PlanningBoard } from "@/app/_components/planning/planning-board";
import { Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { todayIn } from "@/common/dates";

export const metadata: Metadata = { title: "Réserver pour une famille" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function StaffPlanningPage({ params }: { params: Promise<{ commune: string; householdId: string }> }) {
  const { commune, householdId } = await params;
  if (!UUID.test(householdId)) notFound();
  const [access, household] = await Promise.all([
    communeAccess(commune),
    load(commune, (api) => api.households.get({ householdId })),
  ]);
  return (
    <Main>
      <PageTitle lead="Réservations et annulations au nom de la famille. Après le délai, indiquez un motif : il est enregistré avec votre nom.">
        Planning — {household.name}
      </PageTitle>
      <p className="-mt-4 mb-6 text-sm">
        <Link href={`/${commune}/admin/familles/${household.id}#derogations`} className="font-semibold text-brand-700 underline">
          Dossier de la famille et dérogations enregistrées
        </Link>
      </p>
      <PlanningBoard mode="staff" kids={household.children.map((c) => ({ id: c.id, firstName: c.firstName }))} today={todayIn(access.tenant.timeZone)} timeZone={access.tenant.timeZone} enrolHref={`/${commune}/admin/inscriptions`} />
    </Main>
  );
}
