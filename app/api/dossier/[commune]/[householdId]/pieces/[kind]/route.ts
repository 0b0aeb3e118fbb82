import { auth } from "@/server/auth";
import { familyDocumentUpload } from "@/server/family-file-files";

export const dynamic = "force-dynamic";

/** A document for the family file (the file's bytes as the body); see server/family-file-files.ts. */
export async function POST(request: Request, { params }: { params: Promise<{ commune: string; householdId: string; kind: string }> }) {
  const session = await auth();
  return familyDocumentUpload(session?.user?.id ?? null, await params, request);
}
