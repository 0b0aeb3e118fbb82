import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { communePublicPage, proxy } from "@/proxy";

describe("a commune's public page", () => {
  it("is at /{commune}/presentation for everyone, and at /{commune} for a visitor without a session", () => {
    expect(communePublicPage("/jolieville/presentation", true)).toBe("/commune-publique/jolieville");
    expect(communePublicPage("/jolieville", false)).toBe("/commune-publique/jolieville");
    expect(communePublicPage("/jolieville/", false)).toBe("/commune-publique/jolieville");
    expect(communePublicPage("/jolieville", true)).toBeNull();
    expect(communePublicPage("/jolieville/planning", false)).toBeNull();
  });

  it("never takes a page of the platform itself", () => {
    for (const path of ["/", "/compte", "/connexion", "/mentions-legales", "/confidentialite", "/accessibilite", "/inscription", "/plateforme", "/api"]) {
      expect(communePublicPage(path, false), path).toBeNull();
    }
  });

  it("is chosen by the proxy from the session cookie", () => {
    const anonymous = proxy(new NextRequest("http://localhost/jolieville"));
    expect(anonymous.headers.get("x-middleware-rewrite")).toBe("http://localhost/commune-publique/jolieville");
    const member = proxy(new NextRequest("http://localhost/jolieville", { headers: { cookie: "authjs.session-token=abc" } }));
    expect(member.headers.get("x-middleware-rewrite")).toBeNull();
  });
});
