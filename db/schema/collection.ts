import { sql } from "drizzle-orm";
import { date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { households } from "./family";
import { tenants, users } from "./platform";
import { invoices, payments } from "./billing";

/**
 * How a commune collects what families owe besides online payment: SEPA direct debit (its creditor
 * identifier, account and debit day, the bank fee passed on for a rejected debit) and the reminder
 * schedule for unpaid invoices. One row per commune, absent until its admin saves it.
 */
export const collectionSettings = pgTable(
  "collection_settings",
  {
    tenantId: tenantIdColumn(),
    /** Identifiant créancier SEPA (ICS), e.g. FR12ZZZ123456; empty: no direct debit offered. */
    creditorId: text("creditor_id").notNull().default(""),
    /** The account debits are paid into (the régie's account at the Trésor public or a bank). */
    creditorIban: text("creditor_iban").notNull().default(""),
    creditorBic: text("creditor_bic").notNull().default(""),
    /** Day of the month debits are taken (1–28). */
    debitDay: smallint("debit_day").notNull().default(5),
    /** Bank fee charged to the family for a rejected debit, in cents (0: none). */
    rejectFeeCents: integer("reject_fee_cents").notNull().default(0),
    /** Reminder steps, in days after the due date (e.g. {10,30}); empty: no reminders. */
    reminderDays: integer("reminder_days").array().notNull().default(sql`'{}'::integer[]`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    tenantPolicy("collection_settings"),
  ],
);

/** A SEPA direct-debit mandate signed online by a parent; revoked ones are kept (their RUM stays taken). */
export const sepaMandates = pgTable(
  "sepa_mandates",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    /** Référence unique du mandat, unique in the commune. */
    rum: text("rum").notNull(),
    holderName: text("holder_name").notNull(),
    iban: text("iban").notNull(),
    bic: text("bic").notNull(),
    signatureDate: date("signature_date", { mode: "string" }).notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull(),
    signedBy: uuid("signed_by"),
    /** The mandate text exactly as shown and accepted. */
    mandateText: text("mandate_text").notNull(),
    status: text("status", { enum: ["active", "revoked"] }).notNull().default("active"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("sepa_mandates_rum").on(t.tenantId, t.rum),
    // One active mandate per household: a new signature revokes the old one first.
    uniqueIndex("sepa_mandates_active").on(t.tenantId, t.householdId).where(sql`status = 'active'`),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.signedBy], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ columns: [t.revokedBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("sepa_mandates"),
  ],
);

/** A debit run (campagne de prélèvement) for one collection date; families are told when it is created. */
export const debitRuns = pgTable(
  "debit_runs",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    collectionDate: date("collection_date", { mode: "string" }).notNull(),
    /** notified: created, families told; exported: the file was generated and the payments recorded. */
    status: text("status", { enum: ["notified", "exported"] }).notNull().default("notified"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by"),
    exportedAt: timestamp("exported_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("debit_runs"),
  ],
);

/** One invoice debited in a run: one transaction of the pain.008 file, one payment once exported. */
export const debitItems = pgTable(
  "debit_items",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    runId: uuid("run_id").notNull(),
    householdId: uuid("household_id").notNull(),
    mandateId: uuid("mandate_id").notNull(),
    invoiceId: uuid("invoice_id").notNull(),
    /** Pre-notified amount; at export, what is then still due if less. */
    amountCents: integer("amount_cents").notNull(),
    sequenceType: text("sequence_type", { enum: ["FRST", "RCUR"] }).notNull(),
    /** planned → collected (exported) or skipped (paid meanwhile); collected → rejected (R-transaction). */
    status: text("status", { enum: ["planned", "collected", "skipped", "rejected"] }).notNull().default("planned"),
    paymentId: uuid("payment_id"),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    rejectReason: text("reject_reason"),
    /** The invoice that charged the bank fee of the rejection, if the commune charges one. */
    feeInvoiceId: uuid("fee_invoice_id"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("debit_items_run").on(t.tenantId, t.runId),
    index("debit_items_mandate").on(t.tenantId, t.mandateId),
    // An invoice is in one live debit at most; after a rejection it may be debited again.
    uniqueIndex("debit_items_live_invoice").on(t.tenantId, t.invoiceId).where(sql`status in ('planned', 'collected')`),
    foreignKey({ columns: [t.tenantId, t.runId], foreignColumns: [debitRuns.tenantId, debitRuns.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }),
    foreignKey({ columns: [t.tenantId, t.mandateId], foreignColumns: [sepaMandates.tenantId, sepaMandates.id] }),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }),
    foreignKey({ columns: [t.tenantId, t.paymentId], foreignColumns: [payments.tenantId, payments.id] }),
    foreignKey({ columns: [t.tenantId, t.feeInvoiceId], foreignColumns: [invoices.tenantId, invoices.id] }),
    tenantPolicy("debit_items"),
  ],
);

/** A reminder sent for an unpaid invoice: the key makes each step of each invoice happen once. */
export const invoiceReminders = pgTable(
  "invoice_reminders",
  {
    tenantId: tenantIdColumn(),
    invoiceId: uuid("invoice_id").notNull(),
    /** 1 for the first step of the commune's schedule, and so on. */
    step: smallint("step").notNull(),
    householdId: uuid("household_id").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    remainingCents: integer("remaining_cents").notNull(),
    recipients: integer("recipients").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.invoiceId, t.step] }),
    index("invoice_reminders_sent").on(t.tenantId, t.sentAt),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }),
    tenantPolicy("invoice_reminders"),
  ],
);

/** An invoice still unpaid after the last reminder, to be collected by the Trésor public (titre exécutoire). */
export const treasuryReferrals = pgTable(
  "treasury_referrals",
  {
    tenantId: tenantIdColumn(),
    invoiceId: uuid("invoice_id").notNull(),
    householdId: uuid("household_id").notNull(),
    flaggedAt: timestamp("flagged_at", { withTimezone: true }).notNull(),
    remainingCents: integer("remaining_cents").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.invoiceId] }),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }),
    tenantPolicy("treasury_referrals"),
  ],
);

export interface CertificateChild {
  childId: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  amountCents: number;
}

/** Attestation fiscale (frais de garde, art. 200 quater B CGI): numbered; a reissue replaces the current one. */
export const taxCertificates = pgTable(
  "tax_certificates",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    year: smallint("year").notNull(),
    /** "AF-2027-000001": numbered per commune and year of issue. */
    number: text("number").notNull(),
    children: jsonb("children").$type<CertificateChild[]>().notNull(),
    totalCents: integer("total_cents").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    issuedBy: uuid("issued_by"),
    status: text("status", { enum: ["current", "replaced"] }).notNull().default("current"),
    replacedAt: timestamp("replaced_at", { withTimezone: true }),
    replacedBy: uuid("replaced_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("tax_certificates_number").on(t.tenantId, t.number),
    uniqueIndex("tax_certificates_current").on(t.tenantId, t.householdId, t.year).where(sql`status = 'current'`),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.issuedBy], foreignColumns: [users.id] }).onDelete("set null"),
    tenantPolicy("tax_certificates"),
  ],
);
