import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env, type Env } from "@/config/env";

/**
 * Children's health data at rest: AES-256-GCM (authenticated), under HEALTH_DATA_KEY. Each value is
 * one self-describing text, `h1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), so a key rotation can
 * read old values with a former key (HEALTH_DATA_KEYS) while new ones are written with the current
 * key; `scripts/rotate-health-key.ts` re-encrypts the rest. The context (commune and row) is bound as
 * associated data: a value copied onto another child's row does not decrypt.
 */

const PREFIX = "h1";

interface Keyring {
  current: { id: string; key: Buffer };
  byId: Map<string, Buffer>;
}

/** A short, stable name for a key (not a secret: the first bytes of its hash). */
export const keyIdOf = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 8);

/**
 * Outside production, a fixed key derived from a public label: the embedded demo and the tests work
 * on a fresh clone, and anyone can decrypt them — which is why production refuses to start without a key.
 */
const demoKey = () => Buffer.from(hkdfSync("sha256", "recre-demo-health-data", "recre", "health-data-key", 32));

export function keyringFrom(e: Pick<Env, "HEALTH_DATA_KEY" | "HEALTH_DATA_KEYS" | "APP_ENV">): Keyring {
  if (!e.HEALTH_DATA_KEY && e.APP_ENV === "production") throw new Error("HEALTH_DATA_KEY manquant : les données de santé ne peuvent pas être chiffrées");
  const current = e.HEALTH_DATA_KEY ? Buffer.from(e.HEALTH_DATA_KEY, "base64") : demoKey();
  const former = (e.HEALTH_DATA_KEYS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => Buffer.from(k, "base64"));
  // Outside production the demo key still reads what the demo wrote before a real key was set.
  const readers = e.APP_ENV === "production" ? [current, ...former] : [current, ...former, demoKey()];
  const byId = new Map(readers.map((key) => [keyIdOf(key), key] as const));
  return { current: { id: keyIdOf(current), key: current }, byId };
}

let cached: Keyring | undefined;
const keyring = () => (cached ??= keyringFrom(env()));
/** Tests and the rotation script change the keys at run time. */
export function resetHealthKeyring(ring?: Keyring) {
  cached = ring;
}

/** Encrypts `plain` for `context` (e.g. `tenantId:child:childId`) with the current key. */
export function sealHealth(plain: string, context: string, ring: Keyring = keyring()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [PREFIX, ring.current.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function isSealed(value: string | null | undefined): value is string {
  return typeof value === "string" && value.startsWith(`${PREFIX}.`);
}

/** The key id a sealed value was written with (the rotation script re-encrypts those not current). */
export const sealedKeyId = (value: string) => value.split(".")[1] ?? "";
export const currentHealthKeyId = (ring: Keyring = keyring()) => ring.current.id;

/** Decrypts a value sealed for this same context; throws when the key is unknown or the value was altered. */
export function openHealth(sealed: string, context: string, ring: Keyring = keyring()): string {
  const [prefix, keyId, iv, tag, body] = sealed.split(".");
  if (prefix !== PREFIX || !keyId || iv === undefined || tag === undefined || body === undefined) throw new Error("donnée de santé illisible (format)");
  const key = ring.byId.get(keyId);
  if (!key) throw new Error(`donnée de santé chiffrée avec une clé inconnue (${keyId}) : ajoutez l'ancienne clé à HEALTH_DATA_KEYS`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export const sealJson = (value: unknown, context: string, ring?: Keyring) => sealHealth(JSON.stringify(value), context, ring);
export const openJson = <T>(sealed: string, context: string, ring?: Keyring): T => JSON.parse(openHealth(sealed, context, ring)) as T;
