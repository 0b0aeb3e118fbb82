import { messages } from "@/common/messages";

/** tRPC calls in one batched request; the browser client splits longer batches itself (app/_lib/providers.tsx). */
export const MAX_BATCH_CALLS = 10;
/** A tRPC request body: forms and JSON only (files go through their own routes). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A refusal in the shape the tRPC client reads, so the page shows the French sentence. */
function refusal(status: number, message: string): Response {
  const body = { error: { json: { message, code: -32600, data: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", httpStatus: status } } } };
  return Response.json(body, { status });
}

/** Procedure names in a tRPC URL: `/api/trpc/a,b,c?batch=1` is three calls. */
function callsIn(url: URL, endpoint: string): number {
  const path = url.pathname.slice(endpoint.length).replace(/^\//, "");
  return path ? path.split(",").length : 0;
}

/**
 * Refuses a batch of more than MAX_BATCH_CALLS calls or a body over MAX_BODY_BYTES before tRPC
 * parses anything; otherwise hands back the request, its body read (so its size is known even
 * without Content-Length).
 */
export async function limitTrpcRequest(req: Request, endpoint = "/api/trpc"): Promise<Request | Response> {
  if (callsIn(new URL(req.url), endpoint) > MAX_BATCH_CALLS) return refusal(400, messages.requests.tooManyCalls(MAX_BATCH_CALLS));
  if (req.method !== "POST" || !req.body) return req;
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return refusal(413, messages.requests.bodyTooLarge);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return refusal(413, messages.requests.bodyTooLarge);
    }
    chunks.push(value);
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks), signal: req.signal });
}
