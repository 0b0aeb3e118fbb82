"use client";
import Link from "next/link";
import { useParams } from "next/navigation";
import { ACCESSIBILITY_STATUS, LEGAL_DOCUMENTS, legalHref, type LegalDocument } from "@/app/_components/legal/documents";

/** On every page, as the law asks: the legal pages and the accessibility statement, the commune's in its space. */
export function SiteFooter() {
  const params = useParams<{ commune?: string }>();
  const commune = params?.commune;
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white">
      <nav aria-label="Informations légales" className="mx-auto max-w-6xl px-4 py-4 text-sm text-slate-700">
        <ul className="flex flex-wrap gap-x-5 gap-y-2">
          {(Object.keys(LEGAL_DOCUMENTS) as LegalDocument[]).map((document) => (
            <li key={document}>
              <Link className="underline hover:text-slate-900" href={legalHref(document, commune)}>
                {document === "accessibilite" ? `Accessibilité : ${ACCESSIBILITY_STATUS}` : LEGAL_DOCUMENTS[document]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </footer>
  );
}
