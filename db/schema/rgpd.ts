import { date, foreignKey, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants, users } from "./platform";

/**
 * A family's request to be erased (RGPD art. 17), or the retention job's decision to erase an inactive
 * one. No foreign key to the household: the request is the proof of what was done, whatever remains.
 */
export const erasureRequests = pgTable(
  "erasure_requests",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    source: text("source", { enum: ["family", "retention"] }).notNull(),
    status: text("status", { enum: ["pending", "done"] }).notNull().default("pending"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    requestedBy: uuid("requested_by"),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    processedBy: uuid("processed_by"),
    /** What the erasure did: counts of rows deleted, pseudonymised and kept. */
    outcome: jsonb("outcome").$type<Record<string, number>>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // One open request per family: asking twice is the same request.
    uniqueIndex("erasure_requests_one_pending").on(t.tenantId, t.householdId).where(sql`status = 'pending'`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.requestedBy], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ columns: [t.processedBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("erasure_requests"),
  ],
);

export interface RetentionReport {
  /** Families with no activity for the commune's period, erased (or that would be). */
  erasedFamilies: { householdId: string; reference: string; lastActivity: string }[];
  /** Children whose health data was erased (or would be). */
  healthErasedChildren: number;
  /** Audit events older than the log's period, purged (or that would be). */
  auditEventsPurged: number;
  filesDeleted: number;
}

/**
 * What each day's retention run did in a commune, for its staff (the last one is shown). One run a day:
 * a server claims the day by inserting its row first, so a second server (or a second tick) skips it.
 */
export const retentionReports = pgTable(
  "retention_reports",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    /** The commune's civil date of the run. */
    ranOn: date("ran_on", { mode: "string" }).notNull(),
    ranAt: timestamp("ran_at", { withTimezone: true }).notNull(),
    /** Null while the run is under way (or if it stopped before the end). */
    report: jsonb("report").$type<RetentionReport>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("retention_reports_one_a_day").on(t.tenantId, t.ranOn),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    tenantPolicy("retention_reports"),
  ],
);
