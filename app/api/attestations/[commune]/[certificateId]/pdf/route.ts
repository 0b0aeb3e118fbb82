import { auth } from "@/server/auth";
import { certificatePdfDownload } from "@/server/collection-downloads";

export const dynamic = "force-dynamic";

/** A tax certificate's PDF, as an attachment: its family's parents and the commune's front desk only. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; certificateId: string }> }) {
  const session = await auth();
  return certificatePdfDownload(session?.user?.id ?? null, await params);
}
