import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { devToolsEnabled, parseEnv, secureCookies } from "@/config/env";

const dataDir = mkdtempSync(path.join(tmpdir(), "recre-env-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A complete production configuration; each test breaks one thing. */
const production = {
  APP_ENV: "production",
  APP_URL: "https://famille.jolieville.fr",
  AUTH_SECRET: "a".repeat(32),
  RESEND_API_KEY: "re_123",
  DATABASE_URL: "postgres://recre:secret@db.internal:5432/recre",
  HEALTH_DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
  DATA_DIR: dataDir,
};

const failure = (source: Record<string, string | undefined>) => {
  try {
    parseEnv(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
};

describe("an empty environment", () => {
  it("is a working local setup: port 3000, embedded database, demo data, local mailbox", () => {
    const e = parseEnv({ DATA_DIR: dataDir });
    expect(e).toMatchObject({ APP_ENV: "development", PORT: 3000, appUrl: "http://localhost:3000", seedDemo: true, mailTransport: "local", TRUST_PROXY_HOPS: 0 });
    expect(e.authSecret.length).toBeGreaterThanOrEqual(32);
    // The generated secret is kept, so sessions survive a restart.
    expect(parseEnv({ DATA_DIR: dataDir }).authSecret).toBe(e.authSecret);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATA_DIR: dataDir, PORT: "", APP_URL: "", DATABASE_URL: "" })).toMatchObject({ PORT: 3000, seedDemo: true });
  });
});

describe("bad values", () => {
  it.each([
    ["PORT", "abc", "PORT : un numéro de port, nombre entier de 1 à 65535"],
    ["PORT", "70000", "PORT : un numéro de port"],
    ["PORT", "80.5", "PORT : un numéro de port"],
    ["APP_URL", "famille.jolieville.fr", "APP_URL : une adresse complète en http(s)"],
    ["APP_URL", "ftp://famille.jolieville.fr", "APP_URL : une adresse complète en http(s)"],
    ["DATABASE_URL", "mysql://localhost/recre", "DATABASE_URL : une URL PostgreSQL"],
    ["AUTH_SECRET", "court", "AUTH_SECRET : 32 caractères au moins"],
    ["RECRE_NOW", "2026-11-25", "RECRE_NOW : un instant ISO 8601 avec son décalage"],
    ["TRUST_PROXY_HOPS", "-1", "TRUST_PROXY_HOPS : le nombre de relais"],
    ["TRUST_PROXY_HOPS", "oui", "TRUST_PROXY_HOPS : le nombre de relais"],
    ["APP_ENV", "staging", "APP_ENV : development, production ou test"],
    ["SEED_DEMO", "yes", "SEED_DEMO : true ou false"],
  ])("%s=%s is refused, naming the variable and what it expects", (name, value, expected) => {
    const message = failure({ DATA_DIR: dataDir, [name]: value });
    expect(message).toMatch(/^Configuration invalide \(voir \.env\.example\) :/);
    expect(message).toContain(expected);
  });

  it("lists every bad variable at once", () => {
    const message = failure({ DATA_DIR: dataDir, PORT: "0", APP_URL: "nulle-part" });
    expect(message).toContain("PORT :");
    expect(message).toContain("APP_URL :");
  });

  it("accepts postgresql:// URLs and a proxy count", () => {
    expect(parseEnv({ DATA_DIR: dataDir, DATABASE_URL: "postgresql://u@h/db", TRUST_PROXY_HOPS: "2" })).toMatchObject({ TRUST_PROXY_HOPS: 2, seedDemo: false });
  });
});

describe("production", () => {
  it("accepts a complete configuration", () => {
    expect(parseEnv(production)).toMatchObject({ APP_ENV: "production", appUrl: "https://famille.jolieville.fr", mailTransport: "resend", seedDemo: false });
  });

  it.each(["APP_URL", "AUTH_SECRET", "RESEND_API_KEY", "DATABASE_URL", "HEALTH_DATA_KEY"])("requires %s", (name) => {
    expect(failure({ ...production, [name]: undefined })).toBe(`Configuration invalide : en production, définir ${name} (voir .env.example)`);
  });

  it("refuses a pinned clock", () => {
    expect(failure({ ...production, RECRE_NOW: "2026-11-25T09:00:00+01:00" })).toMatch(/RECRE_NOW .* interdit en production/);
  });

  it("is what NODE_ENV=production means when APP_ENV is unset (a bare `next start`)", () => {
    expect(parseEnv({ ...production, APP_ENV: undefined, NODE_ENV: "production" }).APP_ENV).toBe("production");
    expect(failure({ DATA_DIR: dataDir, NODE_ENV: "production" })).toMatch(/en production, définir APP_URL, AUTH_SECRET, RESEND_API_KEY, DATABASE_URL, HEALTH_DATA_KEY/);
  });

  it("gives way to an explicit APP_ENV, as the browser tests do with `next start`", () => {
    expect(parseEnv({ DATA_DIR: dataDir, NODE_ENV: "production", APP_ENV: "test" }).APP_ENV).toBe("test");
    expect(parseEnv({ DATA_DIR: dataDir, NODE_ENV: "test" }).APP_ENV).toBe("test");
    expect(parseEnv({ DATA_DIR: dataDir, NODE_ENV: "development" }).APP_ENV).toBe("development");
  });
});

describe("the local mailbox (/dev/mail)", () => {
  const local = (source: Record<string, string | undefined>) => devToolsEnabled(parseEnv({ DATA_DIR: dataDir, ...source }));

  it("is available in development and test while e-mail stays local", () => {
    expect(local({})).toBe(true);
    expect(local({ APP_ENV: "test", NODE_ENV: "production" })).toBe(true);
  });

  it("is gone in production, and once real e-mail is configured", () => {
    expect(devToolsEnabled({ ...parseEnv(production), mailTransport: "local" })).toBe(false);
    expect(local({ RESEND_API_KEY: "re_123" })).toBe(false);
  });
});

describe("the online payment provider (PAYMENT_PROVIDER)", () => {
  const provider = (source: Record<string, string | undefined>) => parseEnv({ DATA_DIR: dataDir, ...source }).paymentProvider;

  it("is the demonstration page in development and test, which marks payments paid without money", () => {
    expect(provider({})).toBe("demo");
    expect(provider({ APP_ENV: "test", NODE_ENV: "production" })).toBe("demo");
    expect(provider({ PAYMENT_PROVIDER: "none" })).toBeNull();
  });

  it("is none in production unless the demonstration page is asked for by name", () => {
    expect(parseEnv(production).paymentProvider).toBeNull();
    expect(parseEnv({ ...production, APP_ENV: undefined, NODE_ENV: "production" }).paymentProvider).toBeNull();
    expect(parseEnv({ ...production, PAYMENT_PROVIDER: "demo" }).paymentProvider).toBe("demo");
  });

  it("refuses any other value, saying which ones exist", () => {
    expect(failure({ DATA_DIR: dataDir, PAYMENT_PROVIDER: "stripe" })).toMatch(/PAYMENT_PROVIDER : demo \(page de démonstration, aucun argent encaissé\) ou none/);
  });
});

describe(".env.example", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const example = readFileSync(path.join(root, ".env.example"), "utf8");

  /** Every variable the code and scripts read: each process.env access, CI's exports, and the keys of the settings schema. */
  function variablesRead(): string[] {
    const files = execFileSync("git", ["ls-files", "*.ts", "*.tsx", "*.mts", "*.mjs", ".ci/run"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);
    const names = new Set<string>();
    for (const file of files) {
      const source = readFileSync(path.join(root, file), "utf8");
      for (const match of source.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) names.add(match[1]!);
      for (const match of source.matchAll(/^export ([A-Z][A-Z0-9_]*)=/gm)) names.add(match[1]!);
    }
    const settings = readFileSync(path.join(root, "config/env.ts"), "utf8");
    const schemaBody = settings.slice(settings.indexOf("z.object({"), settings.indexOf("});", settings.indexOf("z.object({")));
    for (const match of schemaBody.matchAll(/^\s{2}([A-Z][A-Z0-9_]*):/gm)) names.add(match[1]!);
    return [...names].sort();
  }

  it("names every variable the code reads, each under a comment", () => {
    const read = variablesRead();
    expect(read).toEqual(expect.arrayContaining(["APP_ENV", "BENCH_DATABASE_URL", "CHROMIUM_PATH", "E2E_BASE_URL", "TRUST_PROXY_HOPS"]));
    const lines = example.split("\n");
    const undocumented = read.filter((name) => {
      const at = lines.findIndex((line) => new RegExp(`^#? ?${name}=`).test(line));
      if (at === -1) return !new RegExp(`\\b${name}\\b`).test(lines.filter((l) => l.startsWith("#")).join("\n"));
      return !lines[at - 1]?.startsWith("#");
    });
    expect(undocumented).toEqual([]);
  });

  it("holds values the settings accept", () => {
    const values = Object.fromEntries(
      example
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1).replace(/^"(.*)"$/, "$1")]),
    );
    expect(parseEnv({ ...values, DATA_DIR: dataDir })).toMatchObject({ APP_ENV: "development", PORT: 3000, TRUST_PROXY_HOPS: 0 });
  });
});

// Finding 10 of issue #12: behind a TLS proxy the cookie was Secure only if X-Forwarded-Proto arrived.
describe("cookies and APP_URL in production", () => {
  it("refuses an http APP_URL", () => {
    expect(failure({ ...production, APP_URL: "http://famille.jolieville.fr" })).toContain("APP_URL doit commencer par https://");
  });

  it("makes session cookies Secure whatever the request says; elsewhere they follow the request", () => {
    expect(secureCookies(parseEnv(production))).toBe(true);
    expect(secureCookies(parseEnv({ DATA_DIR: dataDir }))).toBeUndefined();
  });
});
