-- Drizzle cannot emit FORCE: without it the table owner would bypass the policies.
ALTER TABLE "household_activation_codes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "household_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "payment_invoices" FORCE ROW LEVEL SECURITY;
