import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/app/_components/site-header";
import { Alert, Main, PageTitle } from "@/app/_components/ui";
import { currentSession } from "@/server/auth";
import { SignInForms } from "./sign-in-forms";

export const metadata: Metadata = { title: "Connexion" };

const authErrors: Record<string, string> = {
  Verification: "Ce lien de connexion a expiré ou a déjà servi. Demandez-en un nouveau.",
  AccessDenied: "Ce compte ne peut pas se connecter.",
  Configuration: "La connexion est momentanément indisponible.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  // "/" without a page to return to: the user's own home (app/_lib/landing.ts).
  const returnTo = params.retour ?? params.callbackUrl ?? "/";
  const session = await currentSession();
  if (session?.user) redirect(returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/");
  return (
    <>
      <SiteHeader title="Portail famille" />
      <Main narrow>
        <PageTitle lead="Un seul compte pour toutes vos communes.">Connexion</PageTitle>
        {params.deconnecte ? <Alert tone="success">{params.deconnecte === "partout" ? "Vous êtes déconnecté sur tous vos appareils." : "Vous êtes déconnecté."}</Alert> : null}
        {params.mot_de_passe ? <Alert tone="success">Votre mot de passe est enregistré : connectez-vous.</Alert> : null}
        {params.error ? <Alert tone="error">{authErrors[params.error] ?? "La connexion a échoué. Réessayez."}</Alert> : null}
        <SignInForms returnTo={returnTo} />
        <p className="mt-6 text-sm text-slate-700">
          Pas encore de compte ?{" "}
          <Link href="/inscription" className="font-semibold text-brand-700 underline underline-offset-4">
            Créer un compte
          </Link>
        </p>
      </Main>
    </>
  );
}
