import type { Metadata } from "next";
import { PlanningBoard } from "@/app/_components/planning/planning-board";
import { TypicalWeek } from "@/app/_components/planning/typical-week";
import { Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { todayIn } from "@/common/dates";

export const metadata: Metadata = { title: "Planning" };

export default async function PlanningPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  const [kids, enrolments] = await Promise.all([
    load(commune, (api) => api.reservations.children()),
    load(commune, (api) => api.reservations.enrolments()),
  ]);
  const today = todayIn(access.tenant.timeZone);
  const activitiesByChild: Record<string, { id: string; name: string; weekdays: number[] }[]> = {};
  for (const e of enrolments.filter((e) => e.status === "accepted" && e.yearEnd >= today)) {
    (activitiesByChild[e.childId] ??= []).push({ id: e.activityId, name: e.activityName, weekdays: e.weekdays });
  }
  const basketHref = access.billingModes.prepaid ? `/${commune}/panier` : undefined;
  return (
    <Main>
      <PageTitle lead="Cochez les jours à réserver, décochez ceux à annuler, puis validez.">Planning</PageTitle>
      <TypicalWeek kids={kids.map((k) => ({ id: k.id, firstName: k.firstName }))} activitiesByChild={activitiesByChild} basketHref={basketHref} />
      <PlanningBoard mode="parent" kids={kids.map((k) => ({ id: k.id, firstName: k.firstName }))} today={today} timeZone={access.tenant.timeZone} basketHref={basketHref} enrolHref={`/${commune}/inscriptions`} />
    </Main>
  );
}
