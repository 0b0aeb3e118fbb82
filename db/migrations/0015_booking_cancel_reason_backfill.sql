-- 0012 moved the reasons of past cancellations from override_reason to cancel_reason, but as a
-- non-superuser owner of the table (FORCE ROW LEVEL SECURITY, a policy for recre_app only, no
-- app.tenant_id) its UPDATE saw no row at all. The same backfill again, with RLS lifted for this
-- statement only (the owner, or a superuser, may); already moved rows (override_reason now null) and
-- rows with a cancellation reason of their own are left alone.
ALTER TABLE "bookings" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "bookings" SET "cancel_reason" = "override_reason", "override_reason" = NULL WHERE "status" = 'cancelled' AND "cancelled_at" IS NOT NULL AND "override_reason" IS NOT NULL AND "cancel_reason" IS NULL;--> statement-breakpoint
ALTER TABLE "bookings" FORCE ROW LEVEL SECURITY;
