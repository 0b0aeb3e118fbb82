import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/app/_components/site-header";
import { Main, PageTitle } from "@/app/_components/ui";
import { currentSession } from "@/server/auth";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "Créer un compte" };

export default async function SignupPage() {
  if ((await currentSession())?.user) redirect("/compte");
  return (
    <>
      <SiteHeader title="Portail famille" />
      <Main narrow>
        <PageTitle lead="Un seul compte pour toutes vos communes. Nous vérifions d'abord votre adresse e-mail par un lien.">Créer un compte</PageTitle>
        <SignupForm />
        <p className="mt-6 text-sm text-slate-700">
          Vous avez déjà un compte ?{" "}
          <Link href="/connexion" className="font-semibold text-brand-700 underline underline-offset-4">
            Se connecter
          </Link>
        </p>
      </Main>
    </>
  );
}
