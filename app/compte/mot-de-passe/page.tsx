import type { Metadata } from "next";
import { SiteHeader } from "@/app/_components/site-header";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { requireSession } from "@/app/_lib/server";
import { ChangePasswordForm, SignOutEverywhere } from "./change-password-form";

export const metadata: Metadata = { title: "Mot de passe" };

export default async function ChangePasswordPage() {
  await requireSession("/compte/mot-de-passe");
  return (
    <>
      <SiteHeader title="Mon compte" titleHref="/compte" nav={[{ href: "/compte", label: "Mes communes" }, { href: "/compte/mot-de-passe", label: "Mot de passe" }]} />
      <Main narrow>
        <PageTitle lead="Changer de mot de passe ferme toutes vos sessions : vous vous reconnecterez avec le nouveau.">Changer mon mot de passe</PageTitle>
        <Card>
          <ChangePasswordForm />
        </Card>
        <Card title="Sessions" className="mt-6">
          <SignOutEverywhere />
        </Card>
      </Main>
    </>
  );
}
