/**
 * How many SQL statements one request costs, procedure by procedure (a profiling aid, not a bench):
 *
 *   npx tsx bench/queries.ts            # counts only
 *   npx tsx bench/queries.ts --sql      # and each statement, shortened
 *
 * Creates a fresh PostgreSQL database (BENCH_DATABASE, default recre_speed_queries) with the demo,
 * then calls, as the demo parent through the tRPC caller (the same procedures the pages and
 * /api/trpc run), the planning of one child for one month and a booking of one day, twice each
 * (the second call shows what a warm server costs), counting the statements postgres.js sends.
 * The session check of Auth.js is not included (it runs in the HTTP layer: one more statement).
 */
import { writeFileSync } from "node:fs";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "../db/schema";
import { useDatabase, type Db } from "../db/index";
import { runMigrations } from "../db/migrate";
import { seedDemo } from "../server/demo/seed";
import { createCaller } from "../server/root";
import { createInnerContext } from "../server/trpc";
import { databaseUrlFor, freshDatabase } from "./server";

process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-42";
const database = process.env.BENCH_DATABASE ?? "recre_speed_queries";
const showSql = process.argv.includes("--sql");
const log: string[] = [];

async function main() {
  await freshDatabase(database);
  const client = postgres(databaseUrlFor(database), {
    max: 4,
    onnotice: () => {},
    debug: (_connection, query) => log.push(query.replace(/\s+/g, " ").slice(0, 160)),
  });
  const handle = { db: drizzle(client, { schema }) as unknown as Db, kind: "postgres" as const, close: () => client.end() };
  await runMigrations(handle);
  useDatabase(handle);
  await seedDemo(handle.db);
  const [user] = await client`select id from users where email = 'parent@recre.test'`;
  const [child] = await client`select c.id from children c join tenants t on t.id = c.tenant_id where t.slug = 'jolieville' and c.first_name = 'Sarah'`;
  const caller = () => createCaller(createInnerContext({ user: { id: user!.id as string }, communeSlug: "jolieville" }));
  const now = new Date();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const range = { from: iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))), to: iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0))) };

  async function count(name: string, fn: () => Promise<unknown>) {
    log.length = 0;
    const t0 = performance.now();
    const result = await fn();
    const ms = performance.now() - t0;
    console.log(`${name}: ${log.length} statements, ${ms.toFixed(0)} ms, ${JSON.stringify(result).length} bytes of JSON`);
    if (showSql) for (const q of log) console.log(`   ${q}`);
    if (process.env.DUMP_DIR) writeFileSync(`${process.env.DUMP_DIR}/${name.replace(/\W+/g, "-")}.json`, JSON.stringify(result, null, 1));
    return result;
  }
  const childId = child!.id as string;
  /** Node's own CPU time per call (user + system), over `n` calls one after the other: less sensitive than wall time to a shared machine. */
  async function cpu(name: string, n: number, fn: () => Promise<unknown>) {
    for (let i = 0; i < 5; i++) await fn();
    const before = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    const used = process.cpuUsage(before);
    console.log(`${name}: ${((used.user + used.system) / 1000 / n).toFixed(1)} ms of Node CPU per call, ${((performance.now() - t0) / n).toFixed(1)} ms wall, over ${n} calls`);
  }
  await count("reservations.planning (cold)", () => caller().reservations.planning({ childId, ...range }));
  const planning = (await count("reservations.planning", () => caller().reservations.planning({ childId, ...range }))) as {
    activities: { id: string; days: { date: string; mayToggle: boolean; own: unknown }[] }[];
  };
  const free = planning.activities.flatMap((a) => a.days.filter((d) => d.mayToggle && !d.own).map((d) => ({ activityId: a.id, date: d.date })));
  if (free[0]) await count("reservations.applyChanges (1 day)", () => caller().reservations.applyChanges({ changes: [{ childId, ...free[0]!, action: "book" }] }));
  if (free.length > 3)
    await count("reservations.applyChanges (3 days)", () => caller().reservations.applyChanges({ changes: free.slice(1, 4).map((f) => ({ childId, ...f, action: "book" as const })) }));
  const calls = Number(process.env.CPU_CALLS ?? 100);
  await cpu("reservations.planning", calls, () => caller().reservations.planning({ childId, ...range }));
  // Booking then cancelling the same day: the request's whole path, twice per round, state unchanged.
  if (free[4]) {
    const day = { childId, ...free[4]!, };
    await cpu("reservations.applyChanges (book, then cancel)", calls, async () => {
      await caller().reservations.applyChanges({ changes: [{ ...day, action: "book" }] });
      await caller().reservations.applyChanges({ changes: [{ ...day, action: "cancel" }] });
    });
  }
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
