ALTER TABLE "bookings" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
-- Until now a cancellation overwrote override_reason (with its own reason, or null): on a cancelled
-- row, what is there is the cancellation's.
UPDATE "bookings" SET "cancel_reason" = "override_reason", "override_reason" = NULL WHERE "status" = 'cancelled' AND "cancelled_at" IS NOT NULL AND "override_reason" IS NOT NULL;
