-- Drizzle cannot emit FORCE: without it the table owner would bypass the policies.
ALTER TABLE "billed_attendance" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "billed_bookings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "credit_notes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "document_counters" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "invoice_lines" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "invoice_runs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "invoices" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "payment_allocations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "payment_bookings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "payments" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "quotients" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tariffs" FORCE ROW LEVEL SECURITY;
