import { auth } from "@/server/auth";
import { childSheetDownload } from "@/server/downloads";

export const dynamic = "force-dynamic";

/** A child's printable « fiche enfant » (PDF attachment): staff only; each download is logged as a health view. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; childId: string }> }) {
  const session = await auth();
  return childSheetDownload(session?.user?.id ?? null, await params);
}
