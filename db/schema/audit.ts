import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants, users } from "./platform";

/**
 * What staff (and jobs) did with families' personal data: views of health data, changes, exports,
 * erasures. Append-only for the tenant role (no update or delete grant); kept for a set period, then
 * purged by the retention job on the platform path.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** Null for a scheduled job. */
    actorUserId: uuid("actor_user_id"),
    actorRole: text("actor_role", { enum: ["parent", "staff", "system"] }).notNull(),
    /** Dotted name of what was done, e.g. `health.viewed`, `family.changed`, `rgpd.exported`. */
    action: text("action").notNull(),
    householdId: uuid("household_id"),
    childId: uuid("child_id"),
    /** Small facts about the action (which fields, how many rows); never the personal data itself. */
    detail: jsonb("detail").$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("audit_events_at").on(t.tenantId, t.at),
    index("audit_events_household").on(t.tenantId, t.householdId, t.at),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.actorUserId], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("audit_events"),
  ],
);
