import { auth } from "@/server/auth";
import { runCsvDownload } from "@/server/downloads";

export const dynamic = "force-dynamic";

/** A past invoice run as CSV: the commune's admins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; runId: string }> }) {
  const session = await auth();
  return runCsvDownload(session?.user?.id ?? null, await params);
}
