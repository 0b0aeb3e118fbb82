import type { Metadata } from "next";
import { NewPasswordForm } from "@/app/_components/new-password-form";
import { SiteHeader } from "@/app/_components/site-header";
import { Alert, Main, PageTitle } from "@/app/_components/ui";

export const metadata: Metadata = { title: "Nouveau mot de passe" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ jeton?: string }> }) {
  const { jeton } = await searchParams;
  return (
    <>
      <SiteHeader title="Portail famille" />
      <Main narrow>
        <PageTitle>Choisir un nouveau mot de passe</PageTitle>
        {jeton ? <NewPasswordForm token={jeton} purpose="reset" /> : <Alert tone="error">Ce lien est incomplet. Ouvrez le lien reçu par e-mail.</Alert>}
      </Main>
    </>
  );
}
