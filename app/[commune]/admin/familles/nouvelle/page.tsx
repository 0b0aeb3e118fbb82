import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Main, PageTitle } from "@/app/_components/ui";
import { communeAccess } from "@/app/_lib/server";
import { NewFamilyForm } from "./new-family-form";

export const metadata: Metadata = { title: "Nouvelle famille" };

export default async function NewFamilyPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  if (!access.staffRoles.some((r) => r === "admin" || r === "agent")) {
    notFound();
  }
  return (
    <Main>
      <PageTitle lead="Le foyer, ses responsables légaux et ses enfants. Chaque responsable reçoit une invitation par e-mail ou le code d'activation imprimé.">
        Nouvelle famille
      </PageTitle>
      <NewFamilyForm commune={commune} />
    </Main>
  );
}
