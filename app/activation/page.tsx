import type { Metadata } from "next";
import { NewPasswordForm } from "@/app/_components/new-password-form";
import { SiteHeader } from "@/app/_components/site-header";
import { Alert, Main, PageTitle } from "@/app/_components/ui";

export const metadata: Metadata = { title: "Activation du compte" };

export default async function ActivationPage({ searchParams }: { searchParams: Promise<{ jeton?: string }> }) {
  const { jeton } = await searchParams;
  return (
    <>
      <SiteHeader title="Portail famille" />
      <Main narrow>
        <PageTitle lead="Choisissez le mot de passe de votre compte.">Activer mon compte</PageTitle>
        {jeton ? <NewPasswordForm token={jeton} purpose="activate" /> : <Alert tone="error">Ce lien est incomplet. Ouvrez le lien reçu par e-mail.</Alert>}
      </Main>
    </>
  );
}
