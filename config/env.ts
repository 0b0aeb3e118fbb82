import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const APP_ENVS = ["development", "production", "test"] as const;
export type AppEnv = (typeof APP_ENVS)[number];

/** Every check of a setting gives the same sentence, so the message says what is expected. */
const wholeNumber = (min: number, max: number, expected: string) =>
  z.coerce.number({ error: expected }).int({ error: expected }).min(min, { error: expected }).max(max, { error: expected });

const schema = z.object({
  APP_ENV: z.enum(APP_ENVS, { error: "development, production ou test" }).optional(),
  NODE_ENV: z.string().optional(),
  PORT: wholeNumber(1, 65535, "un numéro de port, nombre entier de 1 à 65535").default(3000),
  APP_URL: z.url({ protocol: /^https?$/, error: "une adresse complète en http(s), par exemple https://famille.exemple.fr" }).optional(),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "une URL PostgreSQL, par exemple postgres://utilisateur:motdepasse@hote:5432/recre" })
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  SEED_DEMO: z.enum(["true", "false"], { error: "true ou false" }).optional(),
  AUTH_SECRET: z.string().min(32, { error: "32 caractères au moins (openssl rand -base64 32)" }).optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  EMAIL_FROM: z.string().min(3, { error: "un expéditeur, par exemple « Récré <ne-pas-repondre@exemple.fr> »" }).default("Récré <ne-pas-repondre@recre.test>"),
  RECRE_NOW: z.iso.datetime({ offset: true, error: "un instant ISO 8601 avec son décalage, par exemple 2026-11-25T09:00:00+01:00" }).optional(),
  TRUST_PROXY_HOPS: wholeNumber(0, 10, "le nombre de relais (reverse proxies) devant le serveur, de 0 à 10").default(0),
  STORAGE_DRIVER: z.enum(["local"], { error: "local (fichiers sur le disque du serveur)" }).default("local"),
  FILES_DIR: z.string().min(1).optional(),
  LEGAL_PUBLISHER: z.string().max(500).default("L'exploitant de la plateforme Récré (raison sociale et adresse à renseigner dans LEGAL_PUBLISHER)"),
  LEGAL_HOST: z.string().max(500).default("L'hébergeur de la plateforme (nom, adresse et téléphone à renseigner dans LEGAL_HOST)"),
  LEGAL_CONTACT_EMAIL: z.email({ error: "une adresse e-mail, par exemple contact@recre.fr" }).optional(),
  HEALTH_DATA_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, { error: "une clé de 32 octets en base64 (openssl rand -base64 32)" })
    .optional(),
  HEALTH_DATA_KEYS: z
    .string()
    .refine((v) => v.split(",").every((k) => Buffer.from(k.trim(), "base64").length === 32), { error: "des clés de 32 octets en base64, séparées par des virgules" })
    .optional(),
  ADMISSION_RATE: wholeNumber(0, 100000, "le nombre de nouveaux visiteurs admis par seconde et par serveur avant la file d'attente (0 : pas de file)").default(30),
  PAYMENT_PROVIDER: z.enum(["demo", "none"], { error: "demo (page de démonstration, aucun argent encaissé) ou none (paiement au guichet seulement)" }).optional(),
});

export type Env = Omit<z.infer<typeof schema>, "APP_ENV"> & {
  APP_ENV: AppEnv;
  appUrl: string;
  authSecret: string;
  pgliteDir: string;
  seedDemo: boolean;
  mailTransport: "resend" | "local";
  /** Who takes online payments; null: nobody, families pay at the town hall's counter. */
  paymentProvider: "demo" | null;
};

/** APP_ENV when set; otherwise what NODE_ENV implies, so a bare `next start` (NODE_ENV=production) is production. */
function appEnvFrom(appEnv: AppEnv | undefined, nodeEnv: string | undefined): AppEnv {
  if (appEnv) return appEnv;
  return nodeEnv === "production" ? "production" : nodeEnv === "test" ? "test" : "development";
}

/**
 * The demonstration provider marks a payment paid without taking any money: by default only in
 * development and test. In production only PAYMENT_PROVIDER=demo turns it on (a demo deployment).
 */
function paymentProviderFrom(setting: "demo" | "none" | undefined, appEnv: AppEnv): Env["paymentProvider"] {
  if (setting) return setting === "demo" ? "demo" : null;
  return appEnv === "production" ? null : "demo";
}

/** Reads and checks the settings; throws one French message naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "" && v !== undefined)));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")} : ${i.message}`).join("\n");
    throw new Error(`Configuration invalide (voir .env.example) :\n${lines}`);
  }
  const e = parsed.data;
  const appEnv = appEnvFrom(e.APP_ENV, e.NODE_ENV);
  if (appEnv === "production") {
    const missing = (["APP_URL", "AUTH_SECRET", "RESEND_API_KEY", "DATABASE_URL", "HEALTH_DATA_KEY"] as const).filter((k) => !e[k]);
    if (missing.length) throw new Error(`Configuration invalide : en production, définir ${missing.join(", ")} (voir .env.example)`);
    if (e.RECRE_NOW) throw new Error("Configuration invalide : RECRE_NOW (horloge figée) est interdit en production");
    if (!e.APP_URL!.startsWith("https://")) throw new Error("Configuration invalide : en production, APP_URL doit commencer par https:// (les cookies de session sont toujours Secure)");
  }
  return {
    ...e,
    APP_ENV: appEnv,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    authSecret: e.AUTH_SECRET ?? localSecret(e.DATA_DIR),
    pgliteDir: path.join(e.DATA_DIR, "pglite"),
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === "true" : !e.DATABASE_URL,
    mailTransport: e.RESEND_API_KEY ? "resend" : "local",
    paymentProvider: paymentProviderFrom(e.PAYMENT_PROVIDER, appEnv),
  };
}

/**
 * Development helpers (the local mailbox at /dev/mail): only in development and test, and only
 * while e-mail stays on this machine. Never in production, whatever else is set.
 */
export function devToolsEnabled(e: Env = env()): boolean {
  return (e.APP_ENV === "development" || e.APP_ENV === "test") && e.mailTransport === "local";
}

/**
 * Session cookies are Secure in production whatever the proxy says (X-Forwarded-Proto may be lost):
 * APP_URL is https there. Elsewhere they follow the request, so http://localhost works.
 */
export function secureCookies(e: Env = env()): boolean | undefined {
  return e.APP_ENV === "production" ? true : undefined;
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
  cached ??= parseEnv(process.env);
  return cached;
}
