import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/app/_components/site-header";
import { Badge, ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { load, requireSession } from "@/app/_lib/server";
import { CommuneOverview } from "./commune-overview";
import { EmailPreferencesForm } from "./email-preferences-form";
import { LinkHouseholdForm } from "./link-household-form";

export const metadata: Metadata = { title: "Mon compte" };

const roleLabels = { admin: "Administration", agent: "Guichet unique", site_agent: "Agent de site" } as const;

export default async function AccountHome() {
  const session = await requireSession("/compte");
  const [{ families, staff }, communes, preferences] = await Promise.all([
    load(undefined, (api) => api.family.myCommunes()),
    load(undefined, (api) => api.family.linkableCommunes()),
    load(undefined, (api) => api.family.emailPreferences()),
  ]);
  const staffByCommune = new Map<string, typeof staff>();
  for (const s of staff) staffByCommune.set(s.tenantSlug, [...(staffByCommune.get(s.tenantSlug) ?? []), s]);
  return (
    <>
      <SiteHeader title="Mon compte" titleHref="/compte" nav={[{ href: "/compte", label: "Mes communes" }, { href: "/compte/mot-de-passe", label: "Mot de passe" }]} />
      <Main>
        <PageTitle lead="Retrouvez ici chaque commune où vous avez un dossier famille.">Bonjour {session.user.name ?? ""}</PageTitle>
        {session.user.isOperator ? (
          <Card title="Plateforme" className="mb-6">
            <p className="mb-3 text-sm text-slate-600">Vous êtes opérateur de la plateforme Récré.</p>
            <ButtonLink href="/plateforme">Ouvrir la console plateforme</ButtonLink>
          </Card>
        ) : null}
        {families.length ? (
          <ul className="grid gap-4 sm:grid-cols-2" aria-label="Mes communes">
            {families.map((f) => (
              <li key={`${f.tenantSlug}-${f.householdId}`}>
                <Card title={f.tenantName}>
                  <p className="text-sm text-slate-600">
                    {f.householdName} · dossier {f.reference}
                  </p>
                  <p className="mt-2 text-sm">
                    {f.children.length ? `Enfants : ${f.children.join(", ")}` : "Aucun enfant enregistré"}
                  </p>
                  {f.tenantStatus === "suspended" ? (
                    <p className="mt-3"><Badge tone="warning">Portail suspendu</Badge></p>
                  ) : (
                    <CommuneOverview slug={f.tenantSlug} name={f.tenantName} />
                  )}
                  {f.tenantStatus === "suspended" ? null : (
                    <ButtonLink href={`/${f.tenantSlug}`} className="mt-4">
                      Accéder à {f.tenantName}
                    </ButtonLink>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        ) : staff.length === 0 && !session.user.isOperator ? (
          <Card>
            <p className="text-sm text-slate-700">Aucun dossier famille n&apos;est encore rattaché à votre compte. Pour continuer :</p>
            <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
              <li>votre famille a déjà un dossier dans une commune : ajoutez-le ci-dessous avec la référence et le code imprimés sur vos factures ;</li>
              <li>pas encore de dossier, ou pas de code : contactez votre mairie, qui ouvre votre dossier et vous envoie une invitation.</li>
            </ul>
          </Card>
        ) : null}
        {families.length ? (
          <section id="preferences" aria-label="Préférences d'e-mails" className="mt-6 scroll-mt-4">
            <Card title="Préférences d'e-mails">
              <EmailPreferencesForm bookingEmails={preferences.bookingEmails} />
            </Card>
          </section>
        ) : null}
        {communes.length ? (
          <Card title="Ajouter un dossier famille" className="mt-6">
            <LinkHouseholdForm communes={communes} />
          </Card>
        ) : null}
        {staffByCommune.size ? (
          <Card title="Espaces agents" className="mt-6">
            <ul className="divide-y divide-slate-100">
              {[...staffByCommune.entries()].map(([slug, roles]) => (
                <li key={slug} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <span>
                    <span className="font-medium">{roles[0]!.tenantName}</span>{" "}
                    {roles.map((r) => (
                      <Badge key={r.role}>{roleLabels[r.role]}</Badge>
                    ))}
                  </span>
                  <Link href={`/${slug}/admin`} className="text-sm font-semibold text-brand-700 underline underline-offset-4">
                    Ouvrir l&apos;espace agents de {roles[0]!.tenantName}
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </Main>
    </>
  );
}
