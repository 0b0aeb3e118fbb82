import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Main, PageTitle } from "@/app/_components/ui";
import { communeAccess } from "@/app/_lib/server";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Importer des familles" };

export default async function ImportFamiliesPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  if (!access.staffRoles.includes("admin")) notFound();
  return (
    <Main>
      <PageTitle lead="Les familles de l'ancien logiciel, d'un fichier CSV : un aperçu d'abord, rien n'est écrit tant qu'il reste des erreurs. Réimporter le même fichier ne crée rien en double.">
        Importer des familles
      </PageTitle>
      <ImportForm commune={commune} />
    </Main>
  );
}
