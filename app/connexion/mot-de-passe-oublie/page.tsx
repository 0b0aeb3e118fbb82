import type { Metadata } from "next";
import { SiteHeader } from "@/app/_components/site-header";
import { Main, PageTitle } from "@/app/_components/ui";
import { ForgotPasswordForm } from "./forgot-form";

export const metadata: Metadata = { title: "Mot de passe oublié" };

export default function ForgotPasswordPage() {
  return (
    <>
      <SiteHeader title="Portail famille" />
      <Main narrow>
        <PageTitle lead="Indiquez l'adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.">
          Mot de passe oublié
        </PageTitle>
        <ForgotPasswordForm />
      </Main>
    </>
  );
}
