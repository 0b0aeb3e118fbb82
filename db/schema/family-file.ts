import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { households } from "./family";
import { tenants, users } from "./platform";

/**
 * How a commune runs its family files: the diets it offers (a neutral list, never a religious
 * label) and which sections a family's change waits for staff before it applies.
 */
export const familyFileSettings = pgTable(
  "family_file_settings",
  {
    tenantId: tenantIdColumn(),
    offeredDiets: jsonb("offered_diets").$type<string[]>().notNull(),
    /** Sections (common/family-file.ts `fileSections`) whose changes by a family wait for staff. */
    reviewedSections: jsonb("reviewed_sections").$type<string[]>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] }), foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"), tenantPolicy("family_file_settings")],
);

export const familyChangeStatuses = ["applied", "pending", "accepted", "refused"] as const;
export type FamilyChangeStatus = (typeof familyChangeStatuses)[number];

/**
 * Every change to a family file, one row per section changed: the file's history (who, when,
 * before, after) and the queue of changes waiting for staff (`pending`). `before` and `after` are
 * sealed (server/lib/health-crypto.ts) with the row's id as context: they may hold health data.
 */
export const familyChanges = pgTable(
  "family_changes",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull(),
    householdId: uuid("household_id").notNull(),
    /** The child or guardian the change is about, when it is about one. */
    childId: uuid("child_id"),
    guardianId: uuid("guardian_id"),
    section: text("section").notNull(),
    status: text("status", { enum: familyChangeStatuses }).notNull(),
    before: text("before"),
    after: text("after").notNull(),
    requestedBy: uuid("requested_by"),
    requestedByRole: text("requested_by_role", { enum: ["parent", "staff", "system"] }).notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** Why staff refused it (told to the family). */
    reason: text("reason"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("family_changes_household").on(t.tenantId, t.householdId, t.requestedAt),
    index("family_changes_status").on(t.tenantId, t.status, t.requestedAt),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.requestedBy], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ columns: [t.decidedBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("family_changes"),
  ],
);

/** « Vérifiez votre dossier pour la rentrée »: one request by an admin to every family, for a school year. */
export const fileReviewCampaigns = pgTable(
  "file_review_campaigns",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    /** « 2027-2028 ». */
    schoolYear: text("school_year").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    requestedBy: uuid("requested_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.requestedBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("file_review_campaigns"),
  ],
);

/** A family's answer to a campaign: it has checked its file. */
export const fileReviews = pgTable(
  "file_reviews",
  {
    tenantId: tenantIdColumn(),
    campaignId: uuid("campaign_id").notNull(),
    householdId: uuid("household_id").notNull(),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }).notNull(),
    reviewedBy: uuid("reviewed_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.campaignId, t.householdId] }),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [fileReviewCampaigns.tenantId, fileReviewCampaigns.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.reviewedBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("file_reviews"),
  ],
);
