import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackClient } from "@/server/auth/client-ip";
import { PEER_HEADER, stampPeerAddresses } from "@/server/auth/peer-address";
import { createCaller } from "@/server/root";
import { createInnerContext } from "@/server/trpc";
import { loadDemo } from "../../fixtures/demo";

// Finding 1 of issue #12: the local mailbox let anyone read a magic link sent to an admin.
beforeAll(loadDemo);

describe("the local mailbox procedures", () => {
  it("answer a client on this machine", async () => {
    const local = createCaller(createInnerContext({ ip: "127.0.0.1", loopback: true }));
    await expect(local.dev.mailbox()).resolves.toBeInstanceOf(Array);
  });

  it("are not found for anyone else, signed in or not", async () => {
    const remote = createCaller(createInnerContext({ ip: "203.0.113.7" }));
    await expect(remote.dev.mailbox()).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(remote.dev.mail({ id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("isLoopbackClient, behind a real HTTP server", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    stampPeerAddresses();
    server = http.createServer((req, res) => {
      const h = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") h.set(name, value);
      res.end(String(isLoopbackClient(h)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const ask = async (headers: Record<string, string> = {}) => (await (await fetch(url, { headers })).text()) === "true";

  it("is true for a browser on this machine", async () => {
    expect(await ask()).toBe(true);
    expect(await ask({ "x-forwarded-for": "127.0.0.1" })).toBe(true);
  });

  it("is false for a remote client forwarded by a reverse proxy on this machine", async () => {
    expect(await ask({ "x-forwarded-for": "203.0.113.7" })).toBe(false);
    expect(await ask({ "x-forwarded-for": "203.0.113.7, 127.0.0.1" })).toBe(false);
    expect(await ask({ "x-real-ip": "203.0.113.7" })).toBe(false);
    expect(await ask({ forwarded: "for=203.0.113.7;proto=https" })).toBe(false);
  });

  it("is false without the server's own stamp of the TCP peer", () => {
    expect(isLoopbackClient(new Headers({ [PEER_HEADER]: "forged 127.0.0.1" }))).toBe(false);
    expect(isLoopbackClient(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe(false);
  });
});
