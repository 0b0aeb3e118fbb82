import type { Metadata } from "next";
import { MealCounts } from "@/app/_components/meal-counts";
import { Main, PageTitle } from "@/app/_components/ui";
import { communeAccess } from "@/app/_lib/server";
import { todayIn } from "@/common/dates";

export const metadata: Metadata = { title: "Repas" };

export default async function SiteMealsPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ du?: string; au?: string; site?: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  return (
    <Main>
      <PageTitle lead="Repas réservés par site et par jour pour la cuisine, avec les régimes particuliers, les PAI et les allergies.">Repas</PageTitle>
      <MealCounts commune={commune} today={todayIn(access.tenant.timeZone)} search={await searchParams} />
    </Main>
  );
}
