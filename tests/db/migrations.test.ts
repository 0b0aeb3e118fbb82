import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DatabaseHandle, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
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
