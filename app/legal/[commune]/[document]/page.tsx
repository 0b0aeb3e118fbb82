import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LEGAL_DOCUMENTS, LegalPage, type LegalDocument } from "@/app/_components/legal/legal-pages";
import { load } from "@/app/_lib/server";

/**
 * A commune's legal pages, public like the law wants them: `/{commune}/mentions-legales` and the
 * others are rewritten here by proxy.ts, out of the commune layout that asks for a signed-in member.
 */
type Params = { params: Promise<{ commune: string; document: string }> };

const isDocument = (value: string): value is LegalDocument => value in LEGAL_DOCUMENTS;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document } = await params;
  return { title: isDocument(document) ? LEGAL_DOCUMENTS[document] : "Page introuvable" };
}

export default async function CommuneLegalPage({ params }: Params) {
  const { commune, document } = await params;
  if (!isDocument(document)) notFound();
  const info = await load(undefined, (api) => api.legal.commune({ slug: commune }));
  return <LegalPage document={document} commune={info} />;
}
