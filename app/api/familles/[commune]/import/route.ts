import { auth } from "@/server/auth";
import { familyImportUpload } from "@/server/family-import-files";

export const dynamic = "force-dynamic";

/** The families CSV to preview or import (the file's bytes as the body); see server/family-import-files.ts. */
export async function POST(request: Request, { params }: { params: Promise<{ commune: string }> }) {
  const session = await auth();
  return familyImportUpload(session?.user?.id ?? null, await params, request);
}
