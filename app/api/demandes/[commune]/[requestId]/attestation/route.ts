import { auth } from "@/server/auth";
import { requestCertificateDownload } from "@/server/downloads";

export const dynamic = "force-dynamic";

/** The attestation de présence of an accepted request, as a PDF attachment: its family and the staff who handle it. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; requestId: string }> }) {
  const session = await auth();
  return requestCertificateDownload(session?.user?.id ?? null, await params);
}
