ALTER TABLE "tenants" ADD COLUMN "scheduled_runs" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "advance_run_day" smallint DEFAULT 27 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "arrears_run_day" smallint DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "billing_mode" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "invoice_timing" text DEFAULT 'advance' NOT NULL;