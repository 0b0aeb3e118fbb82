-- Direct debit, reminders and tax certificates: tenant tables under forced row-level security.
ALTER TABLE "collection_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sepa_mandates" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "debit_runs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "debit_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invoice_reminders" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "treasury_referrals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tax_certificates" FORCE ROW LEVEL SECURITY;
