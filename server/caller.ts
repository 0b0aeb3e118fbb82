import "server-only";
import { headers } from "next/headers";
import { createContextFromHeaders } from "./context";
import { createCaller } from "./root";

/** Server components call procedures directly, with the request's session and the page's commune. */
export async function serverCaller(communeSlug?: string) {
  return createCaller(await createContextFromHeaders(await headers(), communeSlug ?? null));
}
