"use client";
import Link from "next/link";
import { Button, ButtonLink, Main, PageTitle } from "./_components/ui";

/**
 * What a page shows when its server code failed unexpectedly. A client component (Next requires
 * it), so the header is the plain one, without the signed-in user.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center px-4 py-3 sm:px-6">
          <Link href="/" className="flex min-w-0 items-baseline gap-2">
            <span className="rounded-md bg-brand-700 px-2 py-0.5 text-sm font-bold text-white">Récré</span>
            <span className="truncate text-lg font-semibold text-slate-900">Portail famille</span>
          </Link>
        </div>
      </header>
      <Main narrow>
        <PageTitle lead="Réessayez dans un instant. Si le problème persiste, contactez votre mairie.">Une erreur est survenue</PageTitle>
        {error.digest ? <p className="mb-6 text-sm text-slate-600">Référence de l&apos;erreur à indiquer : {error.digest}</p> : null}
        <div className="flex flex-wrap gap-3">
          <Button onClick={reset}>Réessayer</Button>
          <ButtonLink href="/compte" variant="secondary">
            Revenir à mon compte
          </ButtonLink>
        </div>
      </Main>
    </>
  );
}
