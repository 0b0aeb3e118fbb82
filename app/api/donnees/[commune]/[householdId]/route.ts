import { auth } from "@/server/auth";
import { householdExportDownload } from "@/server/downloads";

export const dynamic = "force-dynamic";

/** Everything the commune holds on a household (RGPD export, ZIP): its own parents only. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; householdId: string }> }) {
  const session = await auth();
  return householdExportDownload(session?.user?.id ?? null, await params);
}
