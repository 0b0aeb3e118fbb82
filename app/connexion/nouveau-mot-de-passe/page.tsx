import type { Metadata } from "next";
import { NewPasswordForm, UsedLink } from "@/app/_components/new-password-form";
import { load } from "@/app/_lib/server";
import { SiteHeader } from "@/app/_components/site-header";
import { Alert, Main, PageTitle } from "@/app/_components/ui";

export const metadata: Metadata = { title: "Nouveau mot de passe" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ jeton?: string }> }) {
  const { jeton } = await searchParams;
  // A used or expired link says so at once, rather than after the new password has been typed twice.
  const usable = jeton ? (await load(undefined, (api) => api.auth.linkStatus({ token: jeton.slice(0, 200), purpose: "reset" }))).usable : false;
  return (
    <>
      <SiteHeader title="Portail famille" />
      <Main narrow>
        <PageTitle>Choisir un nouveau mot de passe</PageTitle>
        {!jeton ? <Alert tone="error">Ce lien est incomplet. Ouvrez le lien reçu par e-mail.</Alert> : usable ? <NewPasswordForm token={jeton} purpose="reset" /> : <UsedLink />}
      </Main>
    </>
  );
}
