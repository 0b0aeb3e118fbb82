import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants, users } from "./platform";
import { households, storedFiles } from "./family";
import { creditNotes, invoices } from "./billing";
import { activities, sites } from "./reservations";

/**
 * Demandes (requests from families to the town hall), messages, news and published documents: the
 * town hall's side of the conversation. Every table is a tenant table (RLS forced in the custom
 * migration).
 */

/** What a category's request does when staff accept it (besides answering): the actions of docs/demandes.md. */
export const requestCategoryKinds = ["address_change", "invoice_dispute", "attendance_certificate", "pickup_authorisation", "question", "other"] as const;
export type RequestCategoryKind = (typeof requestCategoryKinds)[number];

/** One typed field of a category's form. */
export interface RequestFieldSpec {
  key: string;
  label: string;
  type: "text" | "textarea" | "date";
  required: boolean;
}

export const requestCategories = pgTable(
  "request_categories",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind", { enum: requestCategoryKinds }).notNull(),
    description: text("description").notNull().default(""),
    fields: jsonb("fields").$type<RequestFieldSpec[]>().notNull().default([]),
    /** Labels of the documents the family must attach (« Justificatif de domicile »). */
    requiredAttachments: jsonb("required_attachments").$type<string[]>().notNull().default([]),
    /** Who handles it: the admins only, or the front desk (admins too). */
    handledBy: text("handled_by", { enum: ["admin", "agent"] }).notNull().default("agent"),
    /** Target answer time in days; past it the request counts as late. */
    targetDays: integer("target_days"),
    archived: boolean("archived").notNull().default(false),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"), tenantPolicy("request_categories")],
);

export const requestStatuses = ["sent", "in_progress", "awaiting_family", "accepted", "refused"] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const requests = pgTable(
  "requests",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    categoryId: uuid("category_id").notNull(),
    status: text("status", { enum: requestStatuses }).notNull().default("sent"),
    /** The values of the category's fields, by key. */
    fields: jsonb("fields").$type<Record<string, string>>().notNull().default({}),
    /** A contestation: the invoice it is about (the family's own). */
    invoiceId: uuid("invoice_id"),
    assigneeUserId: uuid("assignee_user_id"),
    refusalReason: text("refusal_reason"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    /** When the answer is due (created + the category's target days); null: no target. */
    dueAt: timestamp("due_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** The avoir issued from this request (contestation accepted). */
    creditNoteId: uuid("credit_note_id"),
    /**
     * An attestation de présence established from this request: for whom and which days. The PDF is
     * drawn from the attendance records each time it is downloaded, as invoices' PDFs are.
     */
    certificate: jsonb("certificate").$type<{ childId: string; from: string; to: string; issuedAt: string }>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("requests_household").on(t.tenantId, t.householdId, t.createdAt),
    index("requests_status").on(t.tenantId, t.status, t.dueAt),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.categoryId], foreignColumns: [requestCategories.tenantId, requestCategories.id] }),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }),
    foreignKey({ columns: [t.tenantId, t.creditNoteId], foreignColumns: [creditNotes.tenantId, creditNotes.id] }),
    foreignKey({ columns: [t.assigneeUserId], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("requests"),
  ],
);

/** The request's thread and history: messages of either side, status changes, assignments, actions. */
export const requestEvents = pgTable(
  "request_events",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    requestId: uuid("request_id").notNull(),
    /** The thread's order: steps of one request can share an instant (one transaction, a pinned clock). */
    seq: integer("seq").generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    authorUserId: uuid("author_user_id"),
    side: text("side", { enum: ["family", "staff", "system"] }).notNull(),
    kind: text("kind", { enum: ["message", "status", "assigned", "action"] }).notNull(),
    body: text("body").notNull().default(""),
    /** status: { status }; assigned: { assignee }; action: { action, … }. */
    data: jsonb("data").$type<Record<string, string | number | null>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("request_events_request").on(t.tenantId, t.requestId, t.at),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [requests.tenantId, requests.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.authorUserId], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("request_events"),
  ],
);

/** Files attached to a request's thread (stored_files of the request's household). */
export const requestFiles = pgTable(
  "request_files",
  {
    tenantId: tenantIdColumn(),
    requestId: uuid("request_id").notNull(),
    fileId: uuid("file_id").notNull(),
    eventId: uuid("event_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.requestId, t.fileId] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [requests.tenantId, requests.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [requestEvents.tenantId, requestEvents.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.fileId], foreignColumns: [storedFiles.tenantId, storedFiles.id] }).onDelete("cascade"),
    tenantPolicy("request_files"),
  ],
);

/**
 * Messages between the commune and one family. A message to all families of an activity or a site
 * is one row per family, sharing `broadcastId`. `readAt`: read by the side it was sent to.
 */
export const familyMessages = pgTable(
  "family_messages",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    direction: text("direction", { enum: ["to_family", "to_commune"] }).notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    senderUserId: uuid("sender_user_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    broadcastId: uuid("broadcast_id"),
    /** For a broadcast: whom it went to, as shown to staff (« Mercredi loisirs », « Site Jules Verne »). */
    audienceActivityId: uuid("audience_activity_id"),
    audienceSiteId: uuid("audience_site_id"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("family_messages_household").on(t.tenantId, t.householdId, t.sentAt),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.audienceActivityId], foreignColumns: [activities.tenantId, activities.id] }),
    foreignKey({ columns: [t.tenantId, t.audienceSiteId], foreignColumns: [sites.tenantId, sites.id] }),
    foreignKey({ columns: [t.senderUserId], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("family_messages"),
  ],
);

/** Actualités: shown to the commune's families (and on its public page) from `publishFrom` until `publishUntil`. */
export const news = pgTable(
  "news",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    publishFrom: timestamp("publish_from", { withTimezone: true }).notNull(),
    publishUntil: timestamp("publish_until", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("news_publish").on(t.tenantId, t.publishFrom),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("news"),
  ],
);

export const documentCategories = ["rules", "menu", "tariffs", "other"] as const;

/** Documents the commune publishes (règlement intérieur, menus, tarifs): public, in storage under `key`. */
export const communeDocuments = pgTable(
  "commune_documents",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    title: text("title").notNull(),
    category: text("category", { enum: documentCategories }).notNull(),
    key: text("key").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    name: text("name").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("commune_documents"),
  ],
);

/** What the commune's public page says besides its contacts: a presentation and the opening hours. */
export const communeProfiles = pgTable(
  "commune_profiles",
  {
    tenantId: tenantIdColumn().primaryKey(),
    presentation: text("presentation").notNull().default(""),
    openingHours: text("opening_hours").notNull().default(""),
  },
  (t) => [foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"), tenantPolicy("commune_profiles")],
);
