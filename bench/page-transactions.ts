/**
 * Database transactions one page load costs (each a BEGIN, its settings, its queries and a COMMIT),
 * read from PostgreSQL's own statistics for the bench's database:
 *
 *   npm run build
 *   npx tsx bench/page-transactions.ts [/jolieville/planning …]
 *
 * Starts the built server on a fresh database with the demo (bench/server.ts), loads each page once
 * to warm it, then three times more, alone, and prints the least number of transactions committed
 * meanwhile (the server's background jobs commit now and then too).
 */
import postgres from "postgres";
import { databaseUrlFor, freshDatabase, parentSession, startServer } from "./server";

const pages = process.argv.length > 2 ? process.argv.slice(2) : ["/jolieville/planning"];
const database = process.env.BENCH_DATABASE ?? "recre_page_transactions";
const databaseUrl = databaseUrlFor(database);
const port = Number(process.env.BENCH_PORT ?? 3303);

async function main() {
  await freshDatabase(database);
  const server = await startServer({ port, databaseUrl });
  try {
    const { cookie } = await parentSession(databaseUrl);
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    // What reading the statistics itself commits, measured with nothing else running.
    const idle = -(await committed(sql)) + (await committed(sql));
    for (const page of pages) {
      const load = async () => {
        const res = await fetch(`http://localhost:${port}${page}`, { headers: { cookie, accept: "text/html" } });
        if (res.status !== 200) throw new Error(`${page} : HTTP ${res.status}`);
        await res.text();
      };
      await load();
      // The server's background jobs commit now and then too: the least of three loads.
      const seen: number[] = [];
      for (let i = 0; i < 3; i++) {
        const before = await committed(sql);
        await load();
        seen.push((await committed(sql)) - before - idle);
      }
      console.log(`${page} : ${Math.min(...seen)} transactions (${seen.join(", ")})`);
    }
    await sql.end();
  } finally {
    server.kill("SIGTERM");
  }
}

/** Transactions committed in the database so far (backends report theirs within a second). */
async function committed(sql: postgres.Sql): Promise<number> {
  await new Promise((r) => setTimeout(r, 1500));
  const [row] = await sql`select xact_commit::int as n from pg_stat_database where datname = current_database()`;
  await sql`select pg_stat_clear_snapshot()`;
  return Number(row!.n);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
