/**
 * Per-request cost as the platform grows: 1, then 100, then 1,000 communes of the same size.
 *
 *   npx tsx bench/tenants.ts [calls per measure, default 200]
 *
 * Creates a fresh PostgreSQL database (BENCH_DATABASE, default recre_speed_tenants; BENCH_ADMIN_URL
 * as bench/server.ts), migrates it, and seeds communes by set-based SQL, all alike: 20 families of
 * one child each, a canteen (every school day, with a tariff) and a Wednesday club, each child
 * enrolled in both and booked every canteen day of March 2027, and three monthly invoices of two
 * lines per family. At 1, 100 and 1,000 communes it calls, in-process through the tRPC caller (the
 * procedures /api/trpc runs, without the HTTP layer), `reservations.planning` (one child, March) and
 * `invoices.mine` as a parent of a commune drawn at random, one call at a time, and prints p50/p95
 * and their ratio to the figures at one commune: flat means the cost of a request does not grow with
 * the number of communes. Bounded: about 3 minutes on a quiet 2-core machine.
 */
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "../db/schema";
import { useDatabase, type Db } from "../db/index";
import { runMigrations } from "../db/migrate";
import { createCaller } from "../server/root";
import { createInnerContext } from "../server/trpc";
import { databaseUrlFor, freshDatabase, percentile } from "./server";

process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-42";
// The business clock at the start of March 2027: the month planned is bookable, the invoices past.
process.env.RECRE_NOW ??= "2027-02-20T09:00:00+01:00";
const calls = Number(process.argv[2] ?? 200);
const database = process.env.BENCH_DATABASE ?? "recre_speed_tenants";
const families = 20;
const levels = (process.env.BENCH_LEVELS ?? "1,100,1000").split(",").map(Number);

/** Deterministic ids, so every seeding step can refer to the rows of the one before. */
// (Version 4 and its variant written in, as z.uuid() checks them.)
const id = (kind: string, ...parts: string[]) => `overlay(overlay(md5('${kind}' || ${parts.join(" || '-' || ")}) placing '4' from 13) placing '8' from 17)::uuid`;

/** Communes number `from` to `to` (inclusive), with everything they hold, in a dozen statements. */
async function seed(sql: postgres.Sql, from: number, to: number) {
  const g = `generate_series(${from}, ${to}) g`;
  const gh = `generate_series(${from}, ${to}) g cross join generate_series(1, ${families}) h`;
  const t = id("t", "g");
  const hh = id("h", "g", "h");
  const child = id("c", "g", "h");
  const canteen = id("a1", "g");
  const club = id("a2", "g");
  const rule = `'{"kind":"days_before","days":2,"time":"10:00","counting":"all","excludedWeekdays":[6,7],"excludePublicHolidays":true}'::jsonb`;
  const pricing = `'{"resident":{"kind":"unit","cents":300},"nonResident":{"kind":"unit","cents":450},"mealCents":100,"siblingReduction":null,"absencePenaltyPercent":100,"unbookedSurchargePercent":100}'::jsonb`;
  await sql.unsafe(`insert into tenants (id, slug, name, holiday_zone) select ${t}, 'commune-' || g, 'Commune ' || g, 'B' from ${g}`);
  await sql.unsafe(`insert into school_years (tenant_id, id, label, start_date, end_date) select ${t}, ${id("y", "g")}, '2026-2027', '2026-09-01', '2027-07-02' from ${g}`);
  await sql.unsafe(`insert into sites (tenant_id, id, name) select ${t}, ${id("s", "g")}, 'École' from ${g}`);
  await sql.unsafe(`insert into activities (tenant_id, id, site_id, school_year_id, service, name, unit, weekdays, capacity, booking_rule)
    select ${t}, ${canteen}, ${id("s", "g")}, ${id("y", "g")}, 'cantine', 'Cantine', 'meal'::text, '{1,2,4,5}'::smallint[], null::int, ${rule} from ${g}
    union all select ${t}, ${club}, ${id("s", "g")}, ${id("y", "g")}, 'mercredi', 'Mercredi', 'day', '{3}'::smallint[], 30, ${rule} from ${g}`);
  await sql.unsafe(`insert into tariffs (tenant_id, activity_id, valid_from, pricing) select ${t}, ${canteen}, '2026-09-01', ${pricing} from ${g}`);
  await sql.unsafe(`insert into users (id, email, name) select ${id("u", "g", "h")}, 'parent-' || g || '-' || h || '@bench.test', 'Parent' from ${gh}`);
  await sql.unsafe(`insert into households (tenant_id, id, reference, name) select ${t}, ${hh}, 'F-' || h, 'Famille ' || h from ${gh}`);
  await sql.unsafe(`insert into guardians (tenant_id, household_id, user_id, first_name, last_name) select ${t}, ${hh}, ${id("u", "g", "h")}, 'Parent', 'Famille ' || h from ${gh}`);
  await sql.unsafe(`insert into children (tenant_id, id, household_id, first_name, last_name, birth_date) select ${t}, ${child}, ${hh}, 'Enfant', 'Famille ' || h, '2018-01-01' from ${gh}`);
  await sql.unsafe(`insert into enrolments (tenant_id, child_id, activity_id, status) select ${t}, ${child}, ${canteen}, 'accepted' from ${gh}
    union all select ${t}, ${child}, ${club}, 'accepted' from ${gh}`);
  const canteenDays = "generate_series('2027-03-01'::date, '2027-03-31'::date, '1 day') d where extract(isodow from d) in (1, 2, 4, 5)";
  await sql.unsafe(`insert into occurrences (tenant_id, activity_id, date) select ${t}, ${canteen}, d::date from ${g} cross join ${canteenDays}`);
  await sql.unsafe(`insert into bookings (tenant_id, child_id, activity_id, date, status, unit_price_cents)
    select ${t}, ${child}, ${canteen}, d::date, 'confirmed', 300 from ${gh}
    cross join ${canteenDays}`);
  const months = "(values (1, '2026-12'), (2, '2027-01'), (3, '2027-02')) m(n, period)";
  await sql.unsafe(`insert into invoices (tenant_id, id, household_id, number, kind, period_label, due_date, total_cents)
    select ${t}, ${id("i", "g", "h", "m.n")}, ${hh}, '2027-' || lpad((m.n * 100 + h)::text, 6, '0'), 'monthly', m.period, (m.period || '-28')::date, 4800 from ${gh} cross join ${months}`);
  await sql.unsafe(`insert into invoice_lines (tenant_id, invoice_id, child_id, activity_id, kind, label, quantity, unit_price_cents, amount_cents, position)
    select ${t}, ${id("i", "g", "h", "m.n")}, ${child}, ${canteen}, k.kind, k.label, 16, k.cents, 16 * k.cents, k.pos
    from ${gh} cross join ${months} cross join (values ('service', 'Cantine', 200, 0), ('meal', 'Repas', 100, 1)) k(kind, label, cents, pos)`);
}

