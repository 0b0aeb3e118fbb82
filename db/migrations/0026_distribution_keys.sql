DROP INDEX "calendar_feeds_token";--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token" ON "calendar_feeds" USING btree ("tenant_id","token_hash");