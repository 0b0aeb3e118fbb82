import type { Metadata } from "next";
import { SiteHeader } from "@/app/_components/site-header";
import { Alert, ButtonLink, Main, PageTitle } from "@/app/_components/ui";
import { load, requireSession } from "@/app/_lib/server";
import { PreregistrationWizard } from "./wizard";

export const metadata: Metadata = { title: "Préinscription" };

/** `/{commune}/preinscription` (rewritten here by proxy.ts): a family new to the commune, signed in, fills its application. */
export default async function PreregistrationPage({ params, searchParams }: { params: Promise<{ commune: string }>; searchParams: Promise<{ etape?: string }> }) {
  const { commune } = await params;
  // « ?etape=3 » reopens a step directly (a link in a message, a screenshot); the draft is the same.
  const step = Math.min(5, Math.max(1, Number.parseInt((await searchParams).etape ?? "1", 10) || 1)) - 1;
  await requireSession(`/${commune}/preinscription`);
  const mine = await load(commune, (api) => api.preregistration.mine());
  const { application } = mine;
  return (
    <>
      <SiteHeader title={mine.commune.name} titleHref="/compte" subtitle="Préinscription" nav={[{ href: "/compte", label: "Mon compte" }]} />
      <Main narrow>
        <PageTitle lead="Pour une famille qui n'a pas encore de dossier dans la commune. Vos réponses sont gardées à chaque étape : vous pouvez reprendre plus tard.">
          Préinscription à {mine.commune.name}
        </PageTitle>
        {mine.alreadyFamily ? (
          <>
            <Alert tone="info">Vous avez déjà un dossier famille à {mine.commune.name}.</Alert>
            <ButtonLink href={`/${commune}`}>Ouvrir mon espace famille</ButtonLink>
          </>
        ) : application?.status === "submitted" ? (
          <Alert tone="success">
            Votre préinscription est envoyée{application.submittedAt ? ` depuis le ${application.submittedAt.toLocaleDateString("fr-FR")}` : ""}. La mairie
            l&apos;examine et vous répond par e-mail.
          </Alert>
        ) : application?.status === "accepted" || application?.status === "merged" ? (
          <>
            <Alert tone="success">Votre préinscription est acceptée : votre dossier famille est ouvert.</Alert>
            <ButtonLink href={`/${commune}`}>Ouvrir mon espace famille</ButtonLink>
          </>
        ) : application?.status === "refused" ? (
          <Alert tone="warning">La mairie n&apos;a pas pu accepter votre préinscription. Motif : {application.staffMessage}</Alert>
        ) : (
          <>
            {application?.status === "needs_document" ? (
              <Alert tone="warning">La mairie vous demande : « {application.staffMessage} ». Complétez votre préinscription puis renvoyez-la.</Alert>
            ) : null}
            <PreregistrationWizard commune={commune} initial={mine} initialStep={step} />
          </>
        )}
      </Main>
    </>
  );
}
