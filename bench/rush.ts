/**
 * The Wednesday rush: N parents book the same limited days at once through the HTTP API.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/recre_bench npx tsx bench/rush.ts [parents] [concurrency]
 *
 * Starts `next start` on that database (run `npm run build` first), or uses BASE_URL if given (the
 * server must then share the database and AUTH_SECRET). Prints bookings/s, latency percentiles,
 * the overbooked count (must be 0) and, measured in the same run, PostgreSQL's own single-row
 * insert rate at the same concurrency, so the ratio can be quoted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { openDatabase } from "../db/client";
import { runMigrations } from "../db/migrate";

const parents = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 100);
const capacity = 30;
const days = ["2027-09-08", "2027-09-15", "2027-09-22"];
const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const secret = process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-42";
const port = 3300;
const baseUrl = process.env.BASE_URL ?? `http://localhost:${port}`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** One commune with N families, each with one child enrolled in a limited Wednesday club. */
async function setUp(sql: postgres.Sql) {
  const slug = `rush-${Date.now()}`;
  const [tenant] = await sql`insert into tenants (slug, name, holiday_zone) values (${slug}, 'Rushville', 'B') returning id`;
  const tenantId = tenant!.id as string;
  const [year] = await sql`insert into school_years (tenant_id, label, start_date, end_date) values (${tenantId}, '2027-2028', '2027-09-01', '2028-07-07') returning id`;
  const [site] = await sql`insert into sites (tenant_id, name) values (${tenantId}, 'Accueil de loisirs') returning id`;
  const rule = { kind: "days_before", days: 1, time: "10:00", counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true };
  const [activity] = await sql`insert into activities (tenant_id, site_id, school_year_id, service, name, unit, weekdays, capacity, booking_rule)
    values (${tenantId}, ${site!.id}, ${year!.id}, 'mercredi', 'Mercredi', 'day', '{3}', ${capacity}, ${sql.json(rule)}) returning id`;
  const families = Array.from({ length: parents }, (_, i) => ({ i, userId: randomUUID(), householdId: randomUUID(), childId: randomUUID() }));
  for (let start = 0; start < families.length; start += 500) {
    const chunk = families.slice(start, start + 500);
    await sql`insert into users ${sql(chunk.map((f) => ({ id: f.userId, email: `${slug}-${f.i}@bench.test`, name: `Parent ${f.i}` })))}`;
    await sql`insert into households ${sql(chunk.map((f) => ({ tenant_id: tenantId, id: f.householdId, reference: `R-${f.i}`, name: `Famille ${f.i}` })))}`;
    await sql`insert into guardians ${sql(chunk.map((f) => ({ tenant_id: tenantId, household_id: f.householdId, user_id: f.userId, first_name: "Parent", last_name: `${f.i}` })))}`;
    await sql`insert into children ${sql(chunk.map((f) => ({ tenant_id: tenantId, id: f.childId, household_id: f.householdId, first_name: `Enfant${f.i}`, last_name: "Rush", birth_date: "2018-01-01" })))}`;
    await sql`insert into enrolments ${sql(chunk.map((f) => ({ tenant_id: tenantId, child_id: f.childId, activity_id: activity!.id, status: "accepted" })))}`;
  }
  return { slug, tenantId, activityId: activity!.id as string, families };
}

