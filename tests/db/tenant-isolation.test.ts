import { eq, sql, TransactionRollbackError } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf, type Db } from "@/db/client";
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

type Executor = { execute: Db["execute"] };

/** Tables of the public schema that have a tenant_id column: the tenant tables. */
const tenantTables = sql`
  select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r'
    and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`;

/** Forced RLS and a primary key starting with tenant_id, on every tenant table. */
async function tableProblems(db: Executor): Promise<string[]> {
  const tables = rowsOf<{ name: string; rls: boolean; forced: boolean; pk_first: string | null }>(
    await db.execute(sql`
      select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
        (select a.attname from pg_constraint k join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
          where k.conrelid = c.oid and k.contype = 'p') as pk_first
      from pg_class c where c.oid in (${tenantTables})`),
  );
  return tables.flatMap((t) => [
    ...(t.rls ? [] : [`${t.name}: RLS not enabled`]),
    ...(t.forced ? [] : [`${t.name}: RLS not forced`]),
    ...(t.pk_first === "tenant_id" ? [] : [`${t.name}: primary key starts with ${t.pk_first}`]),
  ]);
}

/**
 * Every tenant table has a policy for recre_app, and every one of its policies (a permissive
 * `using (true)` next to a good one would open the table) compares tenant_id with app.tenant_id,
 * both to read (USING) and to write (WITH CHECK; PostgreSQL reuses USING when it is absent).
 */
async function policyProblems(db: Executor): Promise<string[]> {
  const policies = rowsOf<{ name: string; policy: string | null; roles: string[] | string | null; qual: string | null; with_check: string | null }>(
    await db.execute(sql`
      select c.relname as name, p.policyname as policy, p.roles::text[] as roles, p.qual, p.with_check
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_policies p on p.schemaname = n.nspname and p.tablename = c.relname
      where c.oid in (${tenantTables})`),
  );
  const isolates = (expression: string | null) =>
    !!expression && expression.includes("current_setting('app.tenant_id'") && /\btenant_id = /.test(expression);
  return policies.flatMap((p) => {
    if (!p.policy) return [`${p.name}: no policy`];
    const roles = Array.isArray(p.roles) ? p.roles : String(p.roles ?? "").replace(/[{}]/g, "").split(",");
    return [
      ...(roles.includes("recre_app") ? [] : [`${p.name}.${p.policy}: not for recre_app`]),
      ...(isolates(p.qual) ? [] : [`${p.name}.${p.policy}: USING does not compare tenant_id with app.tenant_id`]),
      ...(p.with_check === null || isolates(p.with_check) ? [] : [`${p.name}.${p.policy}: WITH CHECK does not compare tenant_id with app.tenant_id`]),
    ];
  });
}

/**
 * Every foreign key that reaches a tenant table starts from a tenant table and pairs the local
 * tenant_id with the referenced tenant_id (same position in conkey and confkey), so a row can
 * never point at another commune's row.
 */
async function foreignKeyProblems(db: Executor): Promise<string[]> {
  const keys = rowsOf<{ name: string; source: string; target: string; paired: boolean }>(
    await db.execute(sql`
      select k.conname as name, src.relname as source, dst.relname as target,
        exists (
          select 1 from unnest(k.conkey, k.confkey) as pair(local_col, remote_col)
          join pg_attribute la on la.attrelid = k.conrelid and la.attnum = pair.local_col
          join pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = pair.remote_col
          where la.attname = 'tenant_id' and ra.attname = 'tenant_id') as paired
      from pg_constraint k
      join pg_class src on src.oid = k.conrelid
      join pg_class dst on dst.oid = k.confrelid
      where k.contype = 'f' and k.confrelid in (${tenantTables})`),
  );
  return keys.filter((k) => !k.paired).map((k) => `${k.source}.${k.name} → ${k.target}: tenant_id not mapped to tenant_id`);
}

describe("every tenant table, read from pg_catalog", () => {
  it("has forced row-level security and a primary key starting with tenant_id", async () => {
    const db = await getDb();
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${tenantTables}) t`));
    expect(row!.n).toBeGreaterThanOrEqual(4);
    expect(await tableProblems(db)).toEqual([]);
  });

  it("has only policies that compare tenant_id with app.tenant_id, for reading and writing", async () => {
    expect(await policyProblems(await getDb())).toEqual([]);
  });

  it("has foreign keys that map tenant_id to the referenced table's tenant_id", async () => {
    expect(await foreignKeyProblems(await getDb())).toEqual([]);
  });

  it("would catch a table that breaks these rules", async () => {
    const db = await getDb();
    let found: string[] = [];
    // Built inside a transaction that is rolled back: the real catalogue is left untouched.
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`create table bad_parent (tenant_id uuid not null, id uuid not null, other uuid not null,
          primary key (tenant_id, id), unique (other, id))`);
        await tx.execute(sql`alter table bad_parent enable row level security`);
        await tx.execute(sql`alter table bad_parent force row level security`);
        await tx.execute(sql`create policy bad_parent_open on bad_parent to recre_app using (true)`);
        await tx.execute(sql`create table bad_child (id uuid not null, tenant_id uuid not null, parent uuid not null,
          primary key (id, tenant_id), foreign key (tenant_id, parent) references bad_parent (other, id))`);
        found = [...(await tableProblems(tx)), ...(await policyProblems(tx)), ...(await foreignKeyProblems(tx))];
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(found).toEqual(expect.arrayContaining([
      "bad_child: RLS not enabled",
      "bad_child: primary key starts with id",
      "bad_child: no policy",
      "bad_parent.bad_parent_open: USING does not compare tenant_id with app.tenant_id",
      expect.stringMatching(/^bad_child\..* → bad_parent: tenant_id not mapped to tenant_id$/),
    ]));
    expect(found.some((p) => !p.startsWith("bad_"))).toBe(false);
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
