CREATE INDEX "children_household" ON "children" USING btree ("tenant_id","household_id");--> statement-breakpoint
CREATE INDEX "invoices_run" ON "invoices" USING btree ("tenant_id","run_id");