async function startServer(): Promise<ChildProcess | null> {
  if (process.env.BASE_URL) return null;
  const next = path.join(process.cwd(), "node_modules", ".bin", "next");
  const server = spawn(next, ["start", "--port", String(port)], {
    // `next start` alone would mean APP_ENV=production (real e-mail, public URL required): a bench is not.
    env: { APP_ENV: "development", ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: secret, NEXT_TELEMETRY_DISABLED: "1", SEED_DEMO: "false" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return server;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("le serveur ne démarre pas (npm run build fait ?)");
}

/** PostgreSQL's own rate for single-row inserts, one transaction each, at the same concurrency. */
async function postgresInsertRate(sql: postgres.Sql, count: number) {
  // A plain table (a temporary one would exist on one pooled connection only).
  await sql`drop table if exists bench_insert`;
  await sql`create table bench_insert (id bigserial primary key, child uuid, day date, at timestamptz default now())`;
  const rows = Array.from({ length: count }, () => randomUUID());
  const started = performance.now();
  await pool(rows, concurrency, async (child) => {
    await sql`insert into bench_insert (child, day) values (${child}, '2027-09-08')`;
  });
  const rate = count / ((performance.now() - started) / 1000);
  await sql`drop table bench_insert`;
  return rate;
}

async function main() {
  if (!databaseUrl) throw new Error("BENCH_DATABASE_URL (PostgreSQL) est requis");
  const handle = openDatabase({ url: databaseUrl, maxConnections: 2 });
  await runMigrations(handle);
  await handle.close();
  // PostgreSQL allows 100 connections by default and the server holds some: stay well below.
  const sql = postgres(databaseUrl, { max: Math.min(concurrency, 50), onnotice: () => {} });
  const { slug, tenantId, activityId, families } = await setUp(sql);
  const server = await startServer();
  try {
    const cookies = await Promise.all(
      families.map(async (f) => {
        const token = await encode({ token: { sub: f.userId, uid: f.userId, sv: 0, sid: `rush-${f.userId}`, isOperator: false, name: `Parent ${f.i}` }, secret, salt: "authjs.session-token" });
        return `authjs.session-token=${token}`;
      }),
    );
    const latencies: number[] = [];
    let failures = 0;
    const progress = setInterval(() => console.error(`… ${latencies.length} done, ${failures} failed`), 5000);
    const started = performance.now();
    await pool(
      families.map((f, i) => ({ f, cookie: cookies[i]! })),
      concurrency,
      async ({ f, cookie }) => {
        const t0 = performance.now();
        const res = await fetch(`${baseUrl}/api/trpc/reservations.applyChanges`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie, "x-recre-commune": slug },
          body: JSON.stringify({ json: { changes: days.map((date) => ({ childId: f.childId, activityId, date, action: "waitlist" })) } }),
        });
        await res.text();
        latencies.push(performance.now() - t0);
        if (!res.ok) failures++;
      },
    );
    clearInterval(progress);
    const seconds = (performance.now() - started) / 1000;
    const counts = await sql`select date::text as day, count(*) filter (where status = 'confirmed')::int as confirmed,
        count(*) filter (where status = 'waitlisted')::int as waitlisted
      from bookings where tenant_id = ${tenantId} group by date order by date`;
    const overbooked = counts.reduce((sum, c) => sum + Math.max(0, (c.confirmed as number) - capacity), 0);
    const written = counts.reduce((sum, c) => sum + (c.confirmed as number) + (c.waitlisted as number), 0);
    latencies.sort((a, b) => a - b);
    const insertRate = await postgresInsertRate(sql, parents * days.length);
    const bookingRate = written / seconds;
    console.log(`parents: ${parents}, concurrency: ${concurrency}, days: ${days.length} × ${capacity} places`);
    console.log(`requests: ${parents} in ${seconds.toFixed(2)} s (${(parents / seconds).toFixed(1)} req/s), failed: ${failures}`);
    console.log(`bookings written: ${written} (${bookingRate.toFixed(0)} bookings/s)`);
    console.log(`latency ms: p50 ${percentile(latencies, 50).toFixed(0)}, p95 ${percentile(latencies, 95).toFixed(0)}, p99 ${percentile(latencies, 99).toFixed(0)}`);
    console.log(`per day: ${counts.map((c) => `${c.day} ${c.confirmed} confirmed / ${c.waitlisted} waiting`).join("; ")}`);
    console.log(`overbooked: ${overbooked}`);
    console.log(`PostgreSQL single-row inserts: ${insertRate.toFixed(0)}/s → bookings/s is ${((bookingRate / insertRate) * 100).toFixed(1)} % of it`);
    if (overbooked > 0 || failures > 0) process.exitCode = 1;
  } finally {
    server?.kill("SIGTERM");
    await sql.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
