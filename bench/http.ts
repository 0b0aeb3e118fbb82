/**
 * The opening rush, side by side with the framework's own ceiling, in one run:
 *
 *   npm run build
 *   npx tsx bench/http.ts [seconds per measure, default 10]
 *
 * Creates a fresh PostgreSQL database (BENCH_ADMIN_URL, default the machine's `postgres`), starts
 * `next start` on it with the demo data, and measures with autocannon:
 *   1. `/api/health` (a Next route + `select 1`), 50 connections: the ceiling;
 *   2. `reservations.planning` for one child and one month, 200 then 50 connections;
 *   3. the `/{commune}/planning` page HTML, 50 connections;
 *   4. the booking rush (`bench/rush.ts 2000 100` against the same server).
 * Each figure is printed with its ratio to the ceiling measured minutes before.
 */
import { execSync, spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { benchSecret as secret, databaseUrlFor, freshDatabase, parentSession, startServer } from "./server";

const seconds = Number(process.argv[2] ?? 10);
const database = process.env.BENCH_DATABASE ?? "recre_http_bench";
const databaseUrl = databaseUrlFor(database);
const port = Number(process.env.BENCH_PORT ?? 3301);
const baseUrl = `http://localhost:${port}`;

interface Measure {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  errors: number;
}

async function measure(name: string, url: string, connections: number, headers: Record<string, string> = {}): Promise<Measure> {
  // A loaded machine answers slowly: a request counts as failed after 30 s, not autocannon's 10.
  const result = await autocannon({ url, connections, duration: seconds, headers, timeout: 30 });
  // The requests still queued in the server when autocannon stops would slow the next measure: one
  // more request waits behind them, then a pause.
  await fetch(url, { headers }).then((r) => r.text());
  await new Promise((r) => setTimeout(r, 1000));
  const failed = result.errors + result.timeouts + result.non2xx;
  return {
    name,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: failed,
  };
}

function monthRange(now = new Date()) {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(new Date(Date.UTC(y, m, 1))), to: iso(new Date(Date.UTC(y, m + 1, 0))) };
}

function rushFigures() {
  const run = spawnSync("npx", ["tsx", "bench/rush.ts", "2000", "100"], {
    env: { ...process.env, BASE_URL: baseUrl, BENCH_DATABASE_URL: databaseUrl, AUTH_SECRET: secret },
    encoding: "utf8",
  });
  process.stdout.write(run.stdout);
  const rps = Number(/\(([\d.]+) req\/s\)/.exec(run.stdout)?.[1] ?? NaN);
  const p99 = Number(/p99 (\d+)/.exec(run.stdout)?.[1] ?? NaN);
  const failed = Number(/failed: (\d+)/.exec(run.stdout)?.[1] ?? NaN);
  const overbooked = Number(/overbooked: (\d+)/.exec(run.stdout)?.[1] ?? NaN);
  return { rps, p99, failed, overbooked };
}

const pct = (value: number, ceiling: number) => `${((value / ceiling) * 100).toFixed(1)} %`;

async function main() {
  await freshDatabase(database);
  // The waiting room off: these are the server's own figures.
  const server = await startServer({ port, databaseUrl, env: { ADMISSION_RATE: "0" } });
  try {
    const { cookie, childId } = await parentSession(databaseUrl);
    const headers = { cookie, "x-recre-commune": "jolieville" };
    const input = encodeURIComponent(JSON.stringify({ json: { childId, ...monthRange() } }));
    const planningUrl = `${baseUrl}/api/trpc/reservations.planning?input=${input}`;
    const probe = await fetch(planningUrl, { headers });
    if (!probe.ok) throw new Error(`planning: HTTP ${probe.status} ${await probe.text()}`);
    // Warm the routes (compilation caches, connection pool) before measuring.
    await autocannon({ url: `${baseUrl}/jolieville/planning`, connections: 10, amount: 50, headers });
    await autocannon({ url: planningUrl, connections: 10, amount: 200, headers });

    // The ceiling is measured before and after every other measure, and each is compared with the
    // mean of the two around it: on a machine shared with other work, the load drifts within a run.
    const health = () => measure("/api/health", `${baseUrl}/api/health`, 50);
    const ceilings = [await health()];
    const rows: { row: Measure; ceiling: number }[] = [];
    for (const [name, url, connections, h] of [
      ["reservations.planning", planningUrl, 200, headers],
      ["reservations.planning", planningUrl, 50, headers],
      ["/jolieville/planning (HTML)", `${baseUrl}/jolieville/planning`, 50, headers],
    ] as const) {
      const row = await measure(name, url, connections, h);
      ceilings.push(await health());
      rows.push({ row, ceiling: (ceilings.at(-2)!.rps + ceilings.at(-1)!.rps) / 2 });
    }
    const rush = rushFigures();
    const afterRush = await health();
    const rushCeiling = (ceilings.at(-1)!.rps + afterRush.rps) / 2;
    const commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
    console.log(`\n${new Date().toISOString()} · commit ${commit} · ${seconds} s per measure · load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
    console.log(`/api/health, 50 connections, measured around each figure: ${[...ceilings, afterRush].map((c) => c.rps.toFixed(0)).join(", ")} req/s (p99 ${[...ceilings, afterRush].map((c) => c.p99).join(", ")} ms)\n`);
    console.log("| measure | connections | req/s | ratio to /api/health around it | p50 ms | p90 ms | p97.5 ms | p99 ms | errors |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const { row: r, ceiling } of rows) {
      console.log(`| ${r.name} | ${r.connections} | ${r.rps.toFixed(0)} | ${pct(r.rps, ceiling)} (of ${ceiling.toFixed(0)}) | ${r.p50} | ${r.p90} | ${r.p97_5} | ${r.p99} | ${r.errors} |`);
    }
    console.log(`| rush: booking requests (bench/rush.ts 2000 100) | 100 | ${rush.rps} | ${pct(rush.rps, rushCeiling)} (of ${rushCeiling.toFixed(0)}) | | | | ${rush.p99} | ${rush.failed} (overbooked ${rush.overbooked}) |`);
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
