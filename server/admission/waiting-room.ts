import { createHmac, timingSafeEqual } from "node:crypto";
import { waitingRoomMessages as m } from "@/common/messages/waiting-room";

/**
 * The opening-morning waiting room. Arrivals get admission slots spaced at the rate the server can
 * serve (a virtual token bucket: `burstSeconds` worth of arrivals get in at once); an arrival whose
 * slot is in the future waits on a light page that refreshes itself and lets it in at its slot, so
 * order of arrival is kept and nobody sees an error. The slot is kept in a signed cookie, so the
 * only state is `lastSlot`, per server process: each app server protects its own capacity.
 */
export const ADMISSION_COOKIE = "recre_admission";
/** An admitted visitor stays admitted while active; after this long without a page, they arrive anew. */
const ADMITTED_FOR_MS = 30 * 60_000;
/** How often an admitted visitor's slot is moved forward (keeps the cookie fresh without a write per page). */
const REFRESH_AFTER_MS = 5 * 60_000;

export type Admission =
  | { kind: "admitted"; cookie: string | null }
  | { kind: "waiting"; cookie: string; position: number; waitMs: number };

export class WaitingRoom {
  private lastSlot = Number.NEGATIVE_INFINITY;
  private readonly interval: number;

  constructor(
    private readonly secret: string,
    /** New visitors per second this server lets in; 0 turns the waiting room off. */
    private readonly rate: number,
    private readonly burstSeconds = 1,
  ) {
    this.interval = rate > 0 ? 1000 / rate : 0;
  }

  /** Where the visitor carrying `cookie` (or none) stands at `now`. */
  admit(cookie: string | undefined, now: number): Admission {
    if (this.rate <= 0) return { kind: "admitted", cookie: null };
    const slot = this.read(cookie);
    if (slot !== null && slot <= now && now - slot < ADMITTED_FOR_MS) {
      return { kind: "admitted", cookie: now - slot > REFRESH_AFTER_MS ? this.sign(now) : null };
    }
    if (slot !== null && slot > now) return this.waiting(slot, now);
    const next = Math.max(this.lastSlot + this.interval, now - this.burstSeconds * 1000);
    this.lastSlot = next;
    return next <= now ? { kind: "admitted", cookie: this.sign(now) } : this.waiting(next, now);
  }

  private waiting(slot: number, now: number): Admission {
    const waitMs = slot - now;
    return { kind: "waiting", cookie: this.sign(slot), position: Math.max(1, Math.ceil(waitMs / this.interval)), waitMs };
  }

  private sign(slot: number): string {
    const value = String(Math.round(slot));
    return `${value}.${createHmac("sha256", this.secret).update(`admission:${value}`).digest("base64url")}`;
  }

  private read(cookie: string | undefined): number | null {
    const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? "");
    if (!match) return null;
    const expected = Buffer.from(createHmac("sha256", this.secret).update(`admission:${match[1]}`).digest("base64url"));
    const given = Buffer.from(match[2]!);
    return expected.length === given.length && timingSafeEqual(expected, given) ? Number(match[1]) : null;
  }
}

/** Seconds before the waiting page asks again: soon when the slot is near, never more than 15 s. */
export function refreshSeconds(waitMs: number): number {
  return Math.min(15, Math.max(1, Math.ceil(waitMs / 1000)));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page without scripts (it works before any bundle loads): it refreshes itself at the next look. */
export function waitingPage(admission: Extract<Admission, { kind: "waiting" }>, returnTo: string): string {
  const refresh = refreshSeconds(admission.waitMs);
  const target = escapeHtml(returnTo);
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${refresh};url=${target}">
<title>${escapeHtml(m.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f8fafc;color:#0f172a}main{max-width:32rem;margin:12vh auto;padding:1.5rem}
h1{font-size:1.4rem;line-height:1.3}.position{font-size:1.25rem;font-weight:600}a{color:#1d4ed8}</style></head>
<body><main><h1>${escapeHtml(m.heading)}</h1>
<p class="position" role="status">${escapeHtml(m.position(admission.position))}</p>
<p>${escapeHtml(m.estimate(admission.waitMs / 1000))}</p>
<p>${escapeHtml(m.keepOpen)}</p><p>${escapeHtml(m.fair)}</p>
<p><a href="${target}">${escapeHtml(m.refreshNow)}</a></p></main></body></html>`;
}

/** Page navigations the waiting room guards: what families open, not staff tools, APIs or legal pages. */
export function guardedNavigation(method: string, pathname: string, accept: string | null, isPrefetchOrRsc: boolean): boolean {
  if (method !== "GET" || isPrefetchOrRsc || !(accept ?? "").includes("text/html")) return false;
  if (/^\/(api|_next|dev|plateforme|legal)(\/|$)/.test(pathname)) return false;
  if (/^\/[a-z0-9-]+\/(admin|site|mentions-legales|confidentialite|conditions-utilisation|accessibilite)(\/|$)/.test(pathname)) return false;
  return true;
}
