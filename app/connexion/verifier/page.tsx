import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/app/_components/site-header";
import { Main, PageTitle } from "@/app/_components/ui";
import { devToolsEnabled } from "@/config/env";
import { messages } from "@/common/messages";

export const metadata: Metadata = { title: "Vérifiez vos e-mails" };

export const dynamic = "force-dynamic";

export default function CheckEmailPage() {
  const local = devToolsEnabled();
  return (
    <>
      <SiteHeader title="Portail famille" />
      <Main narrow>
        <PageTitle lead={messages.auth.magicLinkRequested}>
          Vérifiez votre boîte e-mail
        </PageTitle>
        {local ? (
          <p className="text-sm text-slate-700">
            En local, les e-mails arrivent dans la{" "}
            <Link href="/dev/mail" className="font-semibold text-brand-700 underline underline-offset-4">
              boîte de réception de développement
            </Link>
            .
          </p>
        ) : null}
      </Main>
    </>
  );
}
