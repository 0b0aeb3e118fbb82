import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Badge, ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { storedFileUrl } from "@/common/files";
import { communeAccess, load } from "@/app/_lib/server";
import { ageOn, formatDate, todayIn } from "@/common/dates";
import { CalendarFeedCard } from "./calendar-feed-card";
import { ChildPhoto } from "@/app/_components/family/child-photo";
import { GuardiansCard } from "@/app/_components/family/guardians-card";

export const metadata: Metadata = { title: "Accueil" };

export default async function FamilyHome({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  if (!access.isParent) redirect(`/${commune}/admin`);
  const [families, quotients] = await Promise.all([
    load(commune, (api) => api.family.myFamily()),
    load(commune, (api) => api.quotients.mine()),
  ]);
  const today = todayIn(access.tenant.timeZone);
  return (
    <Main>
      <PageTitle lead={`Votre dossier famille à ${access.tenant.name}.`}>Ma famille</PageTitle>
      <ButtonLink href={`/${commune}/dossier`} variant="secondary" className="mb-6">
        Modifier mon dossier : coordonnées, santé, autorisations
      </ButtonLink>
      {families.map((family) => (
        <div key={family.id} className="grid gap-6">
          <Card title={family.name}>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-600">Référence famille</dt>
                <dd className="font-medium">{family.reference}</dd>
              </div>
              <div>
                <dt className="text-slate-600">Adresse</dt>
                <dd className="font-medium">
                  {family.addressLine}, {family.postalCode} {family.city}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">Quotient familial</dt>
                <dd className="font-medium">
                  {(() => {
                    const qf = quotients.find((q) => q.householdId === family.id && q.current);
                    if (!qf) return "Non renseigné : la tranche la plus haute s'applique. Transmettez votre attestation CAF à la mairie.";
                    return `${new Intl.NumberFormat("fr-FR").format(qf.value)} (${qf.source === "caf" ? "CAF" : "avis d'imposition"}), valable du ${formatDate(qf.validFrom)}${qf.validTo ? ` au ${formatDate(qf.validTo)}` : ""}`;
                  })()}
                </dd>
              </div>
            </dl>
          </Card>
          <section aria-labelledby={`enfants-${family.id}`}>
            <h2 id={`enfants-${family.id}`} className="mb-3 text-lg font-semibold">
              Enfants
            </h2>
            <ul className="grid gap-4 sm:grid-cols-2">
              {family.children.map((child) => (
                <li key={child.id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                  <p className="text-lg font-semibold">
                    {child.firstName} {child.lastName}
                  </p>
                  <div className="my-3">
                    <ChildPhoto mode="parent" childId={child.id} name={`${child.firstName} ${child.lastName}`} photo={child.photoFileId ? storedFileUrl(commune, child.photoFileId) : null} />
                  </div>
                  <p className="text-sm text-slate-600">
                    Né(e) le {formatDate(child.birthDate)} · {ageOn(child.birthDate, today)} ans
                  </p>
                  <p className="mt-1 text-sm">
                    {child.classLevel ?? "Classe non renseignée"}
                    {child.school ? ` · ${child.school}` : ""}
                  </p>
                  {child.allergies || child.hasPai ? (
                    <p className="mt-2 flex flex-wrap gap-2">
                      {child.allergies ? <Badge tone="danger">Allergie : {child.allergies}</Badge> : null}
                      {child.hasPai ? <Badge tone="warning">PAI</Badge> : null}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
          <GuardiansCard guardians={family.guardians} />
        </div>
      ))}
      <CalendarFeedCard timeZone={access.tenant.timeZone} />
    </Main>
  );
}
