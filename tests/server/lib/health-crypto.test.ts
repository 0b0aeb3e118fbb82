import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSealed, keyIdOf, keyringFrom, openHealth, sealHealth, sealedKeyId } from "@/server/lib/health-crypto";

const key = () => randomBytes(32).toString("base64");

describe("health data encryption", () => {
  it("seals with AES-256-GCM under the current key and opens only for the same context", () => {
    const ring = keyringFrom({ APP_ENV: "test", HEALTH_DATA_KEY: key() });
    const sealed = sealHealth("Arachide (sévère)", "t1:child:c1", ring);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain("Arachide");
    expect(sealedKeyId(sealed)).toBe(ring.current.id);
    expect(openHealth(sealed, "t1:child:c1", ring)).toBe("Arachide (sévère)");
    // Copied onto another child's row, it does not open.
    expect(() => openHealth(sealed, "t1:child:c2", ring)).toThrow();
    // Nor once altered.
    const parts = sealed.split(".");
    parts[4] = Buffer.from("autre chose").toString("base64url");
    expect(() => openHealth(parts.join("."), "t1:child:c1", ring)).toThrow();
  });

  it("reads values of a former key listed in HEALTH_DATA_KEYS, and writes with the new one", () => {
    const [oldKey, newKey] = [key(), key()];
    const before = keyringFrom({ APP_ENV: "production", HEALTH_DATA_KEY: oldKey });
    const sealed = sealHealth("Lactose", "ctx", before);
    const after = keyringFrom({ APP_ENV: "production", HEALTH_DATA_KEY: newKey, HEALTH_DATA_KEYS: oldKey });
    expect(openHealth(sealed, "ctx", after)).toBe("Lactose");
    expect(sealedKeyId(sealHealth("Lactose", "ctx", after))).toBe(keyIdOf(Buffer.from(newKey, "base64")));
    const forgotten = keyringFrom({ APP_ENV: "production", HEALTH_DATA_KEY: newKey });
    expect(() => openHealth(sealed, "ctx", forgotten)).toThrow(/HEALTH_DATA_KEYS/);
  });

  it("refuses to run in production without a key, and never trusts the demo key there", () => {
    expect(() => keyringFrom({ APP_ENV: "production" })).toThrow(/HEALTH_DATA_KEY/);
    const demo = keyringFrom({ APP_ENV: "development" });
    const sealed = sealHealth("Kiwi", "ctx", demo);
    expect(() => openHealth(sealed, "ctx", keyringFrom({ APP_ENV: "production", HEALTH_DATA_KEY: key() }))).toThrow();
  });
});
