import { downloadHeaders } from "@/server/domain/files/download";
import { readDocument } from "@/server/domain/publications/publications";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Document introuvable.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" } });

/** A document the commune published (menus, règlement, tarifs): public, served as the stored files are. */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; documentId: string }> }) {
  const document = await readDocument(await params);
  if (!document) return notFound();
  return new Response(document.object.body, { status: 200, headers: downloadHeaders(document) });
}
