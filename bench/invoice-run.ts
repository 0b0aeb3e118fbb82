/**
 * End-of-month invoicing at commune scale: H households × D booked days in one month, issued in
 * advance through the real path (issueBatch, 50 households per transaction, as the admin page does).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/recre_bench node --import tsx bench/invoice-run.ts [households] [days]
 *
 * Prints the run's time, invoices/s and peak memory (RSS sampled every 20 ms), and, measured in the
 * same run, a hand-written SQL aggregate of the same totals; the two must agree to the cent.
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";

const householdCount = Number(process.argv[2] ?? 5000);
const daysPerMonth = Number(process.argv[3] ?? 20);
const period = "2027-03";
const databaseUrl = process.env.BENCH_DATABASE_URL;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-42";
// The server runs React (the e-mail notices) in its production build, several times faster than
// the development one; the app's modules are imported below, once this is set.
(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
process.env.APP_ENV ??= "development";

/** The school days of March 2027 (Monday to Friday), as many as asked. */
function days(): string[] {
  const out: string[] = [];
  for (let d = 1; d <= 31 && out.length < daysPerMonth; d++) {
    const date = `${period}-${String(d).padStart(2, "0")}`;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(date);
  }
  return out;
}

async function setUp(sql: postgres.Sql) {
  const slug = `factures-${Date.now()}`;
  const [tenant] = await sql`insert into tenants (slug, name, holiday_zone, billing_mode) values (${slug}, 'Factureville', 'B', 'invoice') returning id`;
  const tenantId = tenant!.id as string;
  const [year] = await sql`insert into school_years (tenant_id, label, start_date, end_date) values (${tenantId}, '2026-2027', '2026-09-01', '2027-07-02') returning id`;
  const [site] = await sql`insert into sites (tenant_id, name) values (${tenantId}, 'Restaurant scolaire') returning id`;
  const rule = { kind: "days_before", days: 6, time: "23:59", counting: "all", excludedWeekdays: [6, 7], excludePublicHolidays: true };
  const [activity] = await sql`insert into activities (tenant_id, site_id, school_year_id, service, name, unit, weekdays, capacity, booking_rule)
    values (${tenantId}, ${site!.id}, ${year!.id}, 'cantine', 'Cantine', 'meal', '{1,2,3,4,5}', null, ${sql.json(rule)}) returning id`;
  const pricing = { resident: { kind: "unit", cents: 300 }, nonResident: { kind: "unit", cents: 450 }, mealCents: 100, siblingReduction: null, absencePenaltyPercent: 100, unbookedSurchargePercent: 100 };
  await sql`insert into tariffs (tenant_id, activity_id, valid_from, pricing) values (${tenantId}, ${activity!.id}, '2026-09-01', ${sql.json(pricing)})`;
  const month = days();
  await sql`insert into occurrences ${sql(month.map((date) => ({ tenant_id: tenantId, activity_id: activity!.id, date })))}`;
  const families = Array.from({ length: householdCount }, (_, i) => ({ i, householdId: randomUUID(), childId: randomUUID() }));
  for (let start = 0; start < families.length; start += 1000) {
    const chunk = families.slice(start, start + 1000);
    await sql`insert into households ${sql(chunk.map((f) => ({ tenant_id: tenantId, id: f.householdId, reference: `F-${String(f.i).padStart(5, "0")}`, name: `Famille ${f.i}`, invoice_delivery: f.i % 10 === 0 ? "email" : "paper" })))}`;
    await sql`insert into guardians ${sql(chunk.map((f) => ({ tenant_id: tenantId, household_id: f.householdId, first_name: "Parent", last_name: `${f.i}`, email: `parent-${f.i}@bench.test` })))}`;
    await sql`insert into children ${sql(chunk.map((f) => ({ tenant_id: tenantId, id: f.childId, household_id: f.householdId, first_name: `Enfant${f.i}`, last_name: "Bench", birth_date: "2018-01-01" })))}`;
    // QF brackets stand-in: a unit price from 1,20 € to 3,90 € by household.
    const rows = chunk.flatMap((f) => month.map((date) => ({ tenant_id: tenantId, child_id: f.childId, activity_id: activity!.id, date, status: "confirmed", unit_price_cents: 120 + (f.i % 10) * 30 })));
    for (let k = 0; k < rows.length; k += 5000) await sql`insert into bookings ${sql(rows.slice(k, k + 5000))}`;
  }
  await sql`analyze`;
  return { slug, tenantId };
}

