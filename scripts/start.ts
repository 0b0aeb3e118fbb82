/**
 * `npm start`: builds the app when the sources are newer than the last build, then serves it.
 * The server migrates the database and seeds the demo data on its first start (instrumentation.ts).
 * `--dev` runs the development server instead.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { devToolsEnabled, env } from "../config/env";

const root = path.resolve(__dirname, "..");
const next = path.join(root, "node_modules", ".bin", "next");
const dev = process.argv.includes("--dev");
// The same .env files Next reads (.env.local, .env…; the environment wins), read here too so that
// PORT and the checks below agree with the server we start.
loadEnvConfig(root, dev);
const config = env(); // fails fast, in French, on a bad configuration

function newestSource(dir: string): number {
  if (!existsSync(dir)) return 0;
  const info = statSync(dir);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(
    info.mtimeMs,
    ...readdirSync(dir)
      .filter((name) => name !== "node_modules" && !name.startsWith("."))
      .map((name) => newestSource(path.join(dir, name))),
  );
}

function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const sources = ["app", "server", "db", "emails", "instrumentation.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];
  return Math.max(...sources.map((s) => newestSource(path.join(root, s)))) > statSync(buildId).mtimeMs;
}

if (!dev && buildIsStale()) {
  console.log("Récré : construction de l'application (next build)…");
  const build = spawnSync(next, ["build"], { cwd: root, stdio: "inherit", env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(
  `Récré : ${config.DATABASE_URL ? "PostgreSQL" : `PGlite embarqué (${config.pgliteDir})`} · ${config.appUrl}` +
    (devToolsEnabled(config) ? ` · e-mails : http://localhost:${config.PORT}/dev/mail (depuis cette machine seulement)` : ""),
);
// `next start` sets NODE_ENV=production, from which the server would infer APP_ENV=production:
// hand it the APP_ENV resolved here (development unless APP_ENV or NODE_ENV says otherwise).
const server = spawn(next, [dev ? "dev" : "start", "--port", String(config.PORT)], {
  cwd: root,
  stdio: "inherit",
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, APP_ENV: config.APP_ENV },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
