import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/app/_components/site-header";
import { Badge, ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { load, requireSession } from "@/app/_lib/server";
import { UnreadMessages } from "@/app/_components/requests/unread-messages";
import { messages } from "@/common/messages";
import { CommuneOverview } from "./commune-overview";
import { EmailPreferencesForm } from "./email-preferences-form";
import { LinkHouseholdForm } from "./link-household-form";

export const metadata: Metadata = { title: "Mon compte" };

const applicationStatus = messages.preregistration.statusLabels;
const roleLabels = { admin: "Administration", agent: "Guichet unique", site_agent: "Agent de site" } as const;

export default async function AccountHome() {
  const session = await requireSession("/compte");
  const [{ families, staff }, communes, applications, preferences] = await Promise.all([
    load(undefined, (api) => api.family.myCommunes()),
    load(undefined, (api) => api.family.linkableCommunes()),
    load(undefined, (api) => api.preregistration.myApplications()),
    load(undefined, (api) => api.family.emailPreferences()),
  ]);
  const openApplications = applications.filter((a) => !families.some((f) => f.tenantSlug === a.tenantSlug));
  const preregistrable = communes.filter((c) => !families.some((f) => f.tenantSlug === c.slug));
  const staffByCommune = new Map<string, typeof staff>();
  for (const s of staff) staffByCommune.set(s.tenantSlug, [...(staffByCommune.get(s.tenantSlug) ?? []), s]);
  return (
    <>
      <SiteHeader title="Mon compte" titleHref="/compte" nav={[{ href: "/compte", label: "Mes communes" }, { href: "/compte/mot-de-passe", label: "Mot de passe" }]} />
      <Main>
        <PageTitle lead="Retrouvez ici chaque commune où vous avez un dossier famille.">Bonjour {session.user.name ?? ""}</PageTitle>
        <UnreadMessages />
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
          <Card title="Et maintenant ?">
            <p className="text-sm text-slate-700">Aucun dossier famille n&apos;est encore rattaché à votre compte. Pour continuer :</p>
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-700">
              <li>
                votre famille a déjà un dossier dans une commune (vous recevez ses factures) : <a href="#ajouter-dossier" className="font-semibold text-brand-700 underline underline-offset-4">ajoutez-le</a> avec la
                référence et le code imprimés sur une facture ;
              </li>
              <li>
                votre famille est nouvelle dans la commune : <a href="#preinscription" className="font-semibold text-brand-700 underline underline-offset-4">préinscrivez-vous en ligne</a>, la mairie
                examine votre demande et ouvre votre dossier.
              </li>
            </ol>
          </Card>
        ) : null}
        {openApplications.length ? (
          <Card title="Mes préinscriptions" className="mt-6">
            <ul className="divide-y divide-slate-100">
              {openApplications.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                  <span>
                    <span className="font-medium">{a.tenantName}</span> <Badge tone={a.status === "needs_document" ? "warning" : "neutral"}>{applicationStatus[a.status]}</Badge>
                  </span>
                  <Link href={`/${a.tenantSlug}/preinscription`} className="font-semibold text-brand-700 underline underline-offset-4">
                    {a.status === "draft" || a.status === "needs_document" ? "Reprendre ma préinscription" : "Voir ma préinscription"}
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        {preregistrable.length ? (
          <Card title="Se préinscrire dans une commune" className="mt-6">
            <p id="preinscription" className="mb-3 text-sm text-slate-700">
              Pour une famille qui n&apos;a pas encore de dossier : votre foyer, vos enfants, les prestations souhaitées et les pièces demandées par la commune.
            </p>
            <ul className="flex flex-wrap gap-2">
              {preregistrable.map((c) => (
                <li key={c.slug}>
                  <ButtonLink href={`/${c.slug}/preinscription`} variant="secondary">
                    Me préinscrire à {c.name}
                  </ButtonLink>
                </li>
              ))}
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
            <span id="ajouter-dossier" />
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
