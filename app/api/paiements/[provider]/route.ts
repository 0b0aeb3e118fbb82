import { InvalidNotification, ProviderUnavailable } from "@/server/adapters/payments/types";
import { isLoopbackClient } from "@/server/auth/client-ip";
import { receivePaymentNotification } from "@/server/domain/billing/payment-notifications";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 64 * 1024;

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" } });

/**
 * Payment providers' notifications (webhooks, IPN, the demo page's form): verified by the provider's
 * adapter, then applied through the one idempotent path. Unknown or switched-off provider, or the
 * demo's form posted from another machine: 404.
 * A browser form (the demo page) is sent on to the result page; a provider gets a plain 200.
 */
export async function POST(request: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return text(413, "Notification trop volumineuse.");
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return text(413, "Notification trop volumineuse.");
  try {
    const result = await receivePaymentNotification({ provider, notification: { body, headers: request.headers }, loopback: isLoopbackClient(request.headers) });
    if (!result) return text(404, "Introuvable.");
    if ((request.headers.get("accept") ?? "").includes("text/html")) return new Response(null, { status: 303, headers: { location: result.resultUrl } });
    return Response.json({ outcome: result.outcome, status: result.status });
  } catch (error) {
    if (error instanceof InvalidNotification) return text(400, "Notification refusée.");
    // PayFiP could not be asked how the operation ended: the provider (or its retry) tries again later.
    if (error instanceof ProviderUnavailable) return text(503, "Prestataire injoignable, réessayez plus tard.");
    throw error;
  }
}
