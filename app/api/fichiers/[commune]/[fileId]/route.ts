import { auth } from "@/server/auth";
import { downloadHeaders, fileForReader } from "@/server/domain/files/download";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Fichier introuvable.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" } });

/**
 * A stored file (a child's photo, an absence certificate), for those allowed to read it: its family,
 * the commune's front desk, site agents for photos. Anyone else gets the same 404 as for a file that
 * does not exist.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; fileId: string }> }) {
  const { commune, fileId } = await params;
  const session = await auth();
  const file = await fileForReader({ userId: session?.user?.id ?? null, commune, fileId });
  if (!file) return notFound();
  return new Response(file.object.body, { status: 200, headers: downloadHeaders(file) });
}
