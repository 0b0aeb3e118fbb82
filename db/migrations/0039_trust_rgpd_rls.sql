-- RGPD tables: row-level security forced (drizzle-kit cannot emit FORCE).
ALTER TABLE "erasure_requests" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "retention_reports" FORCE ROW LEVEL SECURITY;
