import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf } from "@/db/client";
import { loadDemo } from "../fixtures/demo";

/**
 * The schema stays distributable by tenant_id (Citus, docs/scaling.md): tenant tables are
 * distributed and co-located on tenant_id, tables without it are reference tables. These are the
 * rules Citus enforces when `create_distributed_table` runs, checked here on every migration.
 * Foreign keys paired on tenant_id (co-location) are checked in tenant-isolation.test.ts.
 */
beforeAll(loadDemo);

const isTenant = sql`exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`;

async function rows<T>(query: ReturnType<typeof sql>) {
  return rowsOf<T>(await (await getDb()).execute(query));
}

describe("distribution by tenant_id", () => {
  it("every unique index and constraint of a tenant table includes tenant_id", async () => {
    const offenders = await rows<{ index: string }>(sql`
      select i.indexrelid::regclass::text as index
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and i.indisunique and ${isTenant}
        and not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum = any(i.indkey))`);
    expect(offenders.map((o) => o.index)).toEqual([]);
  });

  it("tenant_id is never nullable in a tenant table", async () => {
    const offenders = await rows<{ name: string }>(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
      where n.nspname = 'public' and c.relkind = 'r' and not a.attnotnull`);
    expect(offenders.map((o) => o.name)).toEqual([]);
  });
});
