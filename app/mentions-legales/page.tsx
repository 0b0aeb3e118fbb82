import type { Metadata } from "next";
import { LEGAL_DOCUMENTS, LegalPage } from "@/app/_components/legal/legal-pages";

export const metadata: Metadata = { title: LEGAL_DOCUMENTS["mentions-legales"] };

export default function PlatformLegalPage() {
  return <LegalPage document="mentions-legales" commune={null} />;
}
