/**
 * What the HTTP benches share: a fresh PostgreSQL database, the built server started on it with the
 * demo data, and the demo parent's session cookie.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { encode } from "next-auth/jwt";
import postgres from "postgres";

export const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const benchSecret = "bench-secret-bench-secret-bench-secret-42";

export function databaseUrlFor(database: string) {
  return `${adminUrl.replace(/\/[^/]*$/, "")}/${database}`;
}

export async function freshDatabase(database: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.unsafe(`create database ${database}`);
  await admin.end();
}

/** `next start` on the database with the demo data (run `npm run build` first). */
export async function startServer(options: { port: number; databaseUrl: string; env?: Record<string, string> }): Promise<ChildProcess> {
  const next = path.join(process.cwd(), "node_modules", ".bin", "next");
  // BENCH_CPU_PROF=<folder>: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const server = spawn(process.execPath, [...profile, next, "start", "--port", String(options.port)], {
    // `next start` alone would mean APP_ENV=production (real e-mail, public URL required): a bench is not.
    env: {
      ...process.env,
      APP_ENV: "development",
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: benchSecret,
      SEED_DEMO: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://localhost:${options.port}`;
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("le serveur ne démarre pas (npm run build fait ?)");
}

/** The demo parent's session cookie and Sarah's id (Jolieville). */
export async function parentSession(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [user] = await sql`select id, session_version from users where email = 'parent@recre.test'`;
  const [child] = await sql`select c.id from children c join tenants t on t.id = c.tenant_id where t.slug = 'jolieville' and c.first_name = 'Sarah'`;
  await sql.end();
  const uid = user!.id as string;
  const token = await encode({ token: { sub: uid, uid, sv: user!.session_version as number, sid: `bench-${uid}`, isOperator: false, name: "Parent" }, secret: benchSecret, salt: "authjs.session-token" });
  return { cookie: `authjs.session-token=${token}`, childId: child!.id as string };
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
