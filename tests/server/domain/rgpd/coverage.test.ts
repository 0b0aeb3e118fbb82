import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { familyTables } from "@/server/domain/rgpd/coverage";

/** Every table of the schema with its columns and the tables its foreign keys point at. */
const tables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => value instanceof PgTable)
  .map((table) => {
    const config = getTableConfig(table);
    return {
      name: config.name,
      columns: config.columns.map((c) => c.name),
      references: config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name),
    };
  });

/**
 * The tables that hold data about a family: a household, child or guardian column, or a foreign key
 * to such a table (a request's thread, a payment's allocations…), to any depth.
 */
function familyDataTables(): Set<string> {
  const found = new Set(tables.filter((t) => t.columns.some((c) => ["household_id", "child_id", "guardian_id"].includes(c))).map((t) => t.name));
  found.add("households");
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of tables) {
      if (!found.has(t.name) && t.references.some((r) => found.has(r))) {
        found.add(t.name);
        grew = true;
      }
    }
  }
  return found;
}

describe("the RGPD coverage list", () => {
  it("names every table that holds a family's data, so the export and the erasure cannot forget a new one", () => {
    const listed = new Set(Object.keys(familyTables));
    const missing = [...familyDataTables()].filter((t) => !listed.has(t));
    expect(missing, "add them to server/domain/rgpd/coverage.ts, to the export (export.ts) and to the erasure (erasure.ts)").toEqual([]);
  });

  it("names only tables that exist, each kept table with its reason", () => {
    const names = new Set(tables.map((t) => t.name));
    for (const [table, coverage] of Object.entries(familyTables)) {
      expect(names.has(table), table).toBe(true);
      const c: { export: string | false; erasure: string; why?: string } = coverage;
      if (c.erasure !== "deleted" || c.export === false) expect(c.why, `${table}: why is it kept / not exported?`).toBeTruthy();
    }
  });

  it("finds the tables that came after the first export (the check works)", () => {
    const found = familyDataTables();
    for (const t of ["requests", "request_events", "request_files", "family_messages", "sepa_mandates", "tax_certificates", "applications", "application_documents", "family_changes", "file_reviews"]) {
      expect(found.has(t), t).toBe(true);
    }
    expect(found.has("activities")).toBe(false);
    expect(found.has("tenants")).toBe(false);
  });
});
