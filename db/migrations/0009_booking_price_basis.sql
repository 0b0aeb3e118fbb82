ALTER TABLE "bookings" ADD COLUMN "reduction_percent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "sibling_rank" integer;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "pricing_label" text;