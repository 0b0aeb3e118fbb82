import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIp } from "@/server/auth/client-ip";
import { PEER_HEADER, stampPeerAddresses } from "@/server/auth/peer-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("with no trusted proxy (TRUST_PROXY_HOPS=0, the default)", () => {
  it("ignores every forwarding header a client can send", () => {
    const spoofed = headers({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.8", forwarded: "for=203.0.113.9" });
    expect(clientIp(spoofed, 0)).toBe("unknown");
  });

  it("does not accept a peer stamp the server did not write", () => {
    expect(clientIp(headers({ [PEER_HEADER]: "0123456789abcdef 203.0.113.7" }), 0)).toBe("unknown");
  });

  describe("behind a real HTTP server", () => {
    let server: http.Server;
    let url: string;
    beforeAll(async () => {
      stampPeerAddresses();
      server = http.createServer((req, res) => {
        const h = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") h.set(name, value);
        res.end(clientIp(h, 0));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("uses the TCP peer, whatever the client claims", async () => {
      const res = await fetch(url, { headers: { "x-forwarded-for": "203.0.113.7", [PEER_HEADER]: "forged 203.0.113.8" } });
      expect(await res.text()).toBe("127.0.0.1");
    });
  });
});

describe("behind trusted proxies", () => {
  it("takes the entry written by the one proxy, not what the client put before it", () => {
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.7" }), 1)).toBe("203.0.113.7");
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }), 1)).toBe("203.0.113.7");
  });

  it("counts hops from the right: two proxies, the second from the right", () => {
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
  });

  it("takes the leftmost entry when the chain is shorter than the hops", () => {
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.7" }), 3)).toBe("203.0.113.7");
  });

  it("never reads X-Real-IP, which any client can send", () => {
    expect(clientIp(headers({ "x-real-ip": "203.0.113.8" }), 1)).toBe("unknown");
  });

  it("spells one address one way: no port, no IPv4-mapped prefix, lower case", () => {
    expect(clientIp(headers({ "x-forwarded-for": "::ffff:192.0.2.1" }), 1)).toBe("192.0.2.1");
    expect(clientIp(headers({ "x-forwarded-for": "192.0.2.1:51234" }), 1)).toBe("192.0.2.1");
    expect(clientIp(headers({ "x-forwarded-for": "[2001:DB8::1]:443" }), 1)).toBe("2001:db8::1");
    expect(clientIp(headers({ "x-forwarded-for": "2001:db8::1" }), 1)).toBe("2001:db8::1");
  });

  it("puts garbage in the shared unknown bucket instead of a key a client chose", () => {
    expect(clientIp(headers({ "x-forwarded-for": "1.2.3.4, pas-une-adresse" }), 1)).toBe("unknown");
  });
});
