import type { Metadata } from "next";
import Link from "next/link";
import { DownloadButton } from "@/app/_components/download-button";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { addDays, formatDayLong, isCivilDate, todayIn, formatDayHeading } from "@/common/dates";
import { AttendanceBoard } from "./attendance-board";

export const metadata: Metadata = { title: "Liste du jour" };


export default async function DailyListPage({
  params,
  searchParams,
}: {
  params: Promise<{ commune: string; siteId: string }>;
  searchParams: Promise<{ date?: string }>;
}) {
  const { commune, siteId } = await params;
  const { date } = await searchParams;
  if (!z.uuid().safeParse(siteId).success) notFound();
  const access = await communeAccess(commune);
  const day = date && isCivilDate(date) ? date : todayIn(access.tenant.timeZone);
  const list = await load(commune, (api) => api.attendance.dailyList({ siteId, date: day }));
  const dayLink = (d: string) => `/${commune}/site/${siteId}?date=${d}`;
  const linkStyle = "inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4";
  return (
    <Main>
      <PageTitle lead={list.today === day ? `Aujourd'hui, ${formatDayLong(day)}` : formatDayHeading(day)}>{list.site.name}</PageTitle>
      <nav aria-label="Changer de jour" className="mb-6 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link href={dayLink(addDays(day, -1))} className={linkStyle}>
          ← Veille
        </Link>
        {day !== list.today ? (
          <Link href={dayLink(list.today)} className={linkStyle}>
            Aujourd&apos;hui
          </Link>
        ) : null}
        <Link href={dayLink(addDays(day, 1))} className={linkStyle}>
          Lendemain →
        </Link>
        <Link href={`/${commune}/site?date=${day}`} className={linkStyle}>
          Autre site
        </Link>
      </nav>
      {list.activities.length ? (
        <div className="mb-6">
          <DownloadButton variant="secondary" href={`/api/pointage/${commune}/pdf?siteId=${siteId}&date=${day}`} fallbackName={`presence-${day}.pdf`}>
            Imprimer la feuille de présence (PDF)
          </DownloadButton>
        </div>
      ) : null}
      {list.activities.length === 0 ? <Alert>Aucune activité ni aucun enfant attendu sur ce site ce jour-là.</Alert> : null}
      {day > list.today ? <Alert tone="info">Le pointage de ce jour s&apos;ouvrira le jour même : la liste peut encore changer.</Alert> : null}
      <div className="grid gap-10">
        {list.activities.map((activity) => (
          <AttendanceBoard key={activity.id} activity={activity} date={day} canMark={day <= list.today} />
        ))}
      </div>
    </Main>
  );
}
