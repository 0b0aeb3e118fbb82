CREATE INDEX "credit_notes_household" ON "credit_notes" USING btree ("tenant_id","household_id");--> statement-breakpoint
CREATE INDEX "invoices_household" ON "invoices" USING btree ("tenant_id","household_id");--> statement-breakpoint
CREATE INDEX "payments_household" ON "payments" USING btree ("tenant_id","household_id");