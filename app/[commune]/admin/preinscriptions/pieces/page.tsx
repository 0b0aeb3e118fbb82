import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { AddDocumentTypeForm, DocumentTypeRow } from "./document-type-forms";

export const metadata: Metadata = { title: "Pièces demandées" };

/** The commune's setting: which documents a pre-registration asks for, and which are required. */
export default async function DocumentTypesPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  if (!access.staffRoles.includes("admin")) notFound();
  const types = await load(commune, (api) => api.preregistration.documentTypes());
  return (
    <Main narrow>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/admin/preinscriptions`} className="text-brand-700 underline underline-offset-4">
          ← Préinscriptions
        </Link>
      </p>
      <PageTitle lead="Les pièces justificatives demandées aux familles qui se préinscrivent en ligne. Une pièce obligatoire manquante empêche l'envoi de la préinscription.">
        Pièces demandées aux familles
      </PageTitle>
      <Card className="mb-6">
        <ul className="divide-y divide-slate-100">
          {types.map((t) => (
            <DocumentTypeRow key={t.id} type={t} />
          ))}
        </ul>
      </Card>
      <Card title="Ajouter une pièce">
        <AddDocumentTypeForm />
      </Card>
    </Main>
  );
}
