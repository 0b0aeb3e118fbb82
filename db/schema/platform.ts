import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/** Platform tables: not tenant-owned, reference tables under Citus. */

export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** Académie zone for school holidays: A, B, C, Corse or an overseas académie. */
  holidayZone: text("holiday_zone").notNull(),
  timeZone: text("time_zone").notNull().default("Europe/Paris"),
  /** Public holidays: "FR" (metropole), "FR-57"/"FR-67"/"FR-68" (Alsace-Moselle), "FR-GP"… */
  publicHolidayRegion: text("public_holiday_region").notNull().default("FR"),
  billingMode: text("billing_mode", { enum: ["prepaid", "invoice"] }).notNull().default("invoice"),
  status: text("status", { enum: ["active", "suspended"] }).notNull().default("active"),
  /** Prepaid mode: minutes a basket holds its places before they are freed. */
  basketHoldMinutes: integer("basket_hold_minutes").notNull().default(30),
  /** Optional: no new bookings while a household owes more than this (cents); null = never blocked. */
  debtBlockCents: integer("debt_block_cents"),
  /** How fiscal parts count when the QF is computed from tax data: "fiscal" (as on the tax notice) or "caf". */
  qfPartsRule: text("qf_parts_rule", { enum: ["fiscal", "caf"] }).notNull().default("fiscal"),
  /** Invoice runs started by the scheduler: advance runs on this day for the next month, arrears runs on that day for the past month. */
  scheduledRuns: boolean("scheduled_runs").notNull().default(false),
  advanceRunDay: smallint("advance_run_day").notNull().default(27),
  arrearsRunDay: smallint("arrears_run_day").notNull().default(15),
  /** The town hall (or régie) as printed on invoices and shown to families: postal address, phone, e-mail, SIRET. */
  addressLine: text("address_line").notNull().default(""),
  postalCode: text("postal_code").notNull().default(""),
  city: text("city").notNull().default(""),
  phone: text("phone").notNull().default(""),
  email: text("email").notNull().default(""),
  siret: text("siret").notNull().default(""),
  /** The commune's data protection officer (DPO), as shown in its privacy notice: a name, an address, an e-mail. */
  dpoContact: text("dpo_contact").notNull().default(""),
  /**
   * Who takes the commune's online payments (a key of server/adapters/payments/registry.ts: demo,
   * stripe, payfip); null: the deployment's default. Its settings (Stripe connected account, PayFiP
   * numcli and mode) are checked by that provider's schema before use.
   */
  paymentProvider: text("payment_provider"),
  paymentSettings: jsonb("payment_settings").$type<Record<string, unknown>>().notNull().default({}),
  /** Whom cheques are made out to, as printed on invoices (e.g. « Régie périscolaire de Jolieville »); empty: the commune's name. */
  chequePayee: text("cheque_payee").notNull().default(""),
  /** The commune's logo in storage (PNG or JPEG), printed on invoices; null: none. */
  logoKey: text("logo_key"),
  /** Retention (docs/rgpd.md): a family with no activity for this many years is erased (its accounts kept, pseudonymised). */
  familyRetentionYears: smallint("family_retention_years").notNull().default(3),
  /** A child's health data is erased once they have had no booking or enrolment for this many months. */
  healthRetentionMonths: smallint("health_retention_months").notNull().default(12),
  /** The audit log of actions on family files is kept this many months (CNIL: 6 months to 1 year for logs). */
  auditRetentionMonths: smallint("audit_retention_months").notNull().default(12),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name"),
  email: text("email").notNull().unique(),
  emailVerified: timestamp("email_verified", { mode: "date", withTimezone: true }),
  image: text("image"),
  passwordHash: text("password_hash"),
  isOperator: boolean("is_operator").notNull().default(false),
  /** Carried in every session token; bumped to end all the account's sessions (password change, "sign out everywhere"). */
  sessionVersion: integer("session_version").notNull().default(0),
  /** E-mails confirming bookings and cancellations (one per validation); the family may turn them off. */
  bookingEmails: boolean("booking_emails").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Sessions signed out on their device: a copy of the cookie no longer works. Kept until the token would have expired. */
export const revokedSessions = pgTable("revoked_sessions", {
  sessionId: text("session_id").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Auth.js adapter tables (OAuth accounts unused today, required by the adapter's shape). */
export const accounts = pgTable(
  "accounts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<"email" | "oidc" | "oauth" | "webauthn">().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** One-time links for password reset and account activation; only a hash is stored. */
export const authTokens = pgTable("auth_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  purpose: text("purpose", { enum: ["reset", "activation"] }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/**
 * Throttled authentication attempts, counted per account and per IP over a sliding window:
 * failed password sign-ins, and every request for a reset or magic link.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    action: text("action", { enum: ["sign_in", "password_reset", "magic_link", "activation_code", "link_token"] }).notNull().default("sign_in"),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_failures_email_at").on(t.email, t.at), index("sign_in_failures_ip_at").on(t.ip, t.at)],
);

/**
 * Transactional outbox: a row is written in the transaction that causes the e-mail and
 * drained by the sender. The message is rendered when queued so the sender holds no template logic.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    template: text("template").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    transport: text("transport"),
    providerMessageId: text("provider_message_id"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("email_outbox_due").on(t.status, t.nextAttemptAt).where(sql`status in ('pending', 'sending')`)],
);
