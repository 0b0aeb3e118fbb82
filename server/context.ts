import { currentSession } from "./auth";
import { clientIp, isLoopbackClient } from "./auth/client-ip";
import { COMMUNE_HEADER, createInnerContext, type InnerContext } from "./trpc";

/** Outer context: reads the session and the commune header from a request. */
export async function createContextFromHeaders(headers: Headers, communeSlug?: string | null): Promise<InnerContext> {
  const session = await currentSession();
  const user = session?.user?.id ? { id: session.user.id, email: session.user.email, name: session.user.name } : null;
  return createInnerContext({ user, communeSlug: communeSlug ?? headers.get(COMMUNE_HEADER), ip: clientIp(headers), loopback: isLoopbackClient(headers) });
}
