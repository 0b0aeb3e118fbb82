/**
 * The opening morning: N parents open the planning page within a few seconds.
 *
 *   npm run build
 *   npx tsx bench/waiting-room.ts [parents=2500] [arrival seconds=10] [admission rate=20]
 *
 * Starts the built server on a fresh PostgreSQL database (bench/server.ts) with the waiting room
 * at the given rate. Each parent loads `/jolieville/planning` like a browser: on the waiting page
 * it waits the refresh delay the page asks for and loads again, keeping its cookies, until the real
 * page comes. Prints how many got in at once or after queueing, the positions shown, the time to
 * get in, the served pages' latency and the errors (must be 0). Bounded: gives up after 10 minutes.
 */
import { databaseUrlFor, freshDatabase, parentSession, percentile, startServer } from "./server";

const parents = Number(process.argv[2] ?? 2500);
const arrivalSeconds = Number(process.argv[3] ?? 10);
const rate = Number(process.argv[4] ?? 20);
const database = process.env.BENCH_DATABASE ?? "recre_waiting_bench";
const databaseUrl = databaseUrlFor(database);
const port = Number(process.env.BENCH_PORT ?? 3302);
const page = `http://localhost:${port}/jolieville/planning`;
const deadline = Date.now() + 10 * 60_000;

interface Outcome {
  queued: boolean;
  firstPosition: number | null;
  positionsSeen: number;
  toGetIn: number;
  servedLatency: number;
  error: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function parent(session: string, arriveAfter: number): Promise<Outcome> {
  await sleep(arriveAfter);
  const started = performance.now();
  let admission = "";
  let firstPosition: number | null = null;
  let positionsSeen = 0;
  for (;;) {
    if (Date.now() > deadline) return { queued: firstPosition !== null, firstPosition, positionsSeen, toGetIn: NaN, servedLatency: NaN, error: "deadline" };
    const t0 = performance.now();
    let res: Response;
    try {
      res = await fetch(page, { headers: { accept: "text/html", cookie: [session, admission].filter(Boolean).join("; ") }, redirect: "manual" });
    } catch (error) {
      return { queued: firstPosition !== null, firstPosition, positionsSeen, toGetIn: NaN, servedLatency: NaN, error: String(error) };
    }
    const body = await res.text();
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("recre_admission="));
    if (setCookie) admission = setCookie.split(";")[0]!;
    if (res.status !== 200) return { queued: firstPosition !== null, firstPosition, positionsSeen, toGetIn: NaN, servedLatency: NaN, error: `HTTP ${res.status}` };
    const refresh = /http-equiv="refresh" content="(\d+);/.exec(body);
    if (!refresh) return { queued: firstPosition !== null, firstPosition, positionsSeen, toGetIn: performance.now() - started, servedLatency: performance.now() - t0, error: null };
    const position = Number(/n° (\d+)/.exec(body)?.[1] ?? 1);
    firstPosition ??= position;
    positionsSeen++;
    await sleep(Number(refresh[1]) * 1000);
  }
}

async function main() {
  await freshDatabase(database);
  const server = await startServer({ port, databaseUrl, env: { ADMISSION_RATE: String(rate) } });
  try {
    const { cookie } = await parentSession(databaseUrl);
    // Warm the page once (not counted).
    await fetch(page, { headers: { accept: "text/html", cookie } });
    await sleep(2000);
    const began = performance.now();
    const outcomes = await Promise.all(Array.from({ length: parents }, (_, i) => parent(cookie, (i / parents) * arrivalSeconds * 1000)));
    const seconds = (performance.now() - began) / 1000;
    const ok = outcomes.filter((o) => !o.error);
    const queued = ok.filter((o) => o.queued);
    const toGetIn = ok.map((o) => o.toGetIn).sort((a, b) => a - b);
    const served = ok.map((o) => o.servedLatency).sort((a, b) => a - b);
    const errors = outcomes.filter((o) => o.error);
    console.log(`${new Date().toISOString()} · ${parents} parents arriving within ${arrivalSeconds} s, waiting room at ${rate} admissions/s`);
    console.log(`got in: ${ok.length} (${ok.length - queued.length} at once, ${queued.length} after waiting), in ${seconds.toFixed(1)} s`);
    console.log(`errors: ${errors.length}${errors.length ? ` (${[...new Set(errors.map((e) => e.error))].slice(0, 3).join(", ")})` : ""}`);
    console.log(`every queued parent was shown a position: ${queued.every((o) => o.firstPosition !== null)} · largest position shown: ${Math.max(0, ...queued.map((o) => o.firstPosition ?? 0))}`);
    console.log(`time to get in ms: p50 ${percentile(toGetIn, 50).toFixed(0)}, p99 ${percentile(toGetIn, 99).toFixed(0)}, max ${toGetIn.at(-1)?.toFixed(0)}`);
    console.log(`served page latency ms: p50 ${percentile(served, 50).toFixed(0)}, p95 ${percentile(served, 95).toFixed(0)}, p99 ${percentile(served, 99).toFixed(0)}`);
    console.log(`admission rate achieved: ${(ok.length / seconds).toFixed(1)} pages/s (configured ${rate}/s)`);
    if (errors.length) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
