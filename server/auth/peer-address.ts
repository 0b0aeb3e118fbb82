import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";

/**
 * The TCP peer of each request, stamped by the server itself.
 *
 * Next.js does not expose the socket to route handlers, server actions or components, and it
 * fills `X-Forwarded-For` with the peer address only when the request has none (base-server.js:
 * `req.headers['x-forwarded-for'] ??= socket.remoteAddress`): a client that sends its own header
 * keeps it, so that header cannot tell a real address from a made-up one. We therefore stamp the
 * peer on every request as it leaves the socket, before Next reads it, with a per-process token
 * a client cannot know: a request that arrives without a valid stamp has no trusted peer.
 */
export const PEER_HEADER = "x-recre-peer";

const store = globalThis as typeof globalThis & { [key: symbol]: string | undefined };
const TOKEN = Symbol.for("recre.peer-stamp-token");

/** Wraps the HTTP(S) servers' `emit` once per process (instrumentation.ts calls it at start-up). */
export function stampPeerAddresses(): void {
  if (store[TOKEN]) return;
  const token = randomBytes(16).toString("hex");
  store[TOKEN] = token;
  // https.Server does not inherit from http.Server (`next start --experimental-https`): both.
  for (const server of [http.Server, https.Server]) {
    const emit = server.prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    server.prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        req.headers[PEER_HEADER] = `${token} ${req.socket?.remoteAddress ?? ""}`;
      }
      return emit.call(this, event, ...args);
    };
  }
}

/** The stamped peer address, or null when the stamp is missing or forged. */
export function stampedPeer(headers: Headers): string | null {
  const token = store[TOKEN];
  const [value, address] = (headers.get(PEER_HEADER) ?? "").split(" ");
  return token && value === token && address ? address : null;
}
