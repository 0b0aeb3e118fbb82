ALTER TABLE "tenants" ADD COLUMN "cheque_payee" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "logo_key" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "booking_emails" boolean DEFAULT true NOT NULL;