/**
 * The database's own limit for the same work, measured in the same run: one set-based statement
 * that writes the same invoices (numbered in reference order), their service and meal lines and the
 * billed bookings, into copies of the three tables (their indexes and defaults, without the foreign
 * keys' row-by-row checks), from the same month's bookings. What it leaves out is what the real
 * run adds: the tariff rules in code, the balances, the notices, the batches a progress bar follows.
 */
async function setBasedRun(sql: postgres.Sql, tenantId: string) {
  for (const table of ["invoices", "invoice_lines", "billed_bookings"]) {
    await sql.unsafe(`drop table if exists bench_${table}`);
    await sql.unsafe(`create table bench_${table} (like ${table} including defaults including indexes)`);
  }
  const started = performance.now();
  await sql`with per as (
      select c.household_id, h.reference, b.child_id, b.activity_id, count(*)::int as days, min(b.unit_price_cents) as unit,
        sum(b.unit_price_cents)::int as total, array_agg(b.date order by b.date) as dates, array_agg(b.id) as booking_ids
      from bookings b
      join children c on c.tenant_id = b.tenant_id and c.id = b.child_id
      join households h on h.tenant_id = c.tenant_id and h.id = c.household_id
      where b.tenant_id = ${tenantId} and b.status = 'confirmed' and b.date between ${`${period}-01`} and ${`${period}-31`}
      group by c.household_id, h.reference, b.child_id, b.activity_id
    ), numbered as (
      select per.*, gen_random_uuid() as invoice_id, row_number() over (order by reference) as n from per
    ), inv as (
      insert into bench_invoices (tenant_id, id, household_id, number, kind, period_label, due_date, total_cents)
      select ${tenantId}, invoice_id, household_id, '2027-' || lpad(n::text, 6, '0'), 'monthly', 'mars 2027', '2027-04-15', total from numbered
      returning id
    ), lines as (
      insert into bench_invoice_lines (tenant_id, invoice_id, child_id, activity_id, kind, label, dates, quantity, unit_price_cents, amount_cents, position)
      select ${tenantId}, invoice_id, child_id, activity_id, k.kind, k.label, dates, days, k.unit, days * k.unit, k.position
      from numbered cross join lateral (values ('service', 'Cantine', unit - 100, 0), ('meal', 'Repas', 100, 1)) k(kind, label, unit, position)
      returning 1
    )
    insert into bench_billed_bookings (tenant_id, booking_id, invoice_id)
    select ${tenantId}, unnest(booking_ids), invoice_id from numbered`;
  const ms = performance.now() - started;
  const [counts] = await sql`select (select count(*)::int from bench_invoices) as invoices, (select count(*)::int from bench_invoice_lines) as lines,
    (select count(*)::int from bench_billed_bookings) as billed, (select sum(total_cents)::bigint from bench_invoices) as total`;
  for (const table of ["invoices", "invoice_lines", "billed_bookings"]) await sql.unsafe(`drop table bench_${table}`);
  return { ms, invoices: counts!.invoices as number, lines: counts!.lines as number, billed: counts!.billed as number, total: Number(counts!.total) };
}

