import { auth } from "@/server/auth";
import { applicationDocumentUpload } from "@/server/preregistration-files";

export const dynamic = "force-dynamic";

/** A document sent with an online pre-registration (the file's bytes as the body); see server/preregistration-files.ts. */
export async function POST(request: Request, { params }: { params: Promise<{ commune: string; documentTypeId: string }> }) {
  const session = await auth();
  return applicationDocumentUpload(session?.user?.id ?? null, await params, request);
}
