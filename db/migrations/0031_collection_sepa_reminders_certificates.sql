CREATE TABLE "collection_settings" (
	"tenant_id" uuid NOT NULL,
	"creditor_id" text DEFAULT '' NOT NULL,
	"creditor_iban" text DEFAULT '' NOT NULL,
	"creditor_bic" text DEFAULT '' NOT NULL,
	"debit_day" smallint DEFAULT 5 NOT NULL,
	"reject_fee_cents" integer DEFAULT 0 NOT NULL,
	"reminder_days" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "collection_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "debit_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"mandate_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"sequence_type" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"payment_id" uuid,
	"rejected_at" timestamp with time zone,
	"reject_reason" text,
	"fee_invoice_id" uuid,
	CONSTRAINT "debit_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "debit_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "debit_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"collection_date" date NOT NULL,
	"status" text DEFAULT 'notified' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "debit_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "debit_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invoice_reminders" (
	"tenant_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"step" smallint NOT NULL,
	"household_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"remaining_cents" integer NOT NULL,
	"recipients" integer NOT NULL,
	CONSTRAINT "invoice_reminders_tenant_id_invoice_id_step_pk" PRIMARY KEY("tenant_id","invoice_id","step")
);
--> statement-breakpoint
ALTER TABLE "invoice_reminders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sepa_mandates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"rum" text NOT NULL,
	"holder_name" text NOT NULL,
	"iban" text NOT NULL,
	"bic" text NOT NULL,
	"signature_date" date NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signed_by" uuid,
	"mandate_text" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "sepa_mandates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "sepa_mandates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tax_certificates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"number" text NOT NULL,
	"children" jsonb NOT NULL,
	"total_cents" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"status" text DEFAULT 'current' NOT NULL,
	"replaced_at" timestamp with time zone,
	"replaced_by" uuid,
	CONSTRAINT "tax_certificates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "tax_certificates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "treasury_referrals" (
	"tenant_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"flagged_at" timestamp with time zone NOT NULL,
	"remaining_cents" integer NOT NULL,
	CONSTRAINT "treasury_referrals_tenant_id_invoice_id_pk" PRIMARY KEY("tenant_id","invoice_id")
);
--> statement-breakpoint
ALTER TABLE "treasury_referrals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "collection_settings" ADD CONSTRAINT "collection_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debit_items" ADD CONSTRAINT "debit_items_tenant_id_run_id_debit_runs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","run_id") REFERENCES "public"."debit_runs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debit_items" ADD CONSTRAINT "debit_items_tenant_id_household_id_households_tenant_id_id_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debit_items" ADD CONSTRAINT "debit_items_tenant_id_mandate_id_sepa_mandates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","mandate_id") REFERENCES "public"."sepa_mandates"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debit_items" ADD CONSTRAINT "debit_items_tenant_id_invoice_id_invoices_tenant_id_id_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debit_items" ADD CONSTRAINT "debit_items_tenant_id_payment_id_payments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","payment_id") REFERENCES "public"."payments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debit_items" ADD CONSTRAINT "debit_items_tenant_id_fee_invoice_id_invoices_tenant_id_id_fk" FOREIGN KEY ("tenant_id","fee_invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debit_runs" ADD CONSTRAINT "debit_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_reminders" ADD CONSTRAINT "invoice_reminders_tenant_id_invoice_id_invoices_tenant_id_id_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_reminders" ADD CONSTRAINT "invoice_reminders_tenant_id_household_id_households_tenant_id_id_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sepa_mandates" ADD CONSTRAINT "sepa_mandates_tenant_id_household_id_households_tenant_id_id_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sepa_mandates" ADD CONSTRAINT "sepa_mandates_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sepa_mandates" ADD CONSTRAINT "sepa_mandates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_certificates" ADD CONSTRAINT "tax_certificates_tenant_id_household_id_households_tenant_id_id_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_certificates" ADD CONSTRAINT "tax_certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treasury_referrals" ADD CONSTRAINT "treasury_referrals_tenant_id_invoice_id_invoices_tenant_id_id_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treasury_referrals" ADD CONSTRAINT "treasury_referrals_tenant_id_household_id_households_tenant_id_id_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "debit_items_run" ON "debit_items" USING btree ("tenant_id","run_id");--> statement-breakpoint
CREATE INDEX "debit_items_mandate" ON "debit_items" USING btree ("tenant_id","mandate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "debit_items_live_invoice" ON "debit_items" USING btree ("tenant_id","invoice_id") WHERE status in ('planned', 'collected');--> statement-breakpoint
CREATE INDEX "invoice_reminders_sent" ON "invoice_reminders" USING btree ("tenant_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sepa_mandates_rum" ON "sepa_mandates" USING btree ("tenant_id","rum");--> statement-breakpoint
CREATE UNIQUE INDEX "sepa_mandates_active" ON "sepa_mandates" USING btree ("tenant_id","household_id") WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "tax_certificates_number" ON "tax_certificates" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "tax_certificates_current" ON "tax_certificates" USING btree ("tenant_id","household_id","year") WHERE status = 'current';--> statement-breakpoint
CREATE POLICY "collection_settings_tenant_isolation" ON "collection_settings" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "debit_items_tenant_isolation" ON "debit_items" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "debit_runs_tenant_isolation" ON "debit_runs" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "invoice_reminders_tenant_isolation" ON "invoice_reminders" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "sepa_mandates_tenant_isolation" ON "sepa_mandates" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tax_certificates_tenant_isolation" ON "tax_certificates" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "treasury_referrals_tenant_isolation" ON "treasury_referrals" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);