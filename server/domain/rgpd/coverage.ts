/**
 * Every table that holds data about a family, and what the RGPD export and the erasure do with it.
 * `tests/server/domain/rgpd/coverage.test.ts` reads the schema: a table with a `household_id`,
 * `child_id` or `guardian_id` column, or a foreign key to a table of this list, must be listed here,
 * and each listed `export` key must be in the archive's donnees.json. So a new table about families
 * cannot be forgotten by the export or the erasure (it happened once: docs/rgpd.md).
 *
 * export: the key of donnees.json that holds its rows, or `false` with the reason it is not exported.
 * erasure: `deleted`; `pseudonymised` (kept, personal fields blanked); `kept` (no personal field of
 * its own, kept because the accounts or the proof of a right need it, with the reason).
 */
export type Erasure = "deleted" | "pseudonymised" | "kept";
export interface FamilyTableCoverage {
  export: string | false;
  erasure: Erasure;
  why?: string;
}

const ACCOUNTS = "pièce comptable, conservée 10 ans (Code de commerce L123-22, comptabilité publique)";

export const familyTables = {
  // The family file
  households: { export: "household", erasure: "pseudonymised", why: "la référence famille relie les pièces comptables conservées" },
  guardians: { export: "guardians", erasure: "deleted" },
  children: { export: "children", erasure: "pseudonymised", why: "seuls les enfants cités par une pièce comptable restent, sous « Enfant n » ; les autres sont supprimés" },
  authorized_pickups: { export: "authorizedPickups", erasure: "deleted" },
  quotients: { export: "quotients", erasure: "deleted" },
  household_activation_codes: { export: false, erasure: "deleted", why: "un code d'accès (secret), pas une donnée sur la famille" },
  household_events: { export: "history", erasure: "deleted" },
  family_changes: { export: "fileChanges", erasure: "deleted" },
  file_reviews: { export: "fileReviews", erasure: "deleted" },
  stored_files: { export: "files", erasure: "deleted" },
  calendar_feeds: { export: "calendarFeeds", erasure: "deleted" },
  // Bookings and attendance
  enrolments: { export: "enrolments", erasure: "deleted" },
  bookings: { export: "bookings", erasure: "pseudonymised", why: "les réservations facturées, payées ou créditées restent (justificatif des lignes), motifs vidés ; les autres sont supprimées" },
  absence_reports: { export: "absences", erasure: "deleted" },
  attendance: { export: "attendance", erasure: "deleted" },
  // Accounts: kept ten years
  invoices: { export: "invoices", erasure: "kept", why: ACCOUNTS },
  invoice_lines: { export: "invoices", erasure: "kept", why: ACCOUNTS },
  billed_bookings: { export: "billedBookings", erasure: "kept", why: ACCOUNTS },
  billed_attendance: { export: "billedAttendance", erasure: "kept", why: ACCOUNTS },
  credit_notes: { export: "creditNotes", erasure: "kept", why: ACCOUNTS },
  payments: { export: "payments", erasure: "kept", why: ACCOUNTS },
  payment_allocations: { export: "payments", erasure: "kept", why: ACCOUNTS },
  payment_invoices: { export: "paymentInvoices", erasure: "kept", why: ACCOUNTS },
  payment_bookings: { export: "paymentBookings", erasure: "kept", why: ACCOUNTS },
  payment_events: { export: "paymentEvents", erasure: "kept", why: ACCOUNTS },
  tax_certificates: { export: "taxCertificates", erasure: "pseudonymised", why: "attestation fiscale émise : conservée 10 ans, noms et dates de naissance des enfants remplacés par leur pseudonyme" },
  // Direct debit and collection
  sepa_mandates: { export: "sepaMandates", erasure: "pseudonymised", why: "preuve du mandat (règlement SEPA, pièces comptables) : RUM, dates et statut conservés, titulaire, IBAN (sauf pays et 4 derniers chiffres), BIC et texte signé effacés ; le mandat est révoqué" },
  debit_items: { export: "debitItems", erasure: "kept", why: ACCOUNTS },
  invoice_reminders: { export: "invoiceReminders", erasure: "kept", why: "relance d'une facture conservée (montant, date, nombre de destinataires : aucune donnée personnelle)" },
  treasury_referrals: { export: "treasuryReferrals", erasure: "kept", why: "transmission au comptable public d'une facture conservée" },
  // Requests and messages
  requests: { export: "requests", erasure: "deleted" },
  request_events: { export: "requests", erasure: "deleted" },
  request_files: { export: "requests", erasure: "deleted" },
  family_messages: { export: "messages", erasure: "deleted" },
  // Pre-registration
  applications: { export: "applications", erasure: "deleted" },
  application_documents: { export: "applications", erasure: "deleted" },
  // Fair allocation (an application, the allocation's verdict on it, staff's adjustments with their reason)
  allocation_applications: { export: "allocationApplications", erasure: "deleted" },
  allocation_results: { export: "allocationApplications", erasure: "deleted" },
  allocation_adjustments: { export: "allocationApplications", erasure: "deleted" },
  // The rights themselves
  erasure_requests: { export: "erasureRequests", erasure: "kept", why: "preuve de la réponse à la demande (identifiants et nombres seulement)" },
  audit_events: { export: "auditLog", erasure: "kept", why: "journal des actions (identifiants seulement), purgé après sa durée de conservation" },
} satisfies Record<string, FamilyTableCoverage>;

export type FamilyTable = keyof typeof familyTables;
