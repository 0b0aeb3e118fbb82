-- Tenant tables of the adapters seam: row-level security forced (drizzle-kit cannot emit FORCE).
ALTER TABLE "stored_files" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "payment_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Online payments started before the seam were all the demonstration provider's.
ALTER TABLE "payments" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "payments" SET "provider" = 'demo' WHERE "method" = 'demo' AND "provider" IS NULL;--> statement-breakpoint
ALTER TABLE "payments" FORCE ROW LEVEL SECURITY;
