import { auth } from "@/server/auth";
import { applicationDocumentDownload } from "@/server/preregistration-files";

export const dynamic = "force-dynamic";

/** A pre-registration's document, for the family that sent it and the commune's front desk; 404 for anyone else. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; documentId: string }> }) {
  const session = await auth();
  return applicationDocumentDownload(session?.user?.id ?? null, await params);
}
