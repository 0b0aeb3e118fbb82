import { isIP } from "node:net";
import { env } from "@/config/env";
import { stampedPeer } from "./peer-address";

/**
 * The caller's address, for per-IP throttling, as far as it can be trusted.
 *
 * - 0 trusted hops (TRUST_PROXY_HOPS, the default: clients connect to Next directly): every
 *   forwarding header is the client's own word, so we ignore them and use the TCP peer stamped by
 *   the server (see peer-address.ts).
 * - N trusted hops: each trusted proxy appends the address it received the request from, so the
 *   Nth entry from the right of X-Forwarded-For was written by our outermost proxy; anything to
 *   its left was sent by the client and is ignored. With fewer entries, the leftmost is the
 *   furthest address a proxy of ours saw.
 *
 * Without a trustworthy address every such caller shares the "unknown" bucket.
 */
export function clientIp(headers: Headers, trustedHops: number = env().TRUST_PROXY_HOPS): string {
  if (trustedHops === 0) return normalize(stampedPeer(headers));
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return normalize(stampedPeer(headers));
  return normalize(chain[Math.max(0, chain.length - trustedHops)]);
}

/** One spelling per address: no port, no IPv4-mapped IPv6 prefix; anything else is "unknown". */
function normalize(raw: string | null | undefined): string {
  let address = (raw ?? "").trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (address.toLowerCase().startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address.toLowerCase() : "unknown";
}

const isLoopbackAddress = (address: string) => address === "::1" || /^127\.\d+\.\d+\.\d+$/.test(address);

/**
 * True only for a client on this very machine: the TCP peer (stamped by the server, not a header)
 * is a loopback address, and so is every address a proxy may have forwarded, whatever
 * TRUST_PROXY_HOPS says. A reverse proxy on this machine forwarding a remote client is not local.
 */
export function isLoopbackClient(headers: Headers): boolean {
  const peer = normalize(stampedPeer(headers));
  if (!isLoopbackAddress(peer)) return false;
  const forwarded = [
    ...(headers.get("x-forwarded-for") ?? "").split(","),
    headers.get("x-real-ip") ?? "",
    ...[...(headers.get("forwarded") ?? "").matchAll(/for="?([^";,]+)/gi)].map((m) => m[1]!),
  ]
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded.every((entry) => isLoopbackAddress(normalize(entry)));
}
