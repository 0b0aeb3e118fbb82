import { icsForToken } from "@/server/domain/booking/calendar-feed";

export const dynamic = "force-dynamic";

/** The same answer for an unknown commune, a malformed, unknown or revoked token: nothing to learn. */
const notFound = () =>
  new Response("Calendrier introuvable.", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-robots-tag": "noindex" },
  });

/** A household's private calendar feed, called by calendar apps (no session: the token is the key). */
export async function GET(_request: Request, { params }: { params: Promise<{ commune: string; token: string }> }) {
  const { commune, token } = await params;
  const ics = await icsForToken(commune, token);
  if (ics === null) return notFound();
  return new Response(ics, {
    status: 200,
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="recre.ics"',
      "cache-control": "private, no-store",
      "x-robots-tag": "noindex",
      "referrer-policy": "no-referrer",
    },
  });
}
