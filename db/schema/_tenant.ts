import { sql } from "drizzle-orm";
import { pgPolicy, pgRole, uuid } from "drizzle-orm/pg-core";

/** Role every tenant query runs as (no BYPASSRLS, not superuser). Created by migration 0000. */
export const appRole = pgRole("recre_app").existing();

/** Column shared by every tenant-owned table; always the first column of the primary key. */
export const tenantIdColumn = () => uuid("tenant_id").notNull();

// An empty string, not NULL, is left in app.tenant_id after a transaction: nullif catches it.
const currentTenant = sql`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;

/** The one isolation policy; FORCE ROW LEVEL SECURITY is added in a custom migration per table. */
export const tenantPolicy = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: "permissive",
    for: "all",
    to: appRole,
    using: currentTenant,
    withCheck: currentTenant,
  });
