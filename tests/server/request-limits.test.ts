import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_BATCH_CALLS, MAX_BODY_BYTES, limitTrpcRequest } from "@/server/request-limits";
import { appRouter } from "@/server/root";
import { createInnerContext } from "@/server/trpc";
import { loadDemo } from "../fixtures/demo";

// Finding 2 of issue #12: 50 calls in one POST were answered, a 10 MB body accepted.
beforeAll(loadDemo);

/** What app/api/trpc/[trpc]/route.ts does, with an anonymous context. */
async function serve(req: Request): Promise<Response> {
  const limited = await limitTrpcRequest(req);
  if (limited instanceof Response) return limited;
  return fetchRequestHandler({ endpoint: "/api/trpc", req: limited, router: appRouter, createContext: () => createInnerContext() });
}

const batch = (n: number) => {
  const paths = Array.from({ length: n }, () => "auth.linkStatus").join(",");
  const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { token: "x", purpose: "reset" } }]));
  return new Request(`http://localhost/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
};

describe("tRPC request limits", () => {
  it(`answers a batch of ${MAX_BATCH_CALLS} calls`, async () => {
    const response = await serve(batch(MAX_BATCH_CALLS));
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveLength(MAX_BATCH_CALLS);
  });

  it("refuses a longer batch without running any of it, with a French message", async () => {
    const response = await serve(batch(50));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("Trop d'opérations");
  });

  it("refuses a body over 1 MB, whether or not it declares its length", async () => {
    const big = JSON.stringify({ json: { email: `${"a".repeat(MAX_BODY_BYTES)}@recre.test` } });
    const declared = new Request("http://localhost/api/trpc/auth.requestPasswordReset", { method: "POST", body: big, headers: { "content-type": "application/json", "content-length": String(big.length) } });
    expect((await serve(declared)).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 11; i++) controller.enqueue(new TextEncoder().encode("x".repeat(100_000)));
        controller.close();
      },
    });
    const chunked = new Request("http://localhost/api/trpc/auth.requestPasswordReset", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect((await serve(chunked)).status).toBe(413);
  });

  it("passes an ordinary body through untouched", async () => {
    const body = JSON.stringify({ json: { email: "personne@recre.test" } });
    const response = await serve(new Request("http://localhost/api/trpc/auth.requestPasswordReset", { method: "POST", body, headers: { "content-type": "application/json" } }));
    expect(response.status).toBe(200);
  });
});
