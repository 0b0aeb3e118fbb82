import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy, useWaitingRoom } from "@/proxy";
import { WaitingRoom } from "@/server/admission/waiting-room";
import { securityHeaders } from "@/server/security-headers";

// Finding 4 of issue #12: no CSP, no frame-ancestors, no HSTS, no Referrer-Policy, no nosniff.
afterEach(() => vi.unstubAllEnvs());

describe("the proxy's security headers", () => {
  it("answers every page with a nonce CSP, no framing, a referrer policy and nosniff", () => {
    const response = proxy(new NextRequest("http://localhost/jolieville/planning"));
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("hands Next the same nonce on the request, fresh for each request", () => {
    const first = proxy(new NextRequest("http://localhost/"));
    const second = proxy(new NextRequest("http://localhost/"));
    const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonceOf(first));
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(first.headers.get("content-security-policy"));
    expect(nonceOf(first)).not.toBe(nonceOf(second));
  });

  it("sends HSTS and upgrades requests in production only, and allows eval only under next dev", () => {
    expect(securityHeaders({ nonce: "n", development: false, production: false })["Strict-Transport-Security"]).toBeUndefined();
    const production = securityHeaders({ nonce: "n", development: false, production: true });
    expect(production["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}; includeSubDomains$/);
    expect(production["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(production["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(securityHeaders({ nonce: "n", development: true, production: false })["Content-Security-Policy"]).toContain("'unsafe-eval'");
  });
});

describe("the proxy's waiting room", () => {
  afterEach(() => useWaitingRoom(undefined));
  const navigate = (path: string, cookie?: string) =>
    proxy(new NextRequest(`http://localhost${path}`, { headers: { accept: "text/html", ...(cookie ? { cookie } : {}) } }));

  it("answers arrivals beyond the rate with the waiting page, its headers and a place kept in a cookie", () => {
    useWaitingRoom(new WaitingRoom("a-test-secret-a-test-secret-a-test-secret", 1));
    const first = navigate("/jolieville/planning");
    const second = navigate("/jolieville/planning");
    const third = navigate("/jolieville/planning");
    for (const admitted of [first, second]) expect(admitted.headers.get("x-middleware-next")).toBe("1");
    expect(third.headers.get("x-middleware-next")).toBeNull();
    expect(third.headers.get("content-type")).toContain("text/html");
    expect(third.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(third.cookies.get("recre_admission")?.value).toMatch(/^\d+\./);
    // The same visitor coming back before their turn keeps their place; APIs are never held.
    const back = navigate("/jolieville/planning", `recre_admission=${third.cookies.get("recre_admission")!.value}`);
    expect(back.headers.get("x-middleware-next")).toBeNull();
    expect(proxy(new NextRequest("http://localhost/api/trpc/reservations.planning")).headers.get("x-middleware-next")).toBe("1");
  });
});
