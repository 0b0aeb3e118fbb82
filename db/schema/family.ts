import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants, users } from "./platform";

export const households = pgTable(
  "households",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    /** Family reference printed on invoices and used at the counter. */
    reference: text("reference").notNull(),
    name: text("name").notNull(),
    addressLine: text("address_line").notNull().default(""),
    postalCode: text("postal_code").notNull().default(""),
    city: text("city").notNull().default(""),
    isResident: boolean("is_resident").notNull().default(true),
    /** "Je choisis mon mode de réception de facture": paper, or e-mail notice. */
    invoiceDelivery: text("invoice_delivery", { enum: ["paper", "email"] }).notNull().default("paper"),
    /** Set when the family was erased (RGPD): the row stays, pseudonymised, for the accounts kept 10 years. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    /** Numéro d'allocataire CAF. */
    cafNumber: text("caf_number"),
    /** The family's liability insurance (assurance responsabilité civile / scolaire). */
    insuranceCompany: text("insurance_company"),
    insurancePolicy: text("insurance_policy"),
    insuranceExpiresOn: date("insurance_expires_on", { mode: "string" }),
    insuranceFileId: uuid("insurance_file_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("households_reference").on(t.tenantId, t.reference),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantPolicy("households"),
  ],
);

export const guardians = pgTable(
  "guardians",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    /** The account that acts for this guardian, once linked. */
    userId: uuid("user_id"),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email"),
    phone: text("phone"),
    relationship: text("relationship").notNull().default("parent"),
    /** Optional: where to reach a parent during the day. */
    employer: text("employer"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("guardians"),
  ],
);

export const storedFileKinds = ["child_photo", "absence_certificate", "pai_document", "vaccination_record", "insurance_certificate", "address_proof", "request_attachment"] as const;

/**
 * A file people uploaded (a child's photo, an absence certificate): its bytes live in storage
 * (server/adapters/storage) under `key`; this row says whose it is and what it is, for the download
 * route's access check. `contentType` is the type detected from the content, never the one announced.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    /** The family the file belongs to: its parents may read it. */
    householdId: uuid("household_id").notNull(),
    kind: text("kind", { enum: storedFileKinds }).notNull(),
    key: text("key").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** A safe download name (extension from the detected type). */
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("stored_files_key").on(t.tenantId, t.key),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    tenantPolicy("stored_files"),
  ],
);

export const children = pgTable(
  "children",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    school: text("school"),
    classLevel: text("class_level"),
    hasPai: boolean("has_pai").notNull().default(false),
    /**
     * The child's health record (allergies and their severity, PAI document, doctor, vaccinations,
     * disability needs), AES-256-GCM sealed (server/lib/health-crypto.ts); never read in SQL.
     */
    health: text("health"),
    /** Whether the record lists an allergy: the kitchen's meal counts need the number, not the allergen. */
    hasAllergies: boolean("has_allergies").notNull().default(false),
    /** Special diet for the kitchen's meal counts, from the commune's neutral list. */
    diet: text("diet", { enum: ["standard", "sans_porc", "sans_viande", "vegetarien", "sans_gluten"] }).notNull().default("standard"),
    /** Droit à l'image: the commune may show photos where the child appears. */
    imageRights: boolean("image_rights").notNull().default(false),
    /** Autorisation de sortie seul: may leave alone, and from when (« à partir de 17 h », « dès ses 8 ans »). */
    leavesAlone: boolean("leaves_alone").notNull().default(false),
    leavesAloneFrom: text("leaves_alone_from").notNull().default(""),
    /** The child's photo in storage (stored_files), shown on the site agents' daily list. */
    photoFileId: uuid("photo_file_id"),
    /** When the child was added: their health data is not erased for inactivity before the retention period has run from here. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // A household's children: every family page, and an invoice run asking each family in turn.
    index("children_household").on(t.tenantId, t.householdId),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.tenantId, t.photoFileId], foreignColumns: [storedFiles.tenantId, storedFiles.id] }),
    tenantPolicy("children"),
  ],
);

/** People allowed to collect a child, shown to site agents at pickup. */
export const authorizedPickups = pgTable(
  "authorized_pickups",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    childId: uuid("child_id").notNull(),
    name: text("name").notNull(),
    relationship: text("relationship").notNull().default(""),
    phone: text("phone").notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }).onDelete("cascade"),
    tenantPolicy("authorized_pickups"),
  ],
);

/**
 * The code a guardian types on `/compte` to link their account to this household (printed on its
 * invoices). Kept apart from `households` so no query reading a family file ever carries it; replaced
 * by a new one once used or when the front desk regenerates it.
 */
export const householdActivationCodes = pgTable(
  "household_activation_codes",
  {
    tenantId: tenantIdColumn(),
    householdId: uuid("household_id").notNull(),
    /** "K7QM-3XPD-R9TW": 12 characters without 0/O/1/I/L, grouped by four. */
    code: text("code").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid("issued_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.householdId] }),
    uniqueIndex("household_activation_codes_code").on(t.tenantId, t.code),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.issuedBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("household_activation_codes"),
  ],
);

export const householdEventKinds = ["resident_changed", "activation_code_regenerated", "account_linked", "address_changed"] as const;
export type HouseholdEventKind = (typeof householdEventKinds)[number];

/** What changed on a family file, by whom and when (resident flag, portal access), shown to the front desk. */
export const householdEvents = pgTable(
  "household_events",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    kind: text("kind", { enum: householdEventKinds }).notNull(),
    /** resident_changed: { isResident }; account_linked: { guardianName, email }. */
    data: jsonb("data").$type<Record<string, string | boolean>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Null when the family did it itself (account_linked) or the system did. */
    by: uuid("by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("household_events_household").on(t.tenantId, t.householdId, t.at),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.by], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("household_events"),
  ],
);
