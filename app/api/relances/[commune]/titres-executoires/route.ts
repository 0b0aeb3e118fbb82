import { auth } from "@/server/auth";
import { treasuryCsvDownload } from "@/server/collection-downloads";

export const dynamic = "force-dynamic";

/** Invoices flagged for the Trésor public (titres exécutoires), as CSV: the commune's front desk only. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string }> }) {
  const session = await auth();
  return treasuryCsvDownload(session?.user?.id ?? null, await params);
}
