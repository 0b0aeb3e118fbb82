-- Tenant tables of demandes, messages, news and documents: row-level security forced (drizzle-kit cannot emit FORCE).
ALTER TABLE "request_categories" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "requests" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "request_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "request_files" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "family_messages" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "news" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "commune_documents" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "commune_profiles" FORCE ROW LEVEL SECURITY;
