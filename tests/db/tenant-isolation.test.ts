import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf } from "@/db/client";
import { children, households } from "@/db/schema";
import { withPlatform, withTenant } from "@/db/transaction";
import { databaseError, loadDemo, tenantId } from "../fixtures/demo";

let jolieville: string;
let valFleuri: string;

beforeAll(async () => {
  await loadDemo();
  jolieville = await tenantId("jolieville");
  valFleuri = await tenantId("val-fleuri");
});

describe("every tenant table, read from pg_catalog", () => {
  it("has forced row-level security, a key starting with tenant_id and foreign keys that carry tenant_id", async () => {
    const db = await getDb();
    const tables = rowsOf<{ name: string; rls: boolean; forced: boolean; pk_first: string | null }>(
      await db.execute(sql`
        select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
          (select a.attname from pg_constraint k join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
            where k.conrelid = c.oid and k.contype = 'p') as pk_first
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`),
    );
    expect(tables.length).toBeGreaterThanOrEqual(4);
    const problems = tables.flatMap((t) => [
      ...(t.rls ? [] : [`${t.name}: RLS not enabled`]),
      ...(t.forced ? [] : [`${t.name}: RLS not forced`]),
      ...(t.pk_first === "tenant_id" ? [] : [`${t.name}: primary key starts with ${t.pk_first}`]),
    ]);
    expect(problems).toEqual([]);

    const looseForeignKeys = rowsOf<{ name: string }>(
      await db.execute(sql`
        select k.conname as name from pg_constraint k
        join pg_class src on src.oid = k.conrelid join pg_namespace n on n.oid = src.relnamespace
        where k.contype = 'f' and n.nspname = 'public'
          and exists (select 1 from pg_attribute a where a.attrelid = k.confrelid and a.attname = 'tenant_id')
          and not exists (select 1 from pg_attribute a where a.attrelid = k.conrelid and a.attnum = any(k.conkey) and a.attname = 'tenant_id')`),
    );
    expect(looseForeignKeys).toEqual([]);
  });

  it("has a policy on each table", async () => {
    const db = await getDb();
    const missing = rowsOf<{ name: string }>(
      await db.execute(sql`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
          and not exists (select 1 from pg_policy p where p.polrelid = c.oid)`),
    );
    expect(missing).toEqual([]);
  });
});

describe("withTenant", () => {
  it("runs as a role that is not superuser and cannot bypass row-level security", async () => {
    const [role] = await withTenant(jolieville, async (tx) =>
      rowsOf<{ rolsuper: boolean; rolbypassrls: boolean }>(
        await tx.execute(sql`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`),
      ),
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it("returns none of another commune's rows, even without a where clause", async () => {
    const seen = await withTenant(jolieville, (tx) => tx.select({ tenantId: households.tenantId, name: households.name }).from(households));
    expect(seen.length).toBe(2);
    expect(seen.every((h) => h.tenantId === jolieville)).toBe(true);
    const direct = await withTenant(jolieville, (tx) => tx.select().from(children).where(eq(children.tenantId, valFleuri)));
    expect(direct).toEqual([]);
  });

  it("refuses to write another commune's row, and writes nothing", async () => {
    expect(
      await databaseError(
        withTenant(jolieville, (tx) => tx.insert(households).values({ tenantId: valFleuri, reference: "X-1", name: "Intrus" })),
      ),
    ).toMatch(/row-level security/);
    const updated = await withTenant(jolieville, (tx) =>
      tx.update(households).set({ name: "Piraté" }).where(eq(households.tenantId, valFleuri)).returning(),
    );
    expect(updated).toEqual([]);
    const names = await withPlatform((tx) => tx.select({ name: households.name }).from(households).where(eq(households.tenantId, valFleuri)));
    expect(names.map((n) => n.name)).toEqual(["Famille Martin"]);
  });

  it("leaves no tenant behind once the transaction ends", async () => {
    await withTenant(jolieville, async () => undefined);
    const db = await getDb();
    const rows = await db.transaction(async (tx) => {
      await tx.execute(sql`set local role recre_app`);
      return tx.select().from(households);
    });
    expect(rows).toEqual([]);
  });

  it("keeps the tenant role away from password hashes and other people's mail", async () => {
    expect(await databaseError(withTenant(jolieville, (tx) => tx.execute(sql`select password_hash from users`)))).toMatch(
      /permission denied/,
    );
    expect(await databaseError(withTenant(jolieville, (tx) => tx.execute(sql`select * from email_outbox`)))).toMatch(
      /permission denied/,
    );
  });
});
