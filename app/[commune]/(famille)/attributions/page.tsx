import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert, Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { criterionKeys, siteChoiceLabel } from "@/common/allocation";
import { formatDate, formatInstant } from "@/common/dates";
import { messages } from "@/common/messages";
import { ApplicationForm } from "./application-form";

export const metadata: Metadata = { title: "Attribution des places" };

const m = messages.allocation;

/**
 * The commune's rounds by application: apply for each child with ranked choices while the window is
 * open; once published, each child's place or waiting rank, the points that made it, the criteria
 * and the seed of the draw, and a way to contest through a demande.
 */
export default async function FamilyAllocationPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  if (!access.isParent) redirect(`/${commune}/admin/attributions`);
  const rounds = await load(commune, (api) => api.allocation.mine());
  const tz = access.tenant.timeZone;
  return (
    <Main>
      <PageTitle lead="Pour les activités très demandées, la mairie attribue les places après une période de candidatures : l'heure de votre demande ne compte pas. Les critères et le tirage au sort sont publiés avec les résultats.">
        Attribution des places
      </PageTitle>
      {rounds.length === 0 ? <p className="text-sm text-slate-600">Aucune période de candidatures en cours.</p> : null}
      <div className="grid gap-6">
        {rounds.map((round) => {
          // With several sites each choice reads with its site first.
          const weekOf = (c: { activityId?: string; days: string[] }) => siteChoiceLabel(round.sites, c);
          const published = round.status === "published";
          return (
            <Card key={round.id} title={round.label}>
              <p className="mb-3 text-sm text-slate-700">
                {round.activityName} · {round.sites.length > 1 ? `${round.sites.length} sites au choix : ${round.sites.map((s) => s.siteName).join(", ")}` : round.sites[0]?.siteName} · du{" "}
                {formatDate(round.fromDate)} au {formatDate(round.toDate)}
                <br />
                <Badge tone={published ? "success" : round.canApply ? "warning" : "neutral"}>{m.statuses[round.status]}</Badge>{" "}
                {round.status === "open"
                  ? round.canApply
                    ? `Vous pouvez candidater et modifier votre demande jusqu'au ${formatInstant(round.closesAt, tz)}.`
                    : `Candidatures à partir du ${formatInstant(round.opensAt, tz)}.`
                  : null}
                {round.earlyForResidents ? " Ouverture anticipée pour les résidents." : null}
              </p>
              <div className="grid gap-4 md:grid-cols-2">
                {round.children.map((child) => (
                  <section key={child.childId} className="rounded-lg border border-slate-200 p-4" aria-label={`Candidature de ${child.firstName}`}>
                    <h3 className="mb-2 font-semibold">{child.firstName}</h3>
                    {child.result ? (
                      <div data-testid={`resultat-${child.firstName}`}>
                        {child.result.placedChoice !== null ? (
                          <Alert tone="success">
                            Place obtenue : {weekOf(child.application!.choices[child.result.placedChoice]!)} (choix {child.result.placedChoice + 1}). Elle figure dans votre planning.
                          </Alert>
                        ) : (
                          <Alert tone="warning">Liste d&apos;attente : rang {child.result.waitingRank}. Si une place se libère, elle vous est attribuée dans cet ordre et vous êtes prévenu par e-mail.</Alert>
                        )}
                        <p className="text-sm">
                          Classement : <strong>{child.result.rank}</strong>
                          {round.criteria.scoring === "points" ? (
                            <>
                              {" "}
                              avec <strong>{child.result.points} points</strong>
                            </>
                          ) : null}
                        </p>
                        <ul className="mt-1 text-sm text-slate-700">
                          {criterionKeys
                            .filter((k) => child.result!.breakdown[k])
                            .map((k) => (
                              <li key={k}>
                                {m.criteria[k]} : {round.criteria.scoring === "points" ? `${child.result!.breakdown[k]! > 0 ? "+" : ""}${child.result!.breakdown[k]} pt` : child.result!.breakdown[k]}
                              </li>
                            ))}
                        </ul>
                        {child.result.adjusted ? <p className="mt-1 text-xs text-slate-600">Place ajustée par le service, motif consigné.</p> : null}
                        <p className="mt-2 text-sm">
                          <Link
                            href={`/${commune}/demandes?categorie=question&objet=${encodeURIComponent(`${m.contestSubject(round.label)} (${child.firstName}, rang ${child.result.rank}). `)}`}
                            className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
                          >
                            Contester ce résultat
                          </Link>
                        </p>
                      </div>
                    ) : round.canApply ? (
                      <ApplicationForm roundId={round.id} childId={child.childId} childName={child.firstName} sites={round.sites} current={child.application} />
                    ) : child.application ? (
                      <div className="text-sm">
                        <p>Votre demande :</p>
                        <ol className="list-decimal pl-5">
                          {child.application.choices.map((c, i) => (
                            <li key={i}>{weekOf(c)}</li>
                          ))}
                        </ol>
                        {!published ? <p className="mt-2 text-slate-600">Résultats à la publication.</p> : null}
                      </div>
                    ) : (
                      <p className="text-sm text-slate-600">Pas de candidature.</p>
                    )}
                  </section>
                ))}
              </div>
              {published ? (
                <details className="mt-4 text-sm">
                  <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand-700">Critères et tirage au sort publiés</summary>
                  <p className="mb-1">{m.scoring[round.criteria.scoring]}.</p>
                  <ul className="mb-2">
                    {(round.criteria.scoring === "priority" ? round.criteria.order : criterionKeys).map((k) => (
                      <li key={k}>
                        {m.criteria[k]}
                        {round.criteria.scoring === "points" ? ` : ${round.criteria.weights[k]} pt` : ""}
                      </li>
                    ))}
                  </ul>
                  <p>
                    Égalités départagées par tirage au sort : pour chaque candidature, l&apos;empreinte SHA-256 de « graine:identifiant », la plus petite passe en premier. Graine tirée à la clôture :
                  </p>
                  <p className="break-all font-mono text-xs" data-testid="graine-publiee">
                    {round.seed}
                  </p>
                  <p className="mt-1 text-slate-600">Les mêmes candidatures, les mêmes critères et la même graine donnent toujours le même résultat.</p>
                </details>
              ) : null}
            </Card>
          );
        })}
      </div>
    </Main>
  );
}
