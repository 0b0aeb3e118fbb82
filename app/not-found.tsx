import { SiteHeader } from "./_components/site-header";
import { ButtonLink, Main, PageTitle } from "./_components/ui";

export default function NotFound() {
  return (
    <>
      <SiteHeader title="Portail famille" />
      <Main narrow>
        <PageTitle lead="Cette page n'existe pas, ou vous n'y avez pas accès avec ce compte.">Page introuvable</PageTitle>
        <ButtonLink href="/compte">Revenir à mon compte</ButtonLink>
      </Main>
    </>
  );
}
