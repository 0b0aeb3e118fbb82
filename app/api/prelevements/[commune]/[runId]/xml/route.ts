import { auth } from "@/server/auth";
import { debitFileDownload } from "@/server/collection-downloads";

export const dynamic = "force-dynamic";

/** A debit run's pain.008.001.02 file, as an attachment: the commune's front desk only. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; runId: string }> }) {
  const session = await auth();
  return debitFileDownload(session?.user?.id ?? null, await params);
}
