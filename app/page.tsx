import { redirect } from "next/navigation";
import { SiteHeader } from "./_components/site-header";
import { ButtonLink, Main } from "./_components/ui";
import { currentSession } from "@/server/auth";
import { landingPath } from "./_lib/landing";
import { load } from "./_lib/server";

export default async function Home() {
  const session = await currentSession();
  if (session?.user) {
    // After a sign-in that no page asked for (its default return is "/"): the user's own home.
    const { families, staff } = await load(undefined, (api) => api.family.myCommunes());
    redirect(landingPath({ families, staff, isOperator: Boolean(session.user.isOperator) }));
  }
  return (
    <>
      <SiteHeader title="Portail famille" />
      <Main>
        <div className="rounded-2xl bg-gradient-to-br from-brand-700 to-brand-800 px-6 py-12 text-white sm:px-10">
          <h1 className="text-3xl font-bold sm:text-4xl">Cantine, périscolaire, loisirs : tout au même endroit.</h1>
          <p className="mt-4 max-w-2xl text-lg text-brand-100">
            Réservez les jours de vos enfants, payez en ligne et gardez votre dossier famille à jour, pour toutes les communes où vous avez des enfants inscrits.
          </p>
          <ButtonLink href="/connexion" variant="secondary" className="mt-8">
            Se connecter
          </ButtonLink>
        </div>
        <ul className="mt-8 grid gap-4 sm:grid-cols-3">
          {[
            ["Un seul compte", "Vos enfants dans plusieurs communes ? Un seul identifiant pour tout suivre."],
            ["Réservations claires", "Vous voyez pourquoi un jour n'est pas réservable et jusqu'à quand vous pouvez changer d'avis."],
            ["Paiement au centime", "Factures, avoirs et relevé de compte toujours justes."],
          ].map(([title, text]) => (
            <li key={title} className="rounded-xl border border-slate-200 bg-white p-5">
              <h2 className="font-semibold">{title}</h2>
              <p className="mt-1 text-sm text-slate-600">{text}</p>
            </li>
          ))}
        </ul>
      </Main>
    </>
  );
}
