import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { prepareDatabase } from "@/server/demo/prepare";
import { households, tenants, users } from "@/db/schema";

const dataDir = mkdtempSync(path.join(tmpdir(), "recre-first-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function counts(db: Db) {
  const [t] = await db.select({ n: count() }).from(tenants);
  const [u] = await db.select({ n: count() }).from(users);
  const [h] = await db.select({ n: count() }).from(households);
  return { tenants: t!.n, users: u!.n, households: h!.n };
}

/** Opens the embedded database in its folder, prepares it as a server start does, and closes it. */
async function start(seedDemo = true) {
  const handle = openDatabase({ dataDir: path.join(dataDir, "pglite") });
  try {
    const seeded = await prepareDatabase(handle, { seedDemo });
    return { seeded, counts: await counts(handle.db) };
  } finally {
    await handle.close();
  }
}

describe("starting on the embedded database", () => {
  it("migrates and seeds the demo data on the first start, then reuses it without duplicating anything", async () => {
    const first = await start();
    expect(first.seeded).toBe(true);
    // The three families of the walkthrough, and the 29 that applied for Jolieville's summer places (server/demo/seed-allocation.ts).
    expect(first.counts).toMatchObject({ tenants: 2, households: 32 });
    expect(first.counts.users).toBeGreaterThanOrEqual(7);

    const second = await start();
    expect(second).toEqual({ seeded: false, counts: first.counts });
  }, 120_000); // two on-disk starts, each migrating, and one seeding


  it("seeds nothing when the demo data is switched off", async () => {
    const handle = openDatabase({});
    try {
      expect(await prepareDatabase(handle, { seedDemo: false })).toBe(false);
      expect(await counts(handle.db)).toEqual({ tenants: 0, users: 0, households: 0 });
    } finally {
      await handle.close();
    }
  }, 60_000);
});
