import { auth } from "@/server/auth";
import { attendanceSheetDownload } from "@/server/downloads";

export const dynamic = "force-dynamic";

/** A site's printable attendance sheet for a day: its staff only. */
export async function GET(request: Request, { params }: { params: Promise<{ commune: string }> }) {
  const session = await auth();
  return attendanceSheetDownload(session?.user?.id ?? null, { commune: (await params).commune, search: new URL(request.url).searchParams });
}
