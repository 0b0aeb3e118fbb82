CREATE TABLE "family_changes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"child_id" uuid,
	"guardian_id" uuid,
	"section" text NOT NULL,
	"status" text NOT NULL,
	"before" text,
	"after" text NOT NULL,
	"requested_by" uuid,
	"requested_by_role" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	CONSTRAINT "family_changes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "family_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "family_file_settings" (
	"tenant_id" uuid NOT NULL,
	"offered_diets" jsonb NOT NULL,
	"reviewed_sections" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_file_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "family_file_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "file_review_campaigns" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"school_year" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by" uuid,
	CONSTRAINT "file_review_campaigns_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "file_review_campaigns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "file_reviews" (
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	CONSTRAINT "file_reviews_tenant_id_campaign_id_household_id_pk" PRIMARY KEY("tenant_id","campaign_id","household_id")
);
--> statement-breakpoint
ALTER TABLE "file_reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "health" text;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "has_allergies" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "image_rights" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "leaves_alone" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "leaves_alone_from" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "guardians" ADD COLUMN "employer" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "caf_number" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "insurance_company" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "insurance_policy" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "insurance_expires_on" date;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "insurance_file_id" uuid;--> statement-breakpoint
ALTER TABLE "family_changes" ADD CONSTRAINT "family_changes_tenant_id_household_id_households_tenant_id_id_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_changes" ADD CONSTRAINT "family_changes_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_changes" ADD CONSTRAINT "family_changes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_file_settings" ADD CONSTRAINT "family_file_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_review_campaigns" ADD CONSTRAINT "file_review_campaigns_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_review_campaigns" ADD CONSTRAINT "file_review_campaigns_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_reviews" ADD CONSTRAINT "file_reviews_tenant_id_campaign_id_file_review_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "public"."file_review_campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_reviews" ADD CONSTRAINT "file_reviews_tenant_id_household_id_households_tenant_id_id_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_reviews" ADD CONSTRAINT "file_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "family_changes_household" ON "family_changes" USING btree ("tenant_id","household_id","requested_at");--> statement-breakpoint
CREATE INDEX "family_changes_status" ON "family_changes" USING btree ("tenant_id","status","requested_at");--> statement-breakpoint
CREATE POLICY "family_changes_tenant_isolation" ON "family_changes" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "family_file_settings_tenant_isolation" ON "family_file_settings" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "file_review_campaigns_tenant_isolation" ON "file_review_campaigns" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "file_reviews_tenant_isolation" ON "file_reviews" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);