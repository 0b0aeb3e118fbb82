import "server-only";
import { cache } from "react";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { currentSession } from "@/server/auth";
import { serverCaller } from "@/server/caller";

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireSession(returnTo: string) {
  const session = await currentSession();
  if (!session?.user?.id) redirect(`/connexion?retour=${encodeURIComponent(returnTo)}`);
  return session;
}

/**
 * Runs a procedure for a page: NOT_FOUND becomes the 404 page, UNAUTHORIZED the sign-in page.
 * Any other error is rethrown: FORBIDDEN (a suspended commune) is shown by app/[commune]/layout.tsx,
 * the rest by app/error.tsx.
 */
export async function load<T>(communeSlug: string | undefined, fn: (api: Awaited<ReturnType<typeof serverCaller>>) => Promise<T>): Promise<T> {
  const api = await serverCaller(communeSlug);
  try {
    return await fn(api);
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "NOT_FOUND") notFound();
      if (error.code === "UNAUTHORIZED") redirect("/connexion");
    }
    throw error;
  }
}

/**
 * The commune, the caller's roles there and its billing modes: asked by the root layout, the area's
 * layout and the page of one render, read once per render.
 */
export const communeAccess = cache((communeSlug: string) => load(communeSlug, (api) => api.commune.access()));
