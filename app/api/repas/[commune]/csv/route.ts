import { auth } from "@/server/auth";
import { mealCountsCsvDownload } from "@/server/downloads";

export const dynamic = "force-dynamic";

/** Meal counts as a CSV for Excel (`?from=&to=&siteId=`): the commune's site staff, admins and front desk. */
export async function GET(request: Request, { params }: { params: Promise<{ commune: string }> }) {
  const session = await auth();
  const { commune } = await params;
  return mealCountsCsvDownload(session?.user?.id ?? null, { commune, search: new URL(request.url).searchParams });
}
