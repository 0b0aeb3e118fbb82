import { sql } from "drizzle-orm";
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { TariffPricing } from "@/common/tariff-pricing";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { children, households } from "./family";
import { users } from "./platform";
import { activities, bookings } from "./reservations";

/** Prices of an activity from a date on; a change is a new row, so booked prices never move. */
export const tariffs = pgTable(
  "tariffs",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    activityId: uuid("activity_id").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    pricing: jsonb("pricing").$type<TariffPricing>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("tariffs_activity_from").on(t.tenantId, t.activityId, t.validFrom),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }),
    tenantPolicy("tariffs"),
  ],
);

/** Quotient familial history of a household: the value in force at a date is the latest valid one. */
export const quotients = pgTable(
  "quotients",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    value: integer("value").notNull(),
    source: text("source", { enum: ["caf", "fiscal"] }).notNull(),
    /** CAF attestation date, or the fiscal data used for the computation. */
    attestationDate: date("attestation_date", { mode: "string" }),
    fiscal: jsonb("fiscal").$type<{ annualIncomeCents: number; monthlyBenefitsCents: number; parts: number }>(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("quotients_household").on(t.tenantId, t.householdId, t.validFrom),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }),
    tenantPolicy("quotients"),
  ],
);

/** Gapless invoice numbers: one counter per commune, year and kind, bumped in the issuing transaction. */
export const documentCounters = pgTable(
  "document_counters",
  {
    tenantId: tenantIdColumn(),
    kind: text("kind", { enum: ["invoice", "credit_note", "tax_certificate"] }).notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.year] }), tenantPolicy("document_counters")],
);

export const invoiceRuns = pgTable(
  "invoice_runs",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    /** "2026-12": the month billed. */
    period: text("period").notNull(),
    mode: text("mode", { enum: ["advance", "arrears"] }).notNull(),
    status: text("status", { enum: ["issuing", "issued"] }).notNull().default("issuing"),
    invoiceCount: integer("invoice_count").notNull().default(0),
    totalCents: integer("total_cents").notNull().default(0),
    /**
     * Households with booked days in the month when the run started: the progress bar's total
     * (what is left = this less the invoices issued), counted once instead of after every batch.
     */
    householdsExpected: integer("households_expected"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by"),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }),
    tenantPolicy("invoice_runs"),
  ],
);

/** An issued invoice is never edited: corrections are credit notes or lines on the next invoice. */
export const invoices = pgTable(
  "invoices",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    runId: uuid("run_id"),
    /** "2026-000123": year and gapless sequence. */
    number: text("number").notNull(),
    kind: text("kind", { enum: ["monthly", "basket"] }).notNull(),
    periodLabel: text("period_label").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    totalCents: integer("total_cents").notNull(),
    /** Balance still due from earlier documents when this one was issued (shown, not added twice). */
    previousBalanceCents: integer("previous_balance_cents").notNull().default(0),
    hiddenByFamily: boolean("hidden_by_family").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("invoices_number").on(t.tenantId, t.number),
    // A household's documents: its balance (asked for every household an invoice run bills) and statement.
    index("invoices_household").on(t.tenantId, t.householdId),
    // A run's invoices: where a batch resumes (the last family it billed).
    index("invoices_run").on(t.tenantId, t.runId),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }),
    foreignKey({ columns: [t.tenantId, t.runId], foreignColumns: [invoiceRuns.tenantId, invoiceRuns.id] }),
    tenantPolicy("invoices"),
  ],
);

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    invoiceId: uuid("invoice_id").notNull(),
    childId: uuid("child_id"),
    activityId: uuid("activity_id"),
    /** service: supervision; meal: food (kept apart for the childcare tax credit); regularisation. */
    kind: text("kind", { enum: ["service", "meal", "regularisation", "surcharge", "penalty", "reduction"] }).notNull(),
    label: text("label").notNull(),
    dates: date("dates", { mode: "string" }).array().notNull().default(sql`'{}'::date[]`),
    quantity: integer("quantity").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    amountCents: integer("amount_cents").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }),
    tenantPolicy("invoice_lines"),
  ],
);

/** Which invoice billed a booking, so a period re-run never bills it twice. */
export const billedBookings = pgTable(
  "billed_bookings",
  {
    tenantId: tenantIdColumn(),
    bookingId: uuid("booking_id").notNull(),
    invoiceId: uuid("invoice_id").notNull(),
    /** A second row (kind "regularisation") records a later correction of the same booking. */
    kind: text("kind", { enum: ["charge", "regularisation"] }).notNull().default("charge"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.bookingId, t.kind] }),
    foreignKey({ columns: [t.tenantId, t.bookingId], foreignColumns: [bookings.tenantId, bookings.id] }),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }),
    tenantPolicy("billed_bookings"),
  ],
);

