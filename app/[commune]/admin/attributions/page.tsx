import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { formatDate, formatInstant } from "@/common/dates";
import { messages } from "@/common/messages";
import { RoundForm } from "./round-form";

export const metadata: Metadata = { title: "Attribution des places" };

const m = messages.allocation;

/** The commune's allocation rounds, and the form for a new one (admins). */
export default async function AllocationRoundsPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const [access, rounds] = await Promise.all([communeAccess(commune), load(commune, (api) => api.allocation.list())]);
  const isAdmin = access.staffRoles.includes("admin");
  const activities = isAdmin ? await load(commune, (api) => api.activities.list()) : [];
  const tz = access.tenant.timeZone;
  return (
    <Main>
      <PageTitle lead="Quand les places manquent : une période de candidatures, des critères publiés, un tirage au sort reproductible, puis la publication des résultats. Ou le premier arrivé, avec une ouverture anticipée pour les résidents.">
        Attribution des places
      </PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Tours d'attribution">
          {rounds.length ? (
            <ul className="divide-y divide-slate-100">
              {rounds.map(({ round, activityName, siteNames }) => (
                <li key={round.id} className="py-3 text-sm">
                  <Link href={`/${commune}/admin/attributions/${round.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4">
                    {round.label}
                  </Link>
                  <span className="block text-slate-600">
                    {activityName} · {siteNames.length > 1 ? `${siteNames.length} sites (${siteNames.join(", ")})` : siteNames[0]} · du {formatDate(round.fromDate)} au {formatDate(round.toDate)} · {m.modes[round.mode]}
                  </span>
                  <span className="mt-1 flex flex-wrap items-center gap-2 text-slate-600">
                    <Badge tone={round.status === "published" ? "success" : round.status === "open" ? "warning" : "neutral"}>{m.statuses[round.status]}</Badge>
                    {round.mode === "application" ? `clôture le ${formatInstant(round.closesAt, tz)}` : `ouverture le ${formatInstant(round.opensAt, tz)}`}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">Aucun tour pour le moment : toutes les activités sont au premier arrivé.</p>
          )}
        </Card>
        {isAdmin ? (
          <Card title="Nouveau tour">
            <RoundForm commune={commune} activities={activities.filter((a) => !a.archived).map((a) => ({ id: a.id, label: `${a.name} — ${a.siteName} (${a.yearLabel})`, service: a.service, yearLabel: a.yearLabel }))} />
          </Card>
        ) : null}
      </div>
    </Main>
  );
}
