import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge, Card, Main, PageTitle } from "@/app/_components/ui";
import { TableScroll } from "@/app/_components/table-scroll";
import { communeAccess, load } from "@/app/_lib/server";
import { formatInstant } from "@/common/dates";
import { FileSettingsForm, StartReviewButton } from "./settings-forms";

export const metadata: Metadata = { title: "Réglages des dossiers" };

/** The admin's rules for family files, and the yearly request to check them. */
export default async function FileSettingsPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  if (!access.staffRoles.includes("admin")) notFound();
  const [settings, review] = await Promise.all([load(commune, (api) => api.familyFiles.settings()), load(commune, (api) => api.familyFiles.reviewStatus())]);
  const tz = access.tenant.timeZone;
  const done = review.families.filter((f) => f.reviewedAt).length;
  return (
    <Main>
      <PageTitle lead="Ce que les familles peuvent changer seules, ce qui attend un agent, et la vérification des dossiers avant la rentrée.">Réglages des dossiers famille</PageTitle>
      <div className="grid gap-6">
        <Card title="Modifications et régimes">
          <FileSettingsForm initial={settings} />
        </Card>
        <Card title="Vérification des dossiers avant la rentrée">
          {review.campaign ? (
            <p className="mb-3 text-sm text-slate-700">
              Demandée pour {review.campaign.schoolYear} le {formatInstant(review.campaign.requestedAt, tz)} : {done} famille(s) sur {review.families.length} ont vérifié leur dossier.
            </p>
          ) : (
            <p className="mb-3 text-sm text-slate-700">Aucune demande pour l&apos;instant. Les familles voient déjà sur leur dossier les documents qui expirent avant la rentrée.</p>
          )}
          {review.campaign?.schoolYear !== review.comingYear ? <StartReviewButton comingYear={review.comingYear} /> : null}
          {review.campaign ? (
            <TableScroll label="Familles et vérification de leur dossier">
              <table className="mt-4 w-full text-left text-sm">
                <thead>
                  <tr className="border-b border-slate-200">
                    <th className="py-2 pr-4">Famille</th>
                    <th className="py-2">Dossier vérifié</th>
                  </tr>
                </thead>
                <tbody>
                  {review.families.map((f) => (
                    <tr key={f.id} className="border-b border-slate-100">
                      <td className="py-2 pr-4">
                        {f.name} <span className="text-slate-600">({f.reference})</span>
                      </td>
                      <td className="py-2">{f.reviewedAt ? <Badge tone="success">le {formatInstant(f.reviewedAt, tz)}</Badge> : <Badge tone="warning">pas encore</Badge>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
        </Card>
      </div>
    </Main>
  );
}