async function main() {
  if (!databaseUrl) throw new Error("BENCH_DATABASE_URL (PostgreSQL) est requis");
  const { openDatabase } = await import("../db/client");
  const { useDatabase } = await import("../db/index");
  const { runMigrations } = await import("../db/migrate");
  const { issueBatch } = await import("../server/domain/billing/invoice-run");
  const { staffActor, withScope } = await import("../server/domain/scope");
  const { findTenantBySlug } = await import("../server/domain/tenants/tenants");
  const handle = openDatabase({ url: databaseUrl, maxConnections: 4 });
  await runMigrations(handle);
  useDatabase(handle);
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const setupStarted = performance.now();
  const { slug, tenantId } = await setUp(sql);
  console.log(`données : ${householdCount} familles × ${daysPerMonth} jours = ${householdCount * daysPerMonth} réservations (${((performance.now() - setupStarted) / 1000).toFixed(1)} s)`);
  const tenant = (await findTenantBySlug(slug))!;
  const admin = randomUUID();
  await sql`insert into users (id, email, name) values (${admin}, ${`${slug}@bench.test`}, 'Admin')`;

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const runStartedAt = new Date();
  let runId: string | undefined;
  let batches = 0;
  let last;
  for (;;) {
    const current: string | undefined = runId;
    last = await withScope(tenant, staffActor(admin, ["admin"]), (scope) => issueBatch(scope, { period, mode: "advance", runId: current }));
    runId = last.runId;
    batches++;
    if (last.done) break;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  const sqlStarted = performance.now();
  const [reference] = await sql`select count(distinct c.household_id)::int as invoices, sum(b.unit_price_cents)::bigint as total
    from bookings b join children c on c.tenant_id = b.tenant_id and c.id = b.child_id
    where b.tenant_id = ${tenantId} and b.status = 'confirmed' and b.date between ${`${period}-01`} and ${`${period}-31`}`;
  const sqlMs = performance.now() - sqlStarted;
  const [issued] = await sql`select count(*)::int as invoices, sum(total_cents)::bigint as total, count(distinct number)::int as numbers,
      (select count(*)::int from invoice_lines where tenant_id = ${tenantId}) as lines,
      (select count(*)::int from email_outbox where "to" like 'parent-%@bench.test' and created_at >= ${runStartedAt}) as emails
    from invoices where tenant_id = ${tenantId}`;
  const match = Number(reference!.total) === Number(issued!.total) && reference!.invoices === issued!.invoices && issued!.numbers === issued!.invoices;
  console.log(`émission : ${issued!.invoices} factures, ${issued!.lines} lignes, ${batches} lots de 50, en ${seconds.toFixed(1)} s → ${(issued!.invoices / seconds).toFixed(0)} factures/s`);
  console.log(`e-mails mis en file : ${issued!.emails}`);
  console.log(`mémoire : RSS de pointe ${(peakRss / 1024 / 1024).toFixed(0)} Mio`);
  console.log(`total facturé ${Number(issued!.total)} c ; agrégat SQL écrit à la main ${Number(reference!.total)} c en ${sqlMs.toFixed(0)} ms (${reference!.invoices} familles)`);
  // The figure to quote: how much slower issuing real invoices is than merely adding the month up.
  console.log(`rapport : la facturation prend ${(seconds * 1000 / sqlMs).toFixed(0)} fois le temps de l'agrégat SQL seul`);
  console.log(match ? "totaux identiques ✔" : "ÉCART entre les factures et l'agrégat ✘");
  const setBased = await setBasedRun(sql, tenantId);
  console.log(`plafond : une instruction SQL ensembliste écrit les mêmes ${setBased.invoices} factures, ${setBased.lines} lignes et ${setBased.billed} réservations facturées en ${(setBased.ms / 1000).toFixed(2)} s (total ${setBased.total} c)`);
  console.log(`rapport : l'émission réelle prend ${((seconds * 1000) / setBased.ms).toFixed(1)} fois le temps de l'instruction ensembliste`);
  await sql.end();
  await handle.close();
  if (!match) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
