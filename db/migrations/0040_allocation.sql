CREATE TABLE "allocation_adjustments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"from_choice" smallint,
	"to_choice" smallint,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" uuid,
	CONSTRAINT "allocation_adjustments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "allocation_adjustments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "allocation_applications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"choices" jsonb NOT NULL,
	"parents_working" boolean DEFAULT false NOT NULL,
	"keep_siblings_together" boolean DEFAULT false NOT NULL,
	"social_priority" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	CONSTRAINT "allocation_applications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "allocation_applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "allocation_results" (
	"tenant_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"points" integer NOT NULL,
	"breakdown" jsonb NOT NULL,
	"lottery" text NOT NULL,
	"criterion_values" jsonb NOT NULL,
	"placed_choice" smallint,
	"waiting_rank" integer,
	"adjusted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "allocation_results_tenant_id_round_id_application_id_pk" PRIMARY KEY("tenant_id","round_id","application_id")
);
--> statement-breakpoint
ALTER TABLE "allocation_results" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "allocation_rounds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"label" text NOT NULL,
	"mode" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"residents_opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone NOT NULL,
	"criteria" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"seed" text,
	"seed_drawn_at" timestamp with time zone,
	"capacity" jsonb,
	"allocated_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "allocation_rounds_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "allocation_rounds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "allocation_adjustments" ADD CONSTRAINT "allocation_adjustments_tenant_id_round_id_allocation_rounds_tenant_id_id_fk" FOREIGN KEY ("tenant_id","round_id") REFERENCES "public"."allocation_rounds"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_adjustments" ADD CONSTRAINT "allocation_adjustments_tenant_id_application_id_allocation_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."allocation_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_adjustments" ADD CONSTRAINT "allocation_adjustments_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_applications" ADD CONSTRAINT "allocation_applications_tenant_id_round_id_allocation_rounds_tenant_id_id_fk" FOREIGN KEY ("tenant_id","round_id") REFERENCES "public"."allocation_rounds"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_applications" ADD CONSTRAINT "allocation_applications_tenant_id_child_id_children_tenant_id_id_fk" FOREIGN KEY ("tenant_id","child_id") REFERENCES "public"."children"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_applications" ADD CONSTRAINT "allocation_applications_tenant_id_household_id_households_tenant_id_id_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_applications" ADD CONSTRAINT "allocation_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_results" ADD CONSTRAINT "allocation_results_tenant_id_round_id_allocation_rounds_tenant_id_id_fk" FOREIGN KEY ("tenant_id","round_id") REFERENCES "public"."allocation_rounds"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_results" ADD CONSTRAINT "allocation_results_tenant_id_application_id_allocation_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."allocation_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_rounds" ADD CONSTRAINT "allocation_rounds_tenant_id_activity_id_activities_tenant_id_id_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_rounds" ADD CONSTRAINT "allocation_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "allocation_applications_child" ON "allocation_applications" USING btree ("tenant_id","round_id","child_id");--> statement-breakpoint
CREATE INDEX "allocation_rounds_activity" ON "allocation_rounds" USING btree ("tenant_id","activity_id","from_date");--> statement-breakpoint
CREATE POLICY "allocation_adjustments_tenant_isolation" ON "allocation_adjustments" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "allocation_applications_tenant_isolation" ON "allocation_applications" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "allocation_results_tenant_isolation" ON "allocation_results" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "allocation_rounds_tenant_isolation" ON "allocation_rounds" AS PERMISSIVE FOR ALL TO "recre_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);