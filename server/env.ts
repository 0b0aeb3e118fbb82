import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  APP_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url().optional(),
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  SEED_DEMO: z.enum(["true", "false"]).optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  EMAIL_FROM: z.string().min(3).default("Récré <ne-pas-repondre@recre.test>"),
  RECRE_NOW: z.iso.datetime({ offset: true }).optional(),
});

export type Env = z.infer<typeof schema> & {
  appUrl: string;
  authSecret: string;
  pgliteDir: string;
  seedDemo: boolean;
  mailTransport: "resend" | "local";
};

function load(): Env {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Configuration invalide (voir .env.example) :\n${lines}`);
  }
  const e = parsed.data;
  if (e.APP_ENV === "production") {
    const missing = (["APP_URL", "AUTH_SECRET", "RESEND_API_KEY", "DATABASE_URL"] as const).filter((k) => !e[k]);
    if (missing.length) throw new Error(`Configuration invalide : en production, définir ${missing.join(", ")}`);
    if (e.RECRE_NOW) throw new Error("Configuration invalide : RECRE_NOW (horloge figée) est interdit en production");
  }
  return {
    ...e,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    authSecret: e.AUTH_SECRET ?? localSecret(e.DATA_DIR),
    pgliteDir: path.join(e.DATA_DIR, "pglite"),
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === "true" : !e.DATABASE_URL,
    mailTransport: e.RESEND_API_KEY ? "resend" : "local",
  };
}

/** Outside production a fresh clone needs no setup: a random secret is kept in the data folder. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= load();
  return cached;
}
