-- Family file tables: row-level security forced (drizzle-kit cannot emit FORCE).
ALTER TABLE "family_file_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "family_changes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "file_review_campaigns" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "file_reviews" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- A family file's history is kept: the tenant role decides pending changes, never deletes one.
REVOKE DELETE ON "family_changes" FROM recre_app;
