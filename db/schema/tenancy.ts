import { foreignKey, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants, users } from "./platform";

export const staffRoles = ["admin", "agent", "site_agent"] as const;
export type StaffRole = (typeof staffRoles)[number];

/** A user's staff role in one commune. Parents are not members: they are linked guardians. */
export const memberships = pgTable(
  "memberships",
  {
    tenantId: tenantIdColumn(),
    userId: uuid("user_id").notNull(),
    role: text("role", { enum: staffRoles }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.role] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    tenantPolicy("memberships"),
  ],
);
