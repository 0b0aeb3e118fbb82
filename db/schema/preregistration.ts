import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants, users } from "./platform";
import { households } from "./family";

/**
 * The documents a commune asks for with an online pre-registration (proof of address, CAF
 * attestation…), and which are required: a commune setting. Archived rather than deleted, so an
 * application keeps the label of what it sent.
 */
export const applicationDocumentTypes = pgTable(
  "application_document_types",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    label: text("label").notNull(),
    required: boolean("required").notNull().default(false),
    position: smallint("position").notNull().default(0),
    archived: boolean("archived").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    tenantPolicy("application_document_types"),
  ],
);

export const applicationStatuses = ["draft", "submitted", "needs_document", "accepted", "merged", "refused"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/**
 * A family's online pre-registration in a commune: kept as a draft (the form as typed, in `form`)
 * until submitted, then reviewed by staff. One open application per account and commune.
 */
export const applications = pgTable(
  "applications",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    /** The account that applies; linked to the family file once accepted. */
    userId: uuid("user_id").notNull(),
    status: text("status", { enum: applicationStatuses }).notNull().default("draft"),
    /** The form (household, guardians, children, services wanted), validated in full on submission. */
    form: jsonb("form").$type<Record<string, unknown>>().notNull().default({}),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by"),
    /** Refusal reason, or what staff asked for when a document is missing. */
    staffMessage: text("staff_message"),
    /** The family file it became (accepted) or joined (merged). */
    householdId: uuid("household_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("applications_open_per_user").on(t.tenantId, t.userId).where(sql`status in ('draft', 'submitted', 'needs_document')`),
    index("applications_status").on(t.tenantId, t.status),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.decidedBy], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }),
    tenantPolicy("applications"),
  ],
);

/** A document sent with an application: its bytes in storage under `key`, one per document type. */
export const applicationDocuments = pgTable(
  "application_documents",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    applicationId: uuid("application_id").notNull(),
    documentTypeId: uuid("document_type_id").notNull(),
    key: text("key").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("application_documents_one_per_type").on(t.tenantId, t.applicationId, t.documentTypeId),
    foreignKey({ columns: [t.tenantId, t.applicationId], foreignColumns: [applications.tenantId, applications.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.documentTypeId], foreignColumns: [applicationDocumentTypes.tenantId, applicationDocumentTypes.id] }),
    tenantPolicy("application_documents"),
  ],
);
