import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants, users } from "./platform";
import { sites } from "./reservations";

/**
 * An account asked for on `/inscription`, waiting for its e-mail link: the account itself is created
 * only when the link is opened, so an unverified address can do nothing and squats nothing. Only the
 * token's hash is stored; platform path only (no grant to the tenant role).
 */
export const signupRequests = pgTable(
  "signup_requests",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    /** Null when the person chose to sign in by e-mailed links only. */
    passwordHash: text("password_hash"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("signup_requests_email").on(t.email)],
);

/** The sites a site agent may open (daily lists, pointage, meals); other roles see every site. */
export const membershipSites = pgTable(
  "membership_sites",
  {
    tenantId: tenantIdColumn(),
    userId: uuid("user_id").notNull(),
    siteId: uuid("site_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.siteId] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.siteId], foreignColumns: [sites.tenantId, sites.id] }).onDelete("cascade"),
    tenantPolicy("membership_sites"),
  ],
);
