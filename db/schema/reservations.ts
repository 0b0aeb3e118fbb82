import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { DeadlineRule } from "@/common/deadline-rule";
import { serviceKinds, units } from "@/common/activity-labels";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { schoolYears } from "./calendar";
import { children, households, storedFiles } from "./family";
import { tenants, users } from "./platform";

export const sites = pgTable(
  "sites",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    archived: boolean("archived").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantPolicy("sites"),
  ],
);

export { serviceKinds, units, type ServiceKind, type Unit } from "@/common/activity-labels";

/** A service at a site for a school year: what parents enrol in and book. */
export const activities = pgTable(
  "activities",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    siteId: uuid("site_id").notNull(),
    schoolYearId: uuid("school_year_id").notNull(),
    service: text("service", { enum: serviceKinds }).notNull(),
    name: text("name").notNull(),
    unit: text("unit", { enum: units }).notNull(),
    /** ISO weekdays it runs on (1 = Monday … 7 = Sunday). */
    weekdays: smallint("weekdays").array().notNull(),
    /** term: school days only; holidays: school holidays only; all: both. */
    runsOn: text("runs_on", { enum: ["term", "holidays", "all"] }).notNull().default("term"),
    /** Places per day; null = unlimited. */
    capacity: integer("capacity"),
    bookingRule: jsonb("booking_rule").$type<DeadlineRule>().notNull(),
    /** null: same rule as booking. */
    cancelRule: jsonb("cancel_rule").$type<DeadlineRule>(),
    autoAcceptEnrolment: boolean("auto_accept_enrolment").notNull().default(false),
    /** Class levels allowed (empty = all). */
    classLevels: text("class_levels").array().notNull().default(sql`'{}'::text[]`),
    minAgeMonths: integer("min_age_months"),
    maxAgeMonths: integer("max_age_months"),
    archived: boolean("archived").notNull().default(false),
    /** null: the commune's billing mode; otherwise this activity's own (e.g. basket stays in an invoicing commune). */
    billingMode: text("billing_mode", { enum: ["prepaid", "invoice"] }),
    /** End-of-month invoicing: advance (from bookings, before the month) or arrears (from attendance, after it). */
    invoiceTiming: text("invoice_timing", { enum: ["advance", "arrears"] }).notNull().default("advance"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.siteId], foreignColumns: [sites.tenantId, sites.id] }),
    foreignKey({ columns: [t.tenantId, t.schoolYearId], foreignColumns: [schoolYears.tenantId, schoolYears.id] }),
    tenantPolicy("activities"),
  ],
);

/** Booking for a date range opens only at a given instant (e.g. summer opens after February). */
export const bookingOpenings = pgTable(
  "booking_openings",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    activityId: uuid("activity_id").notNull(),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }).onDelete("cascade"),
    tenantPolicy("booking_openings"),
  ],
);

/**
 * One day of an activity. Created on first booking or override; its row is the lock that
 * serialises bookings of that day, so capacity holds under concurrency.
 */
export const occurrences = pgTable(
  "occurrences",
  {
    tenantId: tenantIdColumn(),
    activityId: uuid("activity_id").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    /** null: the activity's capacity. */
    capacity: integer("capacity"),
    closed: boolean("closed").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.activityId, t.date] }),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }).onDelete("cascade"),
    tenantPolicy("occurrences"),
  ],
);

export const enrolmentStatuses = ["pending", "accepted", "refused", "withdrawn"] as const;

export const enrolments = pgTable(
  "enrolments",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    childId: uuid("child_id").notNull(),
    activityId: uuid("activity_id").notNull(),
    status: text("status", { enum: enrolmentStatuses }).notNull().default("pending"),
    refusalReason: text("refusal_reason"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    requestedBy: uuid("requested_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("enrolments_child_activity").on(t.tenantId, t.childId, t.activityId),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }),
    foreignKey({ columns: [t.requestedBy], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.decidedBy], foreignColumns: [users.id] }),
    tenantPolicy("enrolments"),
  ],
);

