import { TRPCError } from "@trpc/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/app/_components/site-header";
import { Alert, ButtonLink, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load, requireSession } from "@/app/_lib/server";

/** Every commune page: signed in, and a family or a staff role in this commune, or a 404. */
export default async function CommuneLayout({ children, params }: { children: ReactNode; params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  await requireSession(`/${commune}`);
  try {
    await communeAccess(commune);
  } catch (error) {
    // FORBIDDEN reaches only the commune's own staff and families: the commune is suspended.
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <Suspended slug={commune} message={error.message} />;
    throw error;
  }
  return children;
}

/** The caller belongs to this commune, so naming it reveals nothing; the name comes from their own list. */
async function Suspended({ slug, message }: { slug: string; message: string }) {
  const mine = await load(undefined, (api) => api.family.myCommunes());
  const name = [...mine.families, ...mine.staff].find((c) => c.tenantSlug === slug)?.tenantName ?? "Portail famille";
  return (
    <>
      <SiteHeader title={name} titleHref="/compte" />
      <Main narrow>
        <PageTitle>{name}</PageTitle>
        <Alert tone="warning">{message}</Alert>
        <ButtonLink href="/compte" variant="secondary">
          Revenir à mon compte
        </ButtonLink>
      </Main>
    </>
  );
}
