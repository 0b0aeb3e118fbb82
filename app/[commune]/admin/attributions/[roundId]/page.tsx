import type { Metadata } from "next";
import Link from "next/link";
import { TableScroll } from "@/app/_components/table-scroll";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { criterionKeys, siteChoiceLabel } from "@/common/allocation";
import { civilDateIn, formatDate, formatInstant, wallTimeIn } from "@/common/dates";
import { messages } from "@/common/messages";
import { AdjustForm, FirstComeSettings, RoundActions, SocialToggle } from "./round-actions";

export const metadata: Metadata = { title: "Tour d'attribution" };

const m = messages.allocation;

/** One round: its settings, seed and criteria, the applications with their rank, points and result, and what staff changed. */
export default async function AllocationRoundPage({ params }: { params: Promise<{ commune: string; roundId: string }> }) {
  const { commune, roundId } = await params;
  const [access, detail] = await Promise.all([communeAccess(commune), load(commune, (api) => api.allocation.get({ roundId }))]);
  const { round, sites, applications, adjustments, activityName } = detail;
  const tz = access.tenant.timeZone;
  const isAdmin = access.staffRoles.includes("admin");
  // With several sites each choice reads with its site first.
  const weekOf = (c: { activityId?: string; days: string[] }) => siteChoiceLabel(sites, c);
  const placed = applications.filter((a) => a.result && a.result.placedChoice !== null).length;
  const choiceOptions = (choices: { activityId?: string; days: string[] }[]) => [["", "Liste d'attente"] as const, ...choices.map((c, i) => [String(i), `Choix ${i + 1} : ${weekOf(c)}`] as const)];
  const siteLine = sites.length > 1 ? `${sites.length} sites : ${sites.map((s) => s.siteName).join(", ")}` : sites[0]!.siteName;
  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/admin/attributions`} className="text-brand-700 underline underline-offset-4">
          ← Tous les tours
        </Link>
      </p>
      <PageTitle lead={`${activityName} · ${siteLine} · du ${formatDate(round.fromDate)} au ${formatDate(round.toDate)} · ${m.modes[round.mode]}`}>{round.label}</PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Déroulement">
          <p className="mb-2">
            <Badge tone={round.status === "published" ? "success" : round.status === "open" ? "warning" : "neutral"}>{m.statuses[round.status]}</Badge>
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            {round.residentsOpensAt ? (
              <>
                <dt className="text-slate-600">Résidents</dt>
                <dd>dès le {formatInstant(round.residentsOpensAt, tz)}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">Ouverture</dt>
            <dd>{formatInstant(round.opensAt, tz)}</dd>
            {round.mode === "application" ? (
              <>
                <dt className="text-slate-600">Clôture</dt>
                <dd>{formatInstant(round.closesAt, tz)}</dd>
                <dt className="text-slate-600">Candidatures</dt>
                <dd>{applications.length}</dd>
                <dt className="text-slate-600">Graine du tirage</dt>
                <dd className="break-all font-mono text-xs" data-testid="graine">
                  {round.seed ?? "tirée à la clôture"}
                </dd>
                {round.allocatedAt ? (
                  <>
                    <dt className="text-slate-600">Attribution</dt>
                    <dd>
                      {formatInstant(round.allocatedAt, tz)} : {placed} placé(s), {applications.length - placed} en attente
                    </dd>
                  </>
                ) : null}
                {round.publishedAt ? (
                  <>
                    <dt className="text-slate-600">Publication</dt>
                    <dd>{formatInstant(round.publishedAt, tz)}</dd>
                  </>
                ) : null}
              </>
            ) : null}
          </dl>
          {isAdmin ? <RoundActions commune={commune} roundId={round.id} status={round.status} mode={round.mode} /> : null}
        </Card>
        {round.mode === "application" ? (
          <Card title="Critères">
            <p className="mb-2 text-sm text-slate-600">{m.scoring[round.criteria.scoring]} ; égalités départagées par tirage au sort (SHA-256 de la graine et de la candidature).</p>
            <ul className="text-sm">
              {(round.criteria.scoring === "priority" ? round.criteria.order : criterionKeys).map((k, i) => (
                <li key={k} className="flex justify-between gap-3 border-b border-slate-100 py-1">
                  <span>
                    {round.criteria.scoring === "priority" ? `${i + 1}. ` : ""}
                    {m.criteria[k]}
                  </span>
                  {round.criteria.scoring === "points" ? <span className="font-semibold">{round.criteria.weights[k]} pt</span> : null}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
      {round.mode === "first_come" && isAdmin ? (
        <Card title="Modifier le tour" className="mt-6">
          <p className="mb-3 text-sm text-slate-600">
            Au premier arrivé, les réservations de la période ouvrent à l&apos;heure du tour pour tous, plus tôt pour les foyers résidents si vous fixez une ouverture anticipée.
            Les modifications s&apos;appliquent dès l&apos;enregistrement.
          </p>
          <FirstComeSettings
            commune={commune}
            roundId={round.id}
            current={{
              roundLabel: round.label,
              opensDate: civilDateIn(round.opensAt, tz),
              opensTime: wallTimeIn(round.opensAt, tz),
              residentsOpensDate: round.residentsOpensAt ? civilDateIn(round.residentsOpensAt, tz) : "",
              residentsOpensTime: round.residentsOpensAt ? wallTimeIn(round.residentsOpensAt, tz) : "",
            }}
          />
        </Card>
      ) : null}
      {round.mode === "application" ? (
        <Card title="Candidatures et résultat" className="mt-6">
          {applications.length ? (
            <TableScroll label="Candidatures">
              <table className="w-full min-w-[44rem] text-left text-sm">
                <thead className="border-b border-slate-200 text-xs uppercase text-slate-600">
                  <tr>
                    <th className="py-2 pr-3">Rang</th>
                    <th className="py-2 pr-3">Enfant</th>
                    <th className="py-2 pr-3">Choix</th>
                    <th className="py-2 pr-3">Points</th>
                    <th className="py-2 pr-3">Résultat</th>
                    {isAdmin && round.status === "allocated" ? <th className="py-2">Ajuster</th> : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {applications.map((a) => (
                    <tr key={a.id} className="align-top" data-testid={`candidature-${a.childName}`}>
                      <td className="py-2 pr-3 font-semibold">{a.result?.rank ?? "—"}</td>
                      <td className="py-2 pr-3">
                        {a.childName} {a.childLastName}
                        <span className="block text-xs text-slate-600">
                          {a.householdName} ({a.householdReference}){a.keepSiblingsTogether ? ` · ${m.siblingsTogether}` : ""}
                        </span>
                        {round.status === "open" || round.status === "closed" ? <SocialToggle roundId={round.id} applicationId={a.id} value={a.socialPriority} /> : a.socialPriority ? <Badge>Critère social</Badge> : null}
                      </td>
                      <td className="py-2 pr-3">
                        <ol className="list-decimal pl-4">
                          {a.choices.map((c, i) => (
                            <li key={i}>{weekOf(c)}</li>
                          ))}
                        </ol>
                      </td>
                      <td className="py-2 pr-3">
                        {a.result ? (
                          <>
                            <span className="font-semibold">{a.result.points}</span>
                            <span className="block text-xs text-slate-600">
                              {criterionKeys
                                .filter((k) => a.result!.breakdown[k])
                                .map((k) => `${m.criteria[k]} ${a.result!.breakdown[k]! > 0 ? "+" : ""}${a.result!.breakdown[k]}`)
                                .join(" · ") || "aucun critère"}
                            </span>
                            <span className="block font-mono text-[10px] text-slate-600">tirage {a.result.lottery.slice(0, 8)}</span>
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td className="py-2 pr-3">
                        {a.result ? (
                          a.result.placedChoice !== null ? (
                            <Badge tone="success">Placé : choix {a.result.placedChoice + 1}</Badge>
                          ) : (
                            <Badge tone="warning">Attente n° {a.result.waitingRank}</Badge>
                          )
                        ) : (
                          "—"
                        )}
                        {a.result?.adjusted ? <span className="block text-xs text-slate-600">ajusté</span> : null}
                      </td>
                      {isAdmin && round.status === "allocated" ? (
                        <td className="py-2">
                          <AdjustForm roundId={round.id} applicationId={a.id} childName={a.childName} current={a.result?.placedChoice ?? null} options={choiceOptions(a.choices)} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p className="text-sm text-slate-600">Aucune candidature pour le moment.</p>
          )}
        </Card>
      ) : null}
      {adjustments.length ? (
        <Card title="Ajustements" className="mt-6">
          <ul className="divide-y divide-slate-100 text-sm">
            {adjustments.map((adj) => {
              const app = applications.find((a) => a.id === adj.applicationId);
              const where = (c: number | null) => (c === null ? "liste d'attente" : `choix ${c + 1}`);
              return (
                <li key={adj.id} className="py-2">
                  {app?.childName} {app?.childLastName} : {where(adj.fromChoice)} → {where(adj.toChoice)} — « {adj.reason} »
                  <span className="block text-xs text-slate-600">
                    {adj.byName ?? "?"}, le {formatInstant(adj.at, tz)}
                  </span>
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}
    </Main>
  );
}
