import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, rowsOf, type DatabaseHandle, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";

/** Several checkouts may test on one server at once: each sets its own TEST_DB_PREFIX. */
const PREFIX = process.env.TEST_DB_PREFIX ?? "recre_test";
export const TEMPLATE_DB = `${PREFIX}_template`;

/** A URL on the same server as TEST_DATABASE_URL, pointing at another database. */
export function urlFor(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminSql<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const client = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Opens this worker's own database: in-memory PGlite, or a copy of the migrated PostgreSQL template. */
export async function openWorkerDatabase(): Promise<DatabaseHandle> {
  if (process.env.TEST_ENGINE === "postgres") {
    const name = `${PREFIX}_w${process.env.VITEST_POOL_ID ?? "0"}`;
    await adminSql(async (admin) => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
    });
    return openDatabase({ url: urlFor(name), maxConnections: 20 });
  }
  const handle = openDatabase({});
  await runMigrations(handle);
  return handle;
}

/** Empties every application table (the migration journal lives in the `drizzle` schema). */
export async function truncateAll(db: Db): Promise<void> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`),
  );
  if (tables.length) await db.execute(sql.raw(`truncate ${tables.map((t) => t.name).join(", ")} cascade`));
}
