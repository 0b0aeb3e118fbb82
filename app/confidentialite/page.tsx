import type { Metadata } from "next";
import { LEGAL_DOCUMENTS, LegalPage } from "@/app/_components/legal/legal-pages";

export const metadata: Metadata = { title: LEGAL_DOCUMENTS["confidentialite"] };

export default function PlatformLegalPage() {
  return <LegalPage document="confidentialite" commune={null} />;
}