/** Attendance billed in arrears (presence without booking, unjustified absence), billed once. */
export const billedAttendance = pgTable(
  "billed_attendance",
  {
    tenantId: tenantIdColumn(),
    activityId: uuid("activity_id").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    childId: uuid("child_id").notNull(),
    invoiceId: uuid("invoice_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.activityId, t.date, t.childId] }),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }),
    tenantPolicy("billed_attendance"),
  ],
);

/** A credit note (avoir): corrects an invoice or credits the family account. */
export const creditNotes = pgTable(
  "credit_notes",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    invoiceId: uuid("invoice_id"),
    number: text("number").notNull(),
    amountCents: integer("amount_cents").notNull(),
    reason: text("reason").notNull(),
    bookingId: uuid("booking_id"),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("credit_notes_number").on(t.tenantId, t.number),
    // A cancelled booking is credited once, however often the cancellation is replayed.
    uniqueIndex("credit_notes_booking").on(t.tenantId, t.bookingId),
    // A household's balance and statement, as for invoices.
    index("credit_notes_household").on(t.tenantId, t.householdId),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }),
    foreignKey({ columns: [t.tenantId, t.bookingId], foreignColumns: [bookings.tenantId, bookings.id] }),
    tenantPolicy("credit_notes"),
  ],
);

export const paymentMethods = ["card", "payfip", "direct_debit", "cash", "cheque", "cesu", "ancv", "transfer", "demo"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const payments = pgTable(
  "payments",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    householdId: uuid("household_id").notNull(),
    method: text("method", { enum: paymentMethods }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed", "cancelled"] }).notNull().default("pending"),
    /** What the payment pays for: a basket of held bookings, invoices, at the counter; or money given back (refund, amount < 0). */
    purpose: text("purpose", { enum: ["basket", "invoices", "counter", "refund"] }).notNull(),
    /**
     * Our reference of an online payment, written before the provider is called and handed to it
     * (idempotency key, metadata); unique, so a notification applied twice finds the same row.
     */
    providerRef: text("provider_ref"),
    /** Which adapter takes it (server/adapters/payments), its own id for it, and where the parent pays. */
    provider: text("provider"),
    providerSession: text("provider_session"),
    redirectUrl: text("redirect_url"),
    reference: text("reference").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    /** Online: when the provider's page closes. Until then a pending payment holds what it pays for. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    recordedBy: uuid("recorded_by"),
    /** Counter payments: one key per opening of the form, so a double click records one payment. */
    idempotencyKey: text("idempotency_key"),
    /** A refund: the payment whose money it gives back (through its provider), or null (treasury). */
    refundOf: uuid("refund_of"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("payments_provider_ref").on(t.tenantId, t.providerRef),
    uniqueIndex("payments_idempotency_key").on(t.tenantId, t.idempotencyKey),
    foreignKey({ columns: [t.tenantId, t.refundOf], foreignColumns: [t.tenantId, t.id] }),
    // A household's balance and statement, as for invoices.
    index("payments_household").on(t.tenantId, t.householdId),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }),
    foreignKey({ columns: [t.recordedBy], foreignColumns: [users.id] }),
    tenantPolicy("payments"),
  ],
);

/** Bookings a basket payment is for (held until it succeeds or the hold expires). */
export const paymentBookings = pgTable(
  "payment_bookings",
  {
    tenantId: tenantIdColumn(),
    paymentId: uuid("payment_id").notNull(),
    bookingId: uuid("booking_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.paymentId, t.bookingId] }),
    foreignKey({ columns: [t.tenantId, t.paymentId], foreignColumns: [payments.tenantId, payments.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.bookingId], foreignColumns: [bookings.tenantId, bookings.id] }),
    tenantPolicy("payment_bookings"),
  ],
);

/**
 * Every provider notification applied, by the provider's event id: the same event delivered again
 * finds its row and changes nothing. Kept as the trail of what each provider said.
 */
export const paymentEvents = pgTable(
  "payment_events",
  {
    tenantId: tenantIdColumn(),
    provider: text("provider").notNull(),
    eventId: text("event_id").notNull(),
    paymentId: uuid("payment_id").notNull(),
    status: text("status", { enum: ["paid", "failed", "abandoned", "refunded"] }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    /** What applying it did: applied, unchanged (already so), or refused (amount not the payment's). */
    outcome: text("outcome").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.provider, t.eventId] }),
    index("payment_events_payment").on(t.tenantId, t.paymentId),
    foreignKey({ columns: [t.tenantId, t.paymentId], foreignColumns: [payments.tenantId, payments.id] }).onDelete("cascade"),
    tenantPolicy("payment_events"),
  ],
);

/** One payment may settle several invoices: its amount is split here. */
export const paymentAllocations = pgTable(
  "payment_allocations",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    paymentId: uuid("payment_id").notNull(),
    invoiceId: uuid("invoice_id").notNull(),
    amountCents: integer("amount_cents").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.paymentId], foreignColumns: [payments.tenantId, payments.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }),
    tenantPolicy("payment_allocations"),
  ],
);

/**
 * Invoices an online payment is for, with the amount asked for each: an invoice payment's choice, or
 * the debts a basket payment adds to its total. Allocated when it succeeds; held while it is open.
 */
export const paymentInvoices = pgTable(
  "payment_invoices",
  {
    tenantId: tenantIdColumn(),
    paymentId: uuid("payment_id").notNull(),
    invoiceId: uuid("invoice_id").notNull(),
    amountCents: integer("amount_cents").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.paymentId, t.invoiceId] }),
    foreignKey({ columns: [t.tenantId, t.paymentId], foreignColumns: [payments.tenantId, payments.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }),
    tenantPolicy("payment_invoices"),
  ],
);
