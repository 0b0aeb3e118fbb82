import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/app/_components/site-header";
import { Alert, Main, PageTitle } from "@/app/_components/ui";
import { ConfirmSignup } from "./confirm-button";

export const metadata: Metadata = { title: "Confirmer mon adresse" };

export default async function ConfirmSignupPage({ searchParams }: { searchParams: Promise<{ jeton?: string }> }) {
  const { jeton } = await searchParams;
  return (
    <>
      <SiteHeader title="Portail famille" />
      <Main narrow>
        <PageTitle>Confirmer mon adresse</PageTitle>
        {jeton ? (
          <ConfirmSignup token={jeton.slice(0, 200)} />
        ) : (
          <Alert tone="error">
            Ce lien est incomplet. Ouvrez le lien reçu par e-mail, ou{" "}
            <Link href="/inscription" className="font-semibold underline underline-offset-4">
              recommencez l&apos;inscription
            </Link>
            .
          </Alert>
        )}
      </Main>
    </>
  );
}
