import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DatabaseHandle, type Db } from "@/db/client";
import { migrationsFolder, runMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";

/**
 * A deployment whose login is not a superuser: a fresh database migrated by a login with only
 * CREATEROLE and BYPASSRLS (what PostgreSQL 16+ needs to create our two roles), which must then
 * be able to do what withTenant and withPlatform do in every transaction.
 */
const root = mkdtempSync(path.join(tmpdir(), "recre-login-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh database where `setup` ran as the superuser, then opened as `login`. */
async function databaseFor(name: string, setup: string): Promise<DatabaseHandle> {
  const dataDir = path.join(root, name);
  const admin = new PGlite(dataDir);
  await admin.exec(setup);
  await admin.close();
  const client = new PGlite(dataDir, { username: "recre_login" });
  return { db: drizzle(client, { schema }) as unknown as Db, kind: "pglite", close: () => client.close() };
}

const loginSetup = (attributes: string) => `
  create role recre_login login ${attributes};
  grant create on database postgres to recre_login;
  grant create on schema public to recre_login;`;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await databaseFor("createrole", loginSetup("createrole bypassrls"));
  await runMigrations(handle);
}, 120_000);
afterAll(() => handle?.close());

/** PGlite's session is always its superuser (`username` is a SET ROLE), so the right to switch is read from the catalogue. */
async function mayBecome(role: string) {
  const [row] = rowsOf<{ may: boolean }>(await handle.db.execute(sql`select pg_has_role('recre_login', ${role}, 'SET') as may`));
  return row!.may;
}

describe("migrating as a non-superuser login (CREATEROLE, BYPASSRLS)", () => {
  it("applies every migration", async () => {
    const [row] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename = 'households'`),
    );
    expect(row!.n).toBe(1);
  });

  it("leaves the login able to switch to recre_app and recre_platform, as the app does in every transaction", async () => {
    const [who] = rowsOf<{ name: string; superuser: boolean }>(
      await handle.db.execute(sql`select current_user as name, rolsuper as superuser from pg_roles where rolname = current_user`),
    );
    expect(who).toEqual({ name: "recre_login", superuser: false });
    expect(await mayBecome("recre_app")).toBe(true);
    expect(await mayBecome("recre_platform")).toBe(true);
  });

  it("keeps row-level security in force for recre_app", async () => {
    const rows = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'recre_app', true)`);
      return rowsOf(await tx.execute(sql`select * from households`));
    });
    expect(rows).toEqual([]);
  });
});

describe("migrating as a login that may not use the roles an administrator created", () => {
  it("stops with a French message saying which GRANT to run", async () => {
    const plain = await databaseFor(
      "plain",
      `create role recre_app nologin; create role recre_platform nologin bypassrls; ${loginSetup("")}`,
    );
    try {
      const error = await runMigrations(plain).then(() => null, (e: { cause?: Error; message: string }) => e.cause?.message ?? e.message);
      expect(error).toBe(
        "Le rôle recre_login ne peut pas endosser recre_app et recre_platform : un administrateur doit exécuter GRANT recre_app, recre_platform TO recre_login;",
      );
    } finally {
      await plain.close();
    }
  }, 120_000);
});

describe("migrating as the tables' owner, neither superuser nor BYPASSRLS", () => {
  const dataDir = path.join(root, "owner");
  const asOwner = () => new PGlite(dataDir, { username: "recre_login" });

  /** Applies the committed migrations up to and including `last` (all when omitted). */
  async function migrateUpTo(client: PGlite, last?: string) {
    let folder = migrationsFolder;
    if (last) {
      folder = mkdtempSync(path.join(root, "migrations-"));
      cpSync(migrationsFolder, folder, { recursive: true });
      const journalPath = path.join(folder, "meta", "_journal.json");
      const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
      journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === last) + 1);
      writeFileSync(journalPath, JSON.stringify(journal));
    }
    await migrate(drizzle(client, { schema }), { migrationsFolder: folder });
  }

  it("still moves the reason of a cancellation made before 0012 to cancel_reason, and forces row-level security again", async () => {
    const admin = new PGlite(dataDir);
    await admin.exec(`create role recre_app nologin; create role recre_platform nologin bypassrls; ${loginSetup("")}
      grant recre_app, recre_platform to recre_login;`);
    await admin.close();
    const before = asOwner();
    await migrateUpTo(before, "0011_billing_features_force_rls");
    await before.close();

    // A booking cancelled by the old code, which wrote the cancellation's reason into override_reason.
    const data = new PGlite(dataDir);
    await data.exec(`set session_replication_role = replica;
      insert into bookings (tenant_id, child_id, activity_id, date, status, cancelled_at, override_reason)
      values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), '2026-11-30', 'cancelled', now(), 'Annulé au guichet : sortie scolaire');`);
    await data.close();

    const after = asOwner();
    await migrateUpTo(after);
    await after.close();
    const check = new PGlite(dataDir);
    try {
      const { rows } = await check.query(`select cancel_reason, override_reason from bookings`);
      expect(rows).toEqual([{ cancel_reason: "Annulé au guichet : sortie scolaire", override_reason: null }]);
      const { rows: forced } = await check.query(`select relforcerowsecurity as forced from pg_class where relname = 'bookings'`);
      expect(forced).toEqual([{ forced: true }]);
    } finally {
      await check.close();
    }
  }, 120_000);
});