export const bookingStatuses = ["held", "confirmed", "waitlisted", "cancelled"] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const bookings = pgTable(
  "bookings",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    childId: uuid("child_id").notNull(),
    activityId: uuid("activity_id").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    status: text("status", { enum: bookingStatuses }).notNull(),
    /** Held bookings (prepaid basket) stop counting against capacity after this instant. */
    heldUntil: timestamp("held_until", { withTimezone: true }),
    /** Unit price snapshot in cents, fixed when booked, before the sibling reduction (billing). */
    unitPriceCents: integer("unit_price_cents"),
    /** Sibling reduction of the snapshot, in percent: billed as `lineAmount(unit, days, percent)`. */
    reductionPercent: integer("reduction_percent").notNull().default(0),
    /** The child's rank among its siblings booked that day (null: the tariff has no sibling reduction). */
    siblingRank: integer("sibling_rank"),
    /** How the snapshot was priced, in French ("QF 400 à moins de 700, résident"), shown in recaps. */
    pricingLabel: text("pricing_label"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledBy: uuid("cancelled_by"),
    /** Why staff booked past the deadline or before booking opened (who and when: created_by, created_at). Never touched by a cancellation. */
    overrideReason: text("override_reason"),
    /**
     * Why staff cancelled where the family could not: past the cancellation deadline (a recorded
     * override) or a day the commune closed (who and when: cancelled_by, cancelled_at).
     */
    cancelReason: text("cancel_reason"),
    promotedAt: timestamp("promoted_at", { withTimezone: true }),
    /**
     * Days waited for together (a family's choice left waiting by an allocation round): a place
     * freed on one of them promotes the child only if every one of them has room, all at once.
     */
    waitlistGroup: uuid("waitlist_group"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("bookings_waitlist_group").on(t.tenantId, t.waitlistGroup).where(sql`waitlist_group is not null`),
    // One live booking per child and day of an activity.
    uniqueIndex("bookings_one_live")
      .on(t.tenantId, t.childId, t.activityId, t.date)
      .where(sql`status <> 'cancelled'`),
    index("bookings_day").on(t.tenantId, t.activityId, t.date, t.status),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.activityId, t.date], foreignColumns: [occurrences.tenantId, occurrences.activityId, occurrences.date] }),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.cancelledBy], foreignColumns: [users.id] }),
    tenantPolicy("bookings"),
  ],
);

export const absenceReasons = ["illness", "family", "other"] as const;

/** An absence reported after the cancellation deadline, reviewed by staff. */
export const absenceReports = pgTable(
  "absence_reports",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    bookingId: uuid("booking_id").notNull(),
    reason: text("reason", { enum: absenceReasons }).notNull(),
    comment: text("comment").notNull().default(""),
    certificateName: text("certificate_name"),
    certificateType: text("certificate_type"),
    /** The certificate in storage (stored_files). */
    certificateFileId: uuid("certificate_file_id"),
    status: text("status", { enum: ["pending", "accepted", "rejected"] }).notNull().default("pending"),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull().defaultNow(),
    reportedBy: uuid("reported_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("absence_reports_booking").on(t.tenantId, t.bookingId),
    foreignKey({ columns: [t.tenantId, t.bookingId], foreignColumns: [bookings.tenantId, bookings.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.reportedBy], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.reviewedBy], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.tenantId, t.certificateFileId], foreignColumns: [storedFiles.tenantId, storedFiles.id] }),
    tenantPolicy("absence_reports"),
  ],
);

export const attendanceStatuses = ["present", "absent", "excused", "unbooked_present"] as const;

export const attendance = pgTable(
  "attendance",
  {
    tenantId: tenantIdColumn(),
    activityId: uuid("activity_id").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    childId: uuid("child_id").notNull(),
    status: text("status", { enum: attendanceStatuses }).notNull(),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
    markedBy: uuid("marked_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.activityId, t.date, t.childId] }),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.markedBy], foreignColumns: [users.id] }),
    tenantPolicy("attendance"),
  ],
);

/** Private, revocable calendar feed of a household's confirmed bookings; only the token's hash is kept. */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("calendar_feeds_token").on(t.tenantId, t.tokenHash),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    tenantPolicy("calendar_feeds"),
  ],
);
