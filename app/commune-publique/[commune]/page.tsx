import type { Metadata } from "next";
import { DocumentList, NewsList } from "@/app/_components/requests/publications";
import { SiteHeader } from "@/app/_components/site-header";
import { ButtonLink, Card, Main, PageTitle } from "@/app/_components/ui";
import { load } from "@/app/_lib/server";
import { formatDate } from "@/common/dates";

/**
 * A commune's public page, for families not signed in yet: what the town hall offers and at what
 * price, its documents and news, how to reach it, and the way in. proxy.ts serves it at
 * `/{commune}/presentation`, and at `/{commune}` to a visitor without a session.
 */
type Params = { params: Promise<{ commune: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { commune } = await params;
  const page = await load(undefined, (api) => api.publications.publicPage({ slug: commune }));
  return { title: `Portail famille de ${page.commune.name}` };
}

export default async function CommunePublicPage({ params }: Params) {
  const { commune } = await params;
  const page = await load(undefined, (api) => api.publications.publicPage({ slug: commune }));
  const c = page.contact;
  const town = [c.postalCode, c.city].filter(Boolean).join(" ");
  return (
    <>
      <SiteHeader title={page.commune.name} titleHref={`/${commune}/presentation`} subtitle="Portail famille" />
      <Main>
        <PageTitle lead={page.presentation || `Cantine, garderie, accueils de loisirs : inscrivez, réservez et payez en ligne les services municipaux de ${page.commune.name}.`}>
          Portail famille de {page.commune.name}
        </PageTitle>
        <section aria-labelledby="acces" className="mb-8 rounded-xl border border-brand-200 bg-brand-50 p-5">
          <h2 id="acces" className="mb-3 text-lg font-semibold text-slate-900">
            Accéder à votre espace
          </h2>
          <div className="flex flex-wrap gap-3">
            <ButtonLink href={`/connexion?retour=${encodeURIComponent(`/${commune}`)}`}>Se connecter</ButtonLink>
            <ButtonLink href="/inscription" variant="secondary">
              Créer un compte
            </ButtonLink>
            <ButtonLink href={`/${commune}/preinscription`} variant="secondary">
              Préinscrire mon enfant
            </ButtonLink>
          </div>
          <p className="mt-3 text-sm text-slate-700">Votre famille est déjà connue de la mairie ? Créez un compte, puis rattachez votre dossier avec le code d&apos;activation imprimé sur vos factures.</p>
        </section>
        <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
          <Card title="Services et tarifs">
            {page.services.length ? (
              <ul className="divide-y divide-slate-100">
                {page.services.map((s) => (
                  <li key={s.id} className="py-3">
                    <h3 className="font-semibold text-slate-900">
                      {s.name} <span className="font-normal text-slate-600">— {s.siteName}</span>
                    </h3>
                    <p className="text-sm text-slate-600">
                      {s.serviceLabel} · tarif par {s.unitLabel}
                      {s.tariffFrom ? ` · en vigueur depuis le ${formatDate(s.tariffFrom)}` : ""}
                    </p>
                    {s.tariff.length ? (
                      <dl className="mt-1 grid gap-x-4 text-sm sm:grid-cols-[auto_1fr]">
                        {s.tariff.map(([term, text]) => (
                          <div key={term} className="contents">
                            <dt className="font-medium text-slate-700">{term}</dt>
                            <dd className="text-slate-900">{text}</dd>
                          </div>
                        ))}
                      </dl>
                    ) : (
                      <p className="text-sm text-slate-600">Tarif communiqué par la mairie.</p>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">Les services de l&apos;année seront bientôt publiés.</p>
            )}
          </Card>
          <div className="space-y-6">
            <Card title="Contacter la mairie">
              <address className="text-sm not-italic text-slate-800">
                {c.addressLine ? <span className="block">{c.addressLine}</span> : null}
                {town ? <span className="block">{town}</span> : null}
                {c.phone ? (
                  <span className="block">
                    Téléphone :{" "}
                    <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`} className="text-brand-700 underline underline-offset-4">
                      {c.phone}
                    </a>
                  </span>
                ) : null}
                {c.email ? (
                  <span className="block">
                    E-mail :{" "}
                    <a href={`mailto:${c.email}`} className="text-brand-700 underline underline-offset-4">
                      {c.email}
                    </a>
                  </span>
                ) : null}
              </address>
              {page.openingHours ? (
                <>
                  <h3 className="mt-4 text-sm font-semibold text-slate-900">Horaires d&apos;ouverture</h3>
                  <p className="whitespace-pre-line text-sm text-slate-800">{page.openingHours}</p>
                </>
              ) : null}
            </Card>
            <Card title="Documents">
              <DocumentList documents={page.documents} />
            </Card>
            <Card title="Actualités">
              <NewsList news={page.news} timeZone={page.commune.timeZone} />
            </Card>
          </div>
        </div>
      </Main>
    </>
  );
}