async function main() {
  await freshDatabase(database);
  const client = postgres(databaseUrlFor(database), { max: 4, onnotice: () => {} });
  const handle = { db: drizzle(client, { schema }) as unknown as Db, kind: "postgres" as const, close: () => client.end() };
  await runMigrations(handle);
  useDatabase(handle);

  const rows: { communes: number; seedSeconds: number; planning: number[]; invoices: number[] }[] = [];
  let seeded = 0;
  for (const level of levels) {
    const t0 = performance.now();
    await seed(client, seeded + 1, level);
    await client`analyze`;
    seeded = level;
    const seedSeconds = (performance.now() - t0) / 1000;
    const timings = { planning: [] as number[], invoices: [] as number[] };
    for (let i = 0; i < calls + 20; i++) {
      const g = 1 + Math.floor(Math.random() * level);
      const h = 1 + Math.floor(Math.random() * families);
      const [ids] = await client.unsafe(`select ${id("u", `'${g}'`, `'${h}'`)} as user_id, ${id("c", `'${g}'`, `'${h}'`)} as child_id`);
      const caller = createCaller(createInnerContext({ user: { id: ids!.user_id as string }, communeSlug: `commune-${g}` }));
      let started = performance.now();
      const planning = await caller.reservations.planning({ childId: ids!.child_id as string, from: "2027-03-01", to: "2027-03-31" });
      const planningMs = performance.now() - started;
      started = performance.now();
      const invoices = await caller.invoices.mine();
      const invoicesMs = performance.now() - started;
      if (planning.activities.length !== 2 || invoices.toPay.length + invoices.paid.length !== 3) throw new Error(`commune-${g}: unexpected answer`);
      // The first 20 calls warm the caches (plans, prepared statements, JIT) and are not counted.
      if (i >= 20) {
        timings.planning.push(planningMs);
        timings.invoices.push(invoicesMs);
      }
    }
    rows.push({ communes: level, seedSeconds, planning: timings.planning.sort((a, b) => a - b), invoices: timings.invoices.sort((a, b) => a - b) });
    console.error(`… ${level} communes seeded and measured`);
  }
  const [size] = await client`select pg_size_pretty(pg_database_size(current_database())) as size, (select count(*)::int from bookings) as bookings, (select count(*)::int from invoices) as invoices`;
  const base = rows[0]!;
  const ms = (v: number) => v.toFixed(1);
  const ratio = (v: number, b: number) => `${(v / b).toFixed(2)}×`;
  console.log(`\n${new Date().toISOString()} · ${calls} calls of each procedure per level, one at a time · at ${seeded} communes: ${size!.bookings} bookings, ${size!.invoices} invoices, ${size!.size}\n`);
  console.log("| communes | seeding s | planning p50 ms | p95 ms | ratio p50 / p95 to 1 commune | invoices.mine p50 ms | p95 ms | ratio p50 / p95 to 1 commune |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const [pp50, pp95, ip50, ip95] = [percentile(r.planning, 50), percentile(r.planning, 95), percentile(r.invoices, 50), percentile(r.invoices, 95)];
    const [bp50, bp95, bi50, bi95] = [percentile(base.planning, 50), percentile(base.planning, 95), percentile(base.invoices, 50), percentile(base.invoices, 95)];
    console.log(`| ${r.communes} | ${r.seedSeconds.toFixed(1)} | ${ms(pp50)} | ${ms(pp95)} | ${ratio(pp50, bp50)} / ${ratio(pp95, bp95)} | ${ms(ip50)} | ${ms(ip95)} | ${ratio(ip50, bi50)} / ${ratio(ip95, bi95)} |`);
  }
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
