import { auth } from "@/server/auth";
import { invoicePdfDownload } from "@/server/downloads";

export const dynamic = "force-dynamic";

/** An invoice's PDF, as an attachment: its family's parents and the commune's front desk only. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; invoiceId: string }> }) {
  const session = await auth();
  return invoicePdfDownload(session?.user?.id ?? null, await params);
}
