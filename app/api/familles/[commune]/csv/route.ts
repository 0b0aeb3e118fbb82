import { auth } from "@/server/auth";
import { householdsCsvDownload } from "@/server/downloads";

export const dynamic = "force-dynamic";

/** The families list as a CSV (`?search=&resident=&owing=1&pendingApplications=1`): the commune's admins and front desk. */
export async function GET(request: Request, { params }: { params: Promise<{ commune: string }> }) {
  const session = await auth();
  const { commune } = await params;
  return householdsCsvDownload(session?.user?.id ?? null, { commune, search: new URL(request.url).searchParams });
}
