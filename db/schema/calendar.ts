import { date, foreignKey, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants } from "./platform";

/** A commune's school year (e.g. 2026-2027: 1 Sept. → 3 July). */
export const schoolYears = pgTable(
  "school_years",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    label: text("label").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("school_years_label").on(t.tenantId, t.label),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantPolicy("school_years"),
  ],
);

export const periodKinds = ["holiday", "closure"] as const;

/**
 * School holidays of the commune's zone (imported from the official calendar or typed in) and
 * closure days. Dates are inclusive civil dates. Public holidays are computed, not stored.
 */
export const calendarPeriods = pgTable(
  "calendar_periods",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    kind: text("kind", { enum: periodKinds }).notNull(),
    label: text("label").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    source: text("source", { enum: ["official", "import", "manual"] }).notNull().default("manual"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantPolicy("calendar_periods"),
  ],
);
