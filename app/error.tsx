"use client";
import { Button } from "./_components/ui";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="contenu" className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-2xl font-bold">Une erreur est survenue</h1>
      <p className="mt-2 text-slate-600">Réessayez dans un instant. Si le problème persiste, contactez votre mairie.</p>
      <Button className="mt-6" onClick={reset}>
        Réessayer
      </Button>
    </main>
  );
}
