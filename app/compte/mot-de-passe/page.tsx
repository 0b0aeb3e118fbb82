import type { Metadata } from "next";
import { SiteHeader } from "@/app/_components/site-header";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { requireSession } from "@/app/_lib/server";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Mot de passe" };

export default async function ChangePasswordPage() {
  await requireSession("/compte/mot-de-passe");
  return (
    <>
      <SiteHeader title="Mon compte" titleHref="/compte" nav={[{ href: "/compte", label: "Mes communes" }, { href: "/compte/mot-de-passe", label: "Mot de passe" }]} />
      <Main narrow>
        <PageTitle>Changer mon mot de passe</PageTitle>
        <Card>
          <ChangePasswordForm />
        </Card>
      </Main>
    </>
  );
}
