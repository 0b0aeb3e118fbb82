import { describe, expect, it } from "vitest";
import { guardedNavigation, refreshSeconds, waitingPage, WaitingRoom } from "@/server/admission/waiting-room";

const secret = "a-test-secret-a-test-secret-a-test-secret";
const t0 = 1_800_000_000_000;

/** Arrivals at `now`, each a new visitor; returns what each was told. */
function arrive(room: WaitingRoom, count: number, now: number) {
  return Array.from({ length: count }, () => room.admit(undefined, now));
}

describe("the waiting room", () => {
  it("lets everyone in while arrivals stay within the rate", () => {
    const room = new WaitingRoom(secret, 10);
    for (let s = 0; s < 5; s++) expect(arrive(room, 10, t0 + s * 1000).every((a) => a.kind === "admitted")).toBe(true);
  });

  it("queues arrivals beyond a second's worth, with positions in order of arrival", () => {
    const room = new WaitingRoom(secret, 10);
    const told = arrive(room, 25, t0);
    expect(told.filter((a) => a.kind === "admitted")).toHaveLength(11);
    const positions = told.flatMap((a) => (a.kind === "waiting" ? [a.position] : []));
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it("lets a waiting visitor in at their slot, and keeps them in afterwards", () => {
    const room = new WaitingRoom(secret, 10);
    arrive(room, 11, t0);
    const waiting = room.admit(undefined, t0);
    if (waiting.kind !== "waiting") throw new Error("expected to wait");
    expect(room.admit(waiting.cookie, t0 + waiting.waitMs - 1).kind).toBe("waiting");
    const later = room.admit(waiting.cookie, t0 + waiting.waitMs);
    expect(later.kind).toBe("admitted");
    // Admitted visitors do not take a new slot: the queue behind them is unchanged.
    expect(room.admit(waiting.cookie, t0 + waiting.waitMs + 60_000)).toEqual({ kind: "admitted", cookie: null });
  });

  it("never lets a forged or altered cookie jump the queue", () => {
    const room = new WaitingRoom(secret, 10);
    arrive(room, 11, t0);
    const waiting = room.admit(undefined, t0);
    if (waiting.kind !== "waiting") throw new Error("expected to wait");
    const [, signature] = waiting.cookie.split(".");
    const forged = room.admit(`${t0 - 1000}.${signature}`, t0);
    expect(forged.kind).toBe("waiting");
    const otherSecret = new WaitingRoom("another-secret-another-secret-another", 10).admit(undefined, t0 - 5000);
    expect(room.admit(otherSecret.cookie ?? "", t0).kind).toBe("waiting");
  });

  it("is off at rate 0", () => {
    const room = new WaitingRoom(secret, 0);
    expect(arrive(room, 1000, t0).every((a) => a.kind === "admitted")).toBe(true);
  });

  it("guards families' page navigations only: not APIs, prefetches, staff pages or legal pages", () => {
    expect(guardedNavigation("GET", "/jolieville/planning", "text/html,application/xhtml+xml", false)).toBe(true);
    expect(guardedNavigation("GET", "/connexion", "text/html", false)).toBe(true);
    expect(guardedNavigation("POST", "/jolieville/planning", "text/html", false)).toBe(false);
    expect(guardedNavigation("GET", "/api/trpc/reservations.planning", "*/*", false)).toBe(false);
    expect(guardedNavigation("GET", "/jolieville/planning", "text/html", true)).toBe(false);
    expect(guardedNavigation("GET", "/jolieville/admin/factures", "text/html", false)).toBe(false);
    expect(guardedNavigation("GET", "/jolieville/accessibilite", "text/html", false)).toBe(false);
  });

  it("shows the place and refreshes itself, without scripts, back to the page asked for", () => {
    const html = waitingPage({ kind: "waiting", cookie: "x", position: 214, waitMs: 21_400 }, "/jolieville/planning?x=<b>");
    expect(html).toContain("n° 214 dans la file d&#39;attente");
    expect(html).toContain('http-equiv="refresh" content="15;url=/jolieville/planning?x=&#60;b&#62;"');
    expect(html).not.toContain("<script");
    expect(refreshSeconds(400)).toBe(1);
  });
});
