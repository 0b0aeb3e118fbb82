import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContextFromHeaders } from "@/server/context";
import { limitTrpcRequest } from "@/server/request-limits";
import { appRouter } from "@/server/root";

/** Batches and bodies are bounded before tRPC reads them (server/request-limits.ts). */
async function handler(incoming: Request) {
  const req = await limitTrpcRequest(incoming);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContextFromHeaders(req.headers),
  });
}

export { handler as GET, handler as POST };
