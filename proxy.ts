import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/config/env";
import { newNonce, securityHeaders } from "@/server/security-headers";
import { ADMISSION_COOKIE, guardedNavigation, waitingPage, WaitingRoom } from "@/server/admission/waiting-room";

let room: WaitingRoom | undefined;
/** One waiting room per server process, built on first use (settings are read at run time, not build time). */
function waitingRoom(): WaitingRoom {
  room ??= new WaitingRoom(env().authSecret, env().ADMISSION_RATE);
  return room;
}

/** Test seam: a room with other settings (or the configured one again with `undefined`). */
export function useWaitingRoom(next: WaitingRoom | undefined) {
  room = next;
}

/**
 * Every page and route answers with the security headers (server/security-headers.ts). Next reads
 * the nonce from the request's Content-Security-Policy and puts it on its own scripts; the root
 * layout renders every page per request so that each gets its nonce.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, development: process.env.NODE_ENV === "development", production: env().APP_ENV === "production" });
  const guarded = guardedNavigation(request.method, request.nextUrl.pathname, request.headers.get("accept"), request.headers.has("rsc") || request.headers.has("next-router-prefetch"));
  const admission = guarded ? waitingRoom().admit(request.cookies.get(ADMISSION_COOKIE)?.value, Date.now()) : null;
  if (admission?.kind === "waiting") {
    const page = new NextResponse(waitingPage(admission, request.nextUrl.pathname + request.nextUrl.search), {
      status: 200,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": String(Math.ceil(admission.waitMs / 1000)) },
    });
    for (const [name, value] of Object.entries(headers)) page.headers.set(name, value);
    page.cookies.set(ADMISSION_COOKIE, admission.cookie, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 3600 });
    return page;
  }
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const legal = communeLegalPage(request.nextUrl.pathname);
  const response = legal
    ? NextResponse.rewrite(new URL(legal, request.url), { request: { headers: forwarded } })
    : NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  if (admission?.cookie) response.cookies.set(ADMISSION_COOKIE, admission.cookie, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 3600 });
  return response;
}

/** Top-level paths that are not communes. */
const RESERVED = new Set(["api", "compte", "connexion", "activation", "plateforme", "dev", "legal", "_next"]);
const LEGAL = /^\/([a-z0-9-]+)\/(mentions-legales|confidentialite|conditions-utilisation|accessibilite)\/?$/;

/**
 * A commune's legal pages are public, unlike the rest of its space (app/[commune]/layout.tsx asks
 * for a member): `/{commune}/mentions-legales` is served by app/legal/[commune]/[document].
 */
export function communeLegalPage(pathname: string): string | null {
  const match = LEGAL.exec(pathname);
  if (!match || RESERVED.has(match[1]!)) return null;
  return `/legal/${match[1]}/${match[2]}`;
}

export const config = {
  // Not the build's static files: they carry no HTML and never change.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
