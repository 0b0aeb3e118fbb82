import { auth } from "@/server/auth";
import { paperInvoicesDownload } from "@/server/downloads";

export const dynamic = "force-dynamic";

/** A run's paper invoices in one PDF, in reference order: the commune's admins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; runId: string }> }) {
  const session = await auth();
  return paperInvoicesDownload(session?.user?.id ?? null, await params);
